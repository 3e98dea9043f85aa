using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.E2E;

/// <summary>A leader opens a dashboard shared with them, filters it through the URL, and sees new data arrive without a reload.</summary>
public sealed class DashboardViewTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string Dataset = "chi-tieu-bang-dieu-khien";

    private const string Total = """
        { "source": { "dataset": "chi-tieu-bang-dieu-khien" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2025 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Giá trị", "as": "Tổng" } ] } ] }
        """;

    private const string ByCommune = """
        { "source": { "dataset": "chi-tieu-bang-dieu-khien" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2025 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [ "Xã" ], "measures": [ { "function": "sum", "column": "Giá trị", "as": "Giá trị" } ] },
                     { "type": "sort", "by": [ { "column": "Xã" } ] } ] }
        """;

    [Fact]
    public async Task A_leader_filters_a_shared_dashboard_by_the_url_and_sees_new_rows_arrive_without_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        await datasets.CreateAsync(admin, new NewDataset(Dataset, "Chỉ tiêu theo xã", admin.AgencyId,
            [new NewColumn("Năm", ColumnType.Integer), new NewColumn("Xã", ColumnType.Text), new NewColumn("Giá trị", ColumnType.Integer)]), ct);
        Assert.Null((await datasets.LoadAsync(admin, Dataset, LoadMode.Append,
            [[2024L, "Tịnh Ấn", 10L], [2024L, "Nghĩa Hà", 20L], [2025L, "Tịnh Ấn", 15L], [2025L, "Nghĩa Hà", 25L]], ct)).Error);
        var grants = app.Services.GetRequiredService<GrantService>();
        Assert.Null((await grants.CreateAsync(admin, new NewGrant(Dataset, null, leader.UserId, GrantRights.Query, null, [], null,
            "15/QĐ-UBND", grants.Today.AddDays(-1), "UBND tỉnh Quảng Ngãi"), ct)).Error);
        var toLeader = new AudienceChoice(AudienceKind.User, UserId: leader.UserId);
        var total = await ScenarioAsync(app.Services, admin, "Tổng chỉ tiêu", Dataset, Total, admin, toLeader);
        var byCommune = await ScenarioAsync(app.Services, admin, "Chỉ tiêu theo xã", Dataset, ByCommune, admin, toLeader);
        var dashboard = await DashboardAsync(app.Services, admin, "Chỉ tiêu của tỉnh", new DashboardDocument(1,
            [
                new DashboardTile("tong", TileKind.Kpi, "Tổng chỉ tiêu", new TilePosition(0, 0, 4, 3), total, Kpi: new KpiSettings("Tổng")),
                new DashboardTile("theo-xa", TileKind.Table, "Chỉ tiêu theo xã", new TilePosition(4, 0, 8, 4), byCommune),
            ],
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, ["2024", "2025"], "2025",
                [new FilterBinding("tong", "nam"), new FilterBinding("theo-xa", "nam")])]));
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GoAsync("dashboards");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Chưa có bảng điều khiển nào được chia sẻ với bạn");
        await BrowserSession.ScreenshotAsync(page, "dashboards-empty");
        Assert.Null((await app.Services.GetRequiredService<DashboardService>().PublishAsync(admin, dashboard.Key, [toLeader], ct)).Error);

        await page.GoAsync("");
        await page.GetByTestId("nav-dashboards").ClickAsync();
        await page.GetByTestId("dashboards-shared").GetByRole(AriaRole.Link, new() { Name = "Chỉ tiêu của tỉnh" }).ClickAsync();
        await page.WaitUntilInteractiveAsync();
        var kpi = page.GetByTestId("kpi-value");
        var table = page.Locator("[data-tile-id=theo-xa]").GetByTestId("tile-table");
        await Assertions.Expect(page.GetByTestId("dashboard-name")).ToHaveTextAsync("Chỉ tiêu của tỉnh");
        await Assertions.Expect(kpi).ToHaveTextAsync("40", new() { Timeout = 30_000 });
        await Assertions.Expect(table).ToContainTextAsync("Nghĩa Hà", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-tile-id=tong]").GetByTestId("tile-freshness")).ToContainTextAsync("Sở Kế hoạch và Đầu tư");
        await BrowserSession.ScreenshotAsync(page, "dashboard-view");

        await page.GetByTestId("filter-nam").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "2024", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]nam=2024"));
        await Assertions.Expect(kpi).ToHaveTextAsync("30", new() { Timeout = 30_000 });
        await Assertions.Expect(table).ToContainTextAsync("10", new() { Timeout = 30_000 });

        Assert.Null((await datasets.LoadAsync(admin, Dataset, LoadMode.Append, [[2024L, "Tịnh Long", 5L]], ct)).Error);

        await Assertions.Expect(kpi).ToHaveTextAsync("35", new() { Timeout = 30_000 });
        await Assertions.Expect(table).ToContainTextAsync("Tịnh Long", new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "dashboard-live-update");
        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(kpi).ToHaveTextAsync("35", new() { Timeout = 30_000 });
    }
}
