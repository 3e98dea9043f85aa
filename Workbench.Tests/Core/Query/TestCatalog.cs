using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Dialects;
using Workbench.Core.Scenarios;

namespace Workbench.Tests.Core.Query;

/// <summary>
/// Two small datasets with Vietnamese names, nulls and every column type, and two saved scenarios over them (owned by
/// <see cref="Owner"/>); the pipelines under test read them. A test may add scenarios of its own.
/// </summary>
public sealed class TestCatalog(params Scenario[] scenarios) : ISourceCatalog
{
    public const int OwnerAgency = 7;

    public static Caller Owner { get; } = new("u1", "Chuyên viên", OwnerAgency, Roles.Analyst);

    public static Caller Stranger { get; } = new("u2", "Người ngoài", OwnerAgency + 1, Roles.Analyst);

    public static Dataset DanSo { get; } = Make(1, "dan-so", "Dân số huyện",
        ("Mã huyện", ColumnType.Text), ("Huyện", ColumnType.Text), ("Năm", ColumnType.Integer), ("Dân số", ColumnType.Integer),
        ("Diện tích", ColumnType.Number), ("Ngày", ColumnType.Date), ("Thành phố", ColumnType.Boolean));

    public static Dataset Huyen { get; } = Make(2, "huyen", "Huyện", ("Mã", ColumnType.Text), ("Vùng", ColumnType.Text), ("Huyện", ColumnType.Text));

    public static Dataset DanSoMoi { get; } = Make(3, "dan-so-moi", "Dân số mới", ("Mã huyện", ColumnType.Text), ("Dân số", ColumnType.Number), ("Ghi chú", ColumnType.Text));

    /// <summary>Logical names that would break naive SQL: quotes, brackets, comment and statement separators, a 300-character name.</summary>
    public static Dataset Hostile { get; } = Make(4, "hostile", "x'; DROP TABLE ds_1; --",
        ("it's \"q\"; --", ColumnType.Text), ("a[b", ColumnType.Integer), (new string('Đ', 300), ColumnType.Integer));

    public static IReadOnlyList<object?[]> HostileRows { get; } = [["x'y", 1L, 2L], ["--", 3L, 4L]];

    public static IReadOnlyList<object?[]> DanSoRows { get; } =
    [
        ["H1", "Quảng Ngãi", 2023L, 120000L, 156.5, new DateOnly(2023, 3, 31), true],
        ["H2", "Lý Sơn", 2023L, 22000L, 10.0, new DateOnly(2023, 12, 1), false],
        ["H3", "Đức Phổ", 2022L, 150000L, 372.0, null, false],
        ["H4", null, 2023L, null, 0.0, new DateOnly(2022, 2, 28), null],
        ["H5", "ĐÀ NẴNG", 2022L, 0L, 2.5, new DateOnly(2024, 2, 29), true],
    ];

    public static IReadOnlyList<object?[]> HuyenRows { get; } =
    [
        ["H1", "Trung du", "Quảng Ngãi"],
        ["H2", "Hải đảo", "Lý Sơn"],
        ["H3", "Đồng bằng", "Đức Phổ"],
        ["H9", "Khác", "Không"],
    ];

    public static IReadOnlyList<object?[]> DanSoMoiRows { get; } =
    [
        ["H6", 5000.5, "mới"],
        ["H1", 1.0, null],
    ];

    public static IEnumerable<(Dataset Dataset, IReadOnlyList<object?[]> Rows)> All =>
        [(DanSo, DanSoRows), (Huyen, HuyenRows), (DanSoMoi, DanSoMoiRows), (Hostile, HostileRows)];

    /// <summary>The 2023 population by district (parameter <c>nam</c>, default 2023), with "Dân số" renamed "Dân".</summary>
    public const string DanSoTheoNamJson = """
        { "source": { "dataset": "dan-so" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2023 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "select", "columns": [ "Mã huyện", "Huyện", { "name": "Dân số", "as": "Dân" } ] } ] }
        """;

    /// <summary>The districts with a known region: code and region.</summary>
    public const string VungJson = """
        { "source": { "dataset": "huyen" },
          "steps": [ { "type": "filter", "expression": "[Vùng] != 'Khác'" },
                     { "type": "select", "columns": [ "Mã", "Vùng" ] } ] }
        """;

    public static Scenario DanSoTheoNam { get; } = MakeScenario("dan-so-theo-nam", DanSoTheoNamJson);

    public static Scenario Vung { get; } = MakeScenario("vung", VungJson);

    public Task<Dataset?> FindDatasetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(All.Select(a => a.Dataset).FirstOrDefault(d => d.Key == key));

    public Task<Scenario?> FindScenarioAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(scenarios.Concat([DanSoTheoNam, Vung]).FirstOrDefault(s => s.Key == key));

    public static Task<CompilationResult> CompileAsync(
        string json, SqlDialect dialect, Caller? caller = null, IReadOnlyDictionary<int, IReadOnlyList<string>>? pivotValues = null,
        AccessContext? access = null, TestCatalog? catalog = null, string? scenario = null)
    {
        var parsed = PipelineJson.Parse(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return PipelineCompiler.CompileAsync(new PipelineRun(parsed.Pipeline!, parsed.Arguments) { Scenario = scenario }, catalog ?? new TestCatalog(),
            access ?? AccessContext.ForCaller(caller ?? Owner), dialect, pivotValues, TestContext.Current.CancellationToken);
    }

    /// <summary>A saved scenario as the metadata store holds it, owned by <see cref="Owner"/> unless told otherwise.</summary>
    public static Scenario MakeScenario(string key, string pipelineJson, string ownerUserId = "u1", int ownerAgencyId = OwnerAgency) => new()
    {
        Key = key,
        Name = "Kịch bản " + key,
        OwnerUserId = ownerUserId,
        OwnerAgencyId = ownerAgencyId,
        PipelineJson = pipelineJson,
        Version = 1,
    };

    /// <summary>A dataset's metadata as the catalog stores it: synthetic table <c>ds_{id}</c>, columns <c>c1</c>, <c>c2</c>, ... in order.</summary>
    public static Dataset Make(int id, string key, string name, params (string Name, ColumnType Type)[] columns) => new()
    {
        Id = id,
        Key = key,
        Name = name,
        TableName = DatasetKey.TableNameFor(id),
        OwnerAgencyId = OwnerAgency,
        Columns = [.. columns.Select((c, i) => new DatasetColumn { Name = c.Name, PhysicalName = DatasetKey.PhysicalColumnName(i), Type = c.Type, Ordinal = i })],
    };
}
