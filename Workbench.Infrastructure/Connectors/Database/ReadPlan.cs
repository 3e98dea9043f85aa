using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>
/// The mappings matched against the columns the source has now: which source column feeds each dataset column, which
/// source columns no mapping names (drift), and how a row of source values becomes a row of column values.
/// </summary>
internal sealed class ReadPlan
{
    private readonly IReadOnlyList<FieldMapping> _mappings;
    private readonly int[] _ordinals;

    private ReadPlan(IReadOnlyList<FieldMapping> mappings, int[] ordinals, IReadOnlyList<string> selected, int watermarkOrdinal, IReadOnlyList<string> unmapped)
    {
        _mappings = mappings;
        _ordinals = ordinals;
        Selected = selected;
        WatermarkOrdinal = watermarkOrdinal;
        Unmapped = unmapped;
    }

    /// <summary>The source columns to select, each once, as the source spells them.</summary>
    public IReadOnlyList<string> Selected { get; }

    /// <summary>The watermark's position among <see cref="Selected"/> (or among all columns for a dry run), -1 without one.</summary>
    public int WatermarkOrdinal { get; }

    /// <summary>Source columns that neither a mapping nor the watermark uses: new at the source, flagged, not loaded.</summary>
    public IReadOnlyList<string> Unmapped { get; }

    /// <summary>
    /// Matches the settings against <paramref name="columns"/>. Ordinals refer to <paramref name="columns"/> when
    /// <paramref name="selectedOnly"/> is false (a <c>SELECT *</c>), to <see cref="Selected"/> otherwise.
    /// </summary>
    /// <exception cref="SourceReadException">A mapped or watermark column is not in the source (<see cref="SourceErrorKind.MissingField"/>).</exception>
    public static ReadPlan Resolve(SourceEngine engine, DatabaseSourceSettings settings, IReadOnlyList<SourceColumn> columns, bool selectedOnly = false)
    {
        var names = columns.Select(c => c.Name).ToList();
        string Find(string wanted) =>
            names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.Ordinal))
            ?? names.FirstOrDefault(n => engine.NameComparer.Equals(n, wanted))
            ?? throw Missing(wanted, names);
        var selected = new List<string>();
        int Position(string name)
        {
            if (!selectedOnly)
            {
                return names.IndexOf(name);
            }
            var at = selected.IndexOf(name);
            if (at < 0)
            {
                selected.Add(name);
                at = selected.Count - 1;
            }
            return at;
        }
        var ordinals = settings.Mappings.Select(m => Position(Find(m.SourcePath))).ToArray();
        var watermark = settings.WatermarkColumn is { } w ? Find(w) : null;
        var watermarkOrdinal = watermark is null ? -1 : Position(watermark);
        var used = new HashSet<string>(settings.Mappings.Select(m => Find(m.SourcePath)), StringComparer.Ordinal);
        if (watermark is not null)
        {
            used.Add(watermark);
        }
        return new ReadPlan(settings.Mappings, ordinals, selected, watermarkOrdinal, [.. names.Where(n => !used.Contains(n))]);
    }

    private static SourceReadException Missing(string column, IReadOnlyList<string> columns) => new(SourceErrorKind.MissingField, Text.Pick(
        "Nguồn dữ liệu không còn cột «{0}»: cột này có thể đã bị đổi tên hoặc bị xóa ở nguồn. Các cột hiện có: {1}. Hãy ghép lại cột trong kết nối.",
        "The source no longer has the column '{0}': it may have been renamed or removed at the source. Its columns now: {1}. Map the column again in the connector.",
        column, string.Join(", ", columns)));

    /// <summary>
    /// The row of column values, or null when a value does not convert; each such value is added to
    /// <paramref name="problems"/> with <paramref name="record"/>, the record's number over the whole read.
    /// </summary>
    public object?[]? Convert(object?[] values, long record, List<ConversionProblem> problems)
    {
        var row = new object?[_mappings.Count];
        var ok = true;
        for (var i = 0; i < row.Length; i++)
        {
            var mapping = _mappings[i];
            var value = values[_ordinals[i]];
            if (value is SourceValues.Unreadable unreadable)
            {
                problems.Add(new ConversionProblem(record, mapping.Column, null, unreadable.Message));
                ok = false;
            }
            else if (CellParser.TryConvert(value, mapping.Type, NumberStyle.Invariant, out var converted))
            {
                row[i] = converted;
            }
            else
            {
                problems.Add(Problem(record, mapping.Column, value, mapping.Type));
                ok = false;
            }
        }
        return ok ? row : null;
    }

    public static ConversionProblem Problem(long record, string column, object? value, ColumnType type)
    {
        var text = SourceValues.Text(value);
        var message = type == ColumnType.Text
            ? Text.Pick("giá trị «{0}» không đọc được thành văn bản.", "'{0}' does not read as text.", text)
            : (ImportError.InvalidValue(record, column, text ?? "", type, NumberStyle.Invariant) with { Row = null, Column = null })
                .Message(vietnamese: !Text.IsEnglish);
        return new ConversionProblem(record, column, text, message);
    }
}
