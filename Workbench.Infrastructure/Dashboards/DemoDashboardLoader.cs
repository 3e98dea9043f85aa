using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.Infrastructure.Dashboards;

/// <summary>
/// The demo dashboard for the demo leader: saved scenarios of Sở KH&amp;ĐT's administrator over its sample datasets, a
/// dashboard of them with a year filter, both published to <c>lanhdao</c>, and the grants he needs to read the data.
/// Everything goes through <see cref="ScenarioService"/>, <see cref="DashboardService"/> and <see cref="GrantService"/>,
/// so the demo exercises the real paths. Runs after <see cref="Catalog.SampleDataLoader"/>. Idempotent: the dashboard
/// existing ends it with one query; a run cut short is completed (scenarios and grants found are reused).
/// </summary>
public sealed partial class DemoDashboardLoader(
    ScenarioService scenarios,
    DashboardService dashboards,
    GrantService grants,
    IDbContextFactory<WorkbenchDbContext> contexts,
    ILogger<DemoDashboardLoader> logger)
{
    public const string DashboardName = "Tổng quan kinh tế – xã hội tỉnh Quảng Ngãi";
    public const string OwnerUserName = "quantri.skhdt";
    public const string ViewerUserName = "lanhdao";
    public const string YearFilter = "nam";
    public const string Population = "dan-so-theo-huyen";
    public const string Enterprises = "doanh-nghiep-dang-ky";

    /// <summary>The tile the leader clicks to cross-filter: population by district as a bar chart.</summary>
    public const string DistrictChartTile = "dan-so-theo-huyen";

    /// <summary>The years of the population sample, which every tile's data covers; the filter's choices.</summary>
    public static IReadOnlyList<int> Years { get; } =
    [
        .. SampleData.All.Single(d => d.Key == Population).Rows().Select(r => (int)(long)r[2]!).Distinct().Order(),
    ];

    private sealed record DemoScenario(string Name, string Description, string Dataset, string Pipeline, Visual Visual);

    private static string YearParameter => $$"""[ { "name": "nam", "type": "integer", "default": {{Years[^1]}} } ]""";

    private static readonly ParameterSetting YearSetting = new(YearFilter, "Năm", new AllowedValuesSource(Population, "Năm"));

    private static DemoScenario TotalPopulation => new(
        "Dân số toàn tỉnh theo năm",
        "Tổng dân số trung bình của 13 đơn vị cấp huyện trong năm chọn (dữ liệu mẫu).",
        Population,
        $$"""
        { "source": { "dataset": "{{Population}}" }, "parameters": {{YearParameter}},
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Dân số", "as": "Dân số" } ] } ] }
        """,
        new Visual(VisualKind.Kpi, "Dân số toàn tỉnh", Values: ["Dân số"]));

    private static DemoScenario PopulationByDistrict => new(
        "Dân số theo huyện theo năm",
        "Dân số trung bình và mật độ dân số của từng đơn vị cấp huyện trong năm chọn (dữ liệu mẫu).",
        Population,
        $$"""
        { "source": { "dataset": "{{Population}}" }, "parameters": {{YearParameter}},
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "compute", "column": "Mật độ (người/km²)", "expression": "Round([Dân số] / [Diện tích (km²)], 0)" },
                     { "type": "select", "columns": [ "Huyện", "Dân số", "Mật độ (người/km²)" ] },
                     { "type": "sort", "by": [ { "column": "Dân số", "descending": true } ] } ] }
        """,
        new Visual(VisualKind.Bar, "Dân số theo huyện", X: "Huyện", Values: ["Dân số"]));

    private static DemoScenario EnterprisesByDistrict => new(
        "Doanh nghiệp đăng ký mới theo huyện",
        "Số doanh nghiệp và chi nhánh đăng ký lần đầu trong năm chọn và vốn điều lệ đăng ký, theo huyện (dữ liệu mẫu).",
        Enterprises,
        $$"""
        { "source": { "dataset": "{{Enterprises}}" }, "parameters": {{YearParameter}},
          "steps": [ { "type": "filter", "expression": "Year([Ngày đăng ký]) = [@nam]" },
                     { "type": "aggregate", "groupBy": [ "Huyện" ],
                       "measures": [ { "function": "count", "as": "Doanh nghiệp mới" },
                                     { "function": "sum", "column": "Vốn điều lệ (triệu đồng)", "as": "Vốn đăng ký (triệu đồng)" } ] },
                     { "type": "sort", "by": [ { "column": "Doanh nghiệp mới", "descending": true } ] } ] }
        """,
        new Visual(VisualKind.Table, "Doanh nghiệp đăng ký mới theo huyện"));

    private static DemoScenario EnterprisesBySector => new(
        "Doanh nghiệp đăng ký mới theo ngành",
        "Số doanh nghiệp và chi nhánh đăng ký lần đầu trong năm chọn, theo ngành kinh tế cấp 1 (VSIC 2018) (dữ liệu mẫu).",
        Enterprises,
        $$"""
        { "source": { "dataset": "{{Enterprises}}" }, "parameters": {{YearParameter}},
          "steps": [ { "type": "filter", "expression": "Year([Ngày đăng ký]) = [@nam]" },
                     { "type": "aggregate", "groupBy": [ "Ngành" ], "measures": [ { "function": "count", "as": "Doanh nghiệp mới" } ] },
                     { "type": "sort", "by": [ { "column": "Doanh nghiệp mới", "descending": true } ] } ] }
        """,
        new Visual(VisualKind.Pie, "Doanh nghiệp mới theo ngành", X: "Ngành", Values: ["Doanh nghiệp mới"], Donut: true));

    private const string Introduction = """
        **Dữ liệu mẫu** — số liệu giả lập, không phải số liệu chính thức. Nguồn: Sở Kế hoạch và Đầu tư.

        - Chọn **năm** ở thanh bộ lọc.
        - Bấm vào một cột của biểu đồ *Dân số theo huyện* để lọc các ô khác theo huyện đó; bấm lần nữa để bỏ lọc.
        """;

    /// <returns>Whether the dashboard was created by this call.</returns>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var ownerId = await db.Users.AsNoTracking().Where(u => u.UserName == OwnerUserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
            if (ownerId is null || await db.Dashboards.AnyAsync(d => d.OwnerUserId == ownerId && d.Name == DashboardName, cancellationToken))
            {
                return false;
            }
        }
        var owner = await CallerAsync(OwnerUserName, cancellationToken);
        var viewer = await CallerAsync(ViewerUserName, cancellationToken);
        var toViewer = new AudienceChoice(AudienceKind.User, UserId: viewer.UserId);

        foreach (var dataset in new[] { Population, Enterprises })
        {
            await GrantAsync(owner, viewer, dataset, cancellationToken);
        }
        var total = await ScenarioAsync(owner, TotalPopulation, toViewer, cancellationToken);
        var byDistrict = await ScenarioAsync(owner, PopulationByDistrict, toViewer, cancellationToken);
        var enterprises = await ScenarioAsync(owner, EnterprisesByDistrict, toViewer, cancellationToken);
        var sectors = await ScenarioAsync(owner, EnterprisesBySector, toViewer, cancellationToken);

        var document = new DashboardDocument(DashboardDocument.CurrentVersion,
            [
                new DashboardTile("gioi-thieu", TileKind.Text, "Giới thiệu", new TilePosition(0, 0, 8, 3), Markdown: Introduction),
                new DashboardTile("dan-so-toan-tinh", TileKind.Kpi, "Dân số toàn tỉnh", new TilePosition(8, 0, 4, 3), total,
                    Kpi: new KpiSettings("Dân số", new KpiComparison(ComparisonKind.PreviousPeriod, PeriodParameter: YearFilter))),
                new DashboardTile(DistrictChartTile, TileKind.Visual, "Dân số theo huyện", new TilePosition(0, 3, 7, 7), byDistrict, VisualIndex: 0),
                new DashboardTile("doanh-nghiep-theo-huyen", TileKind.Table, "Doanh nghiệp đăng ký mới theo huyện", new TilePosition(7, 3, 5, 7), enterprises),
                new DashboardTile("doanh-nghiep-theo-nganh", TileKind.Visual, "Doanh nghiệp mới theo ngành", new TilePosition(0, 10, 12, 7), sectors, VisualIndex: 0),
            ],
            [
                new DashboardFilter(YearFilter, "Năm", ColumnType.Integer,
                    [.. Years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                    Years[^1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [
                        new FilterBinding("dan-so-toan-tinh", YearFilter),
                        new FilterBinding(DistrictChartTile, YearFilter),
                        new FilterBinding("doanh-nghiep-theo-huyen", YearFilter),
                        new FilterBinding("doanh-nghiep-theo-nganh", YearFilter),
                    ]),
            ]);
        const string description = "Dữ liệu mẫu — dân số và doanh nghiệp đăng ký mới theo huyện, theo năm.";
        var created = Check(await dashboards.CreateAsync(owner, DashboardName, description, cancellationToken), "create the dashboard");
        var saved = Check(await dashboards.SaveAsync(owner, created.Key, new DashboardContent(DashboardName, description, document), created.Version,
            cancellationToken), "save the dashboard");
        Check(await dashboards.PublishAsync(owner, saved.Key, [toViewer], cancellationToken), "publish the dashboard");
        LogCreated(saved.Key, ViewerUserName);
        return true;
    }

    /// <summary>A grant of the whole dataset to the viewer, to query and to download (the dashboard's xlsx), unless one is already active.</summary>
    private async Task GrantAsync(Caller owner, Caller viewer, string datasetKey, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.DatasetGrants.AnyAsync(g => g.Dataset!.Key == datasetKey && g.GranteeUserId == viewer.UserId && g.RevokedAt == null,
                    cancellationToken))
            {
                return;
            }
        }
        Check(await grants.CreateAsync(owner, new NewGrant(datasetKey, null, viewer.UserId, GrantRights.Query | GrantRights.Download, null, [], null,
            "15/QĐ-UBND", new DateOnly(2025, 1, 6), "UBND tỉnh Quảng Ngãi",
            "Dữ liệu mẫu: lãnh đạo tỉnh theo dõi bảng điều khiển tổng quan kinh tế – xã hội."), cancellationToken), $"grant {datasetKey}");
    }

    /// <summary>The owner's scenario of that name, or a new one saved with the pipeline and visual; published to the viewer either way.</summary>
    private async Task<string> ScenarioAsync(Caller owner, DemoScenario demo, AudienceChoice toViewer, CancellationToken cancellationToken)
    {
        string? key;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            key = await db.Scenarios.AsNoTracking().Where(s => s.OwnerUserId == owner.UserId && s.Name == demo.Name)
                .Select(s => s.Key).FirstOrDefaultAsync(cancellationToken);
        }
        if (key is null)
        {
            var created = Check(await scenarios.CreateAsync(owner, demo.Name, demo.Description, demo.Dataset, cancellationToken), $"create scenario {demo.Name}");
            Check(await scenarios.SaveAsync(owner, created.Key,
                new ScenarioContent(demo.Name, demo.Description, demo.Pipeline, [demo.Visual], [YearSetting]), created.Version, cancellationToken),
                $"save scenario {demo.Name}");
            key = created.Key;
        }
        Check(await scenarios.PublishAsync(owner, key, [toViewer], cancellationToken), $"publish scenario {demo.Name}");
        return key;
    }

    private async Task<Caller> CallerAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken)
            ?? throw new InvalidOperationException($"The demo dashboard needs the demo account {userName}; seed the demo accounts first.");
        var role = await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .SingleAsync(cancellationToken);
        return new Caller(user.Id, user.FullName, user.AgencyId, role);
    }

    private static T Check<T>(Core.Common.Result<T> result, string what) => result.Error is { } error
        ? throw new InvalidOperationException(
            $"The demo dashboard could not {what}: {error.Message} {string.Join("; ", error.Details ?? [])} Check that the sample datasets loaded.")
        : result.Value!;

    [LoggerMessage(LogLevel.Information, "Created demo dashboard {Key}, published to {UserName}")]
    private partial void LogCreated(string key, string userName);
}
