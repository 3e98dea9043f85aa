using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors.Database;

/// <summary>
/// What a database connector reads: a table or a read-only query of one engine, which of its columns fill which
/// dataset columns, and optionally a watermark column for incremental reads. The connection string is not here but in
/// <see cref="DatabaseSecrets"/>.
/// </summary>
public sealed record DatabaseSourceSettings
{
    public const int DefaultBatchSize = 5_000;

    public const int MaxBatchSize = 100_000;

    /// <summary>The watermark types that have an order a read can resume from.</summary>
    public static IReadOnlyList<ColumnType> WatermarkTypes { get; } =
        [ColumnType.Integer, ColumnType.Number, ColumnType.Text, ColumnType.Date, ColumnType.DateTime];

    public required DatabaseEngine Engine { get; init; }

    /// <summary>A table or view, optionally schema-qualified (<c>dkkd.dang_ky</c>); null when <see cref="Query"/> is used.</summary>
    public string? Table { get; init; }

    /// <summary>One read-only statement (<c>SELECT</c> or <c>WITH</c>); null when <see cref="Table"/> is used.</summary>
    public string? Query { get; init; }

    /// <summary>The dataset columns and the source columns (<see cref="FieldMapping.SourcePath"/>) they come from.</summary>
    public IReadOnlyList<FieldMapping> Mappings { get; init; } = [];

    /// <summary>A source column that only grows (an id, a last-modified time); an incremental read takes the rows above the last value seen.</summary>
    public string? WatermarkColumn { get; init; }

    /// <summary>The watermark column's type, which says how its value is compared and written as text.</summary>
    public ColumnType? WatermarkType { get; init; }

    /// <summary>Source rows per <see cref="SourceBatch"/>; default <see cref="DefaultBatchSize"/>.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    public bool IsIncremental => WatermarkColumn is not null;

    /// <summary>The problems that stop these settings from being used, in the current UI language; empty when valid.</summary>
    /// <param name="requireMappings">False for a dry run or a column listing, which an editor runs before anything is mapped.</param>
    public IReadOnlyList<string> Validate(bool requireMappings = true)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Engine))
        {
            problems.Add(Text.Pick(
                "Loại cơ sở dữ liệu «{0}» không được hỗ trợ; chọn một trong: {1}.",
                "The database engine '{0}' is not supported; choose one of: {1}.",
                Engine, string.Join(", ", Enum.GetNames<DatabaseEngine>())));
        }
        var hasTable = !string.IsNullOrWhiteSpace(Table);
        var hasQuery = !string.IsNullOrWhiteSpace(Query);
        if (hasTable == hasQuery)
        {
            problems.Add(Text.Pick(
                "Cần chọn đúng một cách đọc: một bảng, hoặc một câu truy vấn chỉ đọc.",
                "Choose exactly one way to read: a table, or a read-only query."));
        }
        else if (hasTable && SourceIdentifier.SplitTableName(Table) is null)
        {
            problems.Add(SourceIdentifier.Problem("Tên bảng", "The table name", Table));
        }
        else if (hasQuery && !ReadOnlyQuery.TryCheck(Query, out _, out var queryProblem))
        {
            problems.Add(queryProblem!);
        }
        if (requireMappings || Mappings is { Count: > 0 })
        {
            ValidateMappings(problems);
        }
        ValidateWatermark(problems);
        if (BatchSize is < 1 or > MaxBatchSize)
        {
            problems.Add(Text.Pick(
                "Số dòng mỗi lô phải từ 1 đến {0:N0}.",
                "The batch size must be between 1 and {0:N0} rows.",
                MaxBatchSize));
        }
        return problems;
    }

    private void ValidateMappings(List<string> problems)
    {
        if (Mappings is not { Count: > 0 })
        {
            problems.Add(Text.Pick(
                "Cần ghép ít nhất một cột nguồn với một cột của tập dữ liệu.",
                "Map at least one source column to a dataset column."));
            return;
        }
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in Mappings)
        {
            if (string.IsNullOrWhiteSpace(mapping.Column))
            {
                problems.Add(Text.Pick("Tên cột của tập dữ liệu không được để trống.", "A dataset column name must not be empty."));
            }
            else if (!columns.Add(mapping.Column))
            {
                problems.Add(Text.Pick(
                    "Cột «{0}» của tập dữ liệu được ghép hai lần; mỗi cột chỉ lấy từ một cột nguồn.",
                    "The dataset column '{0}' is mapped twice; each column comes from one source column.",
                    mapping.Column));
            }
            if (!Enum.IsDefined(mapping.Type))
            {
                problems.Add(Text.Pick("Cột «{0}» có kiểu không hợp lệ.", "The column '{0}' has an invalid type.", mapping.Column));
            }
            if (!SourceIdentifier.IsValid(mapping.SourcePath))
            {
                problems.Add(SourceIdentifier.Problem("Tên cột nguồn", "The source column name", mapping.SourcePath));
            }
        }
    }

    private void ValidateWatermark(List<string> problems)
    {
        if (WatermarkColumn is null)
        {
            if (WatermarkType is not null)
            {
                problems.Add(Text.Pick(
                    "Đã chọn kiểu mốc đồng bộ nhưng chưa chọn cột mốc.",
                    "A watermark type is set but no watermark column."));
            }
            return;
        }
        if (!SourceIdentifier.IsValid(WatermarkColumn))
        {
            problems.Add(SourceIdentifier.Problem("Tên cột mốc đồng bộ", "The watermark column name", WatermarkColumn));
        }
        if (WatermarkType is not { } type || !WatermarkTypes.Contains(type))
        {
            problems.Add(Text.Pick(
                "Cột mốc đồng bộ «{0}» cần kiểu số nguyên, số, văn bản, ngày hoặc ngày giờ.",
                "The watermark column '{0}' needs the type integer, number, text, date or datetime.",
                WatermarkColumn));
        }
    }
}
