using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.E2E;

/// <summary>An agency administrator builds a dashboard in the browser from two saved scenarios, lays it out with the mouse, filters it, shares it and views it.</summary>
public sealed class DashboardBuilderTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string Dataset = "chi-tieu-thiet-ke-bang";

    private const string Total = """
        { "source": { "dataset": "chi-tieu-thiet-ke-bang" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2025 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Giá trị", "as": "Tổng" } ] } ] }
        """;

    private const string ByCommune = """
        { "source": { "dataset": "chi-tieu-thiet-ke-bang" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2025 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [ "Xã" ], "measures": [ { "function": "sum", "column": "Giá trị", "as": "Giá trị" } ] },
                     { "type": "sort", "by": [ { "column": "Xã" } ] } ] }
        """;

    [Fact]
    public async Task An_administrator_builds_lays_out_filters_shares_and_views_a_dashboard()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        await datasets.CreateAsync(admin, new NewDataset(Dataset, "Chỉ tiêu thiết kế bảng", admin.AgencyId,
            [new NewColumn("Năm", ColumnType.Integer), new NewColumn("Xã", ColumnType.Text), new NewColumn("Giá trị", ColumnType.Integer)]), ct);
        Assert.Null((await datasets.LoadAsync(admin, Dataset, LoadMode.Append,
            [[2024L, "Tịnh Ấn", 10L], [2024L, "Nghĩa Hà", 20L], [2025L, "Tịnh Ấn", 15L], [2025L, "Nghĩa Hà", 25L]], ct)).Error);
        var total = await ScenarioAsync(app.Services, admin, "Tổng chỉ tiêu thiết kế", Dataset, Total);
        var byCommune = await ScenarioAsync(app.Services, admin, "Chỉ tiêu thiết kế theo xã", Dataset, ByCommune);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("quantri.skhdt");

        await page.GoAsync("dashboards");
        await page.GetByTestId("dashboard-new").First.ClickAsync();
        await page.GetByTestId("new-dashboard-name").FillAsync("Theo dõi chỉ tiêu");
        await page.GetByTestId("new-dashboard-create").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/dashboards/theo-doi-chi-tieu[-0-9]*/edit$"));
        var key = page.Url.Split('/')[^2];
        await page.WaitUntilInteractiveAsync();

        await page.GetByTestId("builder-add-tile").ClickAsync();
        await page.ChooseAsync(page.GetByTestId("picker-scenario"), "Chỉ tiêu thiết kế theo xã");
        await page.GetByTestId("picker-add").ClickAsync();
        await page.GetByTestId("builder-add-tile").ClickAsync();
        await page.GetByTestId("picker-kind").GetByText("Chỉ số", new() { Exact = true }).ClickAsync();
        await page.ChooseAsync(page.GetByTestId("picker-scenario"), "Tổng chỉ tiêu thiết kế");
        await Assertions.Expect(page.GetByTestId("picker-value")).ToHaveTextAsync("Tổng");
        await page.GetByTestId("picker-add").ClickAsync();
        var table = page.Locator("[data-testid=builder-tile][data-tile-id=o1]");
        var kpi = page.Locator("[data-testid=builder-tile][data-tile-id=o2]");
        await Assertions.Expect(kpi).ToHaveAttributeAsync("data-x", "6");
        await BrowserSession.ScreenshotAsync(page, "dashboard-builder-tiles");

        // Drag the KPI three columns right and two rows down, with the mouse, by whole cells of the grid.
        var box = (await kpi.BoundingBoxAsync())!;
        var columnPitch = (box.Width + 12) / 3;
        var rowPitch = (box.Height + 12) / 2;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + columnPitch * 3, box.Y + box.Height / 2 + rowPitch * 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(kpi).ToHaveAttributeAsync("data-x", "9");
        await Assertions.Expect(kpi).ToHaveAttributeAsync("data-y", "2");
        await Assertions.Expect(table).ToHaveAttributeAsync("data-x", "0");

        await page.GetByTestId("builder-add-filter").ClickAsync();
        await Assertions.Expect(page.GetByTestId("binding-o1")).ToHaveTextAsync("nam");
        await Assertions.Expect(page.GetByTestId("binding-o2")).ToHaveTextAsync("nam");
        await page.GetByTestId("filter-allowed").FillAsync("2024\n2025");
        await page.GetByTestId("filter-default").FillAsync("2025");
        await BrowserSession.ScreenshotAsync(page, "dashboard-builder-filter");
        await page.GetByTestId("builder-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Đã lưu phiên bản 2.")).ToBeVisibleAsync();

        var saved = DashboardDocument.Read((await app.Services.GetRequiredService<DashboardService>().GetAsync(admin, key, ct)).Value!.LayoutJson)!;
        Assert.Equal(new TilePosition(9, 2, 3, 2), saved.Tile("o2")!.Position);
        Assert.Equal([new FilterBinding("o1", "nam"), new FilterBinding("o2", "nam")], Assert.Single(saved.Filters).Bindings);

        await page.GetByTestId("builder-publish").ClickAsync();
        await page.GetByTestId("dashboard-publish-dialog").GetByText("Mọi người dùng của", new() { Exact = false }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-publish-dialog").GetByText("Chia sẻ cả các kịch bản của các ô với cùng đối tượng")).ToBeVisibleAsync();
        await page.GetByTestId("publish-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("builder-status")).ToHaveTextAsync("Đã chia sẻ");
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        Assert.Equal(Workbench.Core.Scenarios.ScenarioStatus.Published, (await scenarios.GetAsync(admin, total, ct)).Value!.Status);
        Assert.Equal(Workbench.Core.Scenarios.ScenarioStatus.Published, (await scenarios.GetAsync(admin, byCommune, ct)).Value!.Status);

        await page.GetByTestId("builder-view").ClickAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("kpi-value")).ToHaveTextAsync("40", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-tile-id=o1]").GetByTestId("tile-table")).ToContainTextAsync("Nghĩa Hà", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("dashboard-edit")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "dashboard-built-view");

        // On a wall screen the rows grow with the width, so the tiles keep their proportions.
        await page.SetViewportSizeAsync(2560, 1440);
        await page.GetByTestId("dashboard-edit").ClickAsync();
        await page.WaitUntilInteractiveAsync();
        var wide = (await page.Locator("[data-testid=builder-tile][data-tile-id=o1]").BoundingBoxAsync())!;
        Assert.InRange(wide.Width / wide.Height, 1.3, 2.3);
        await BrowserSession.ScreenshotAsync(page, "dashboard-builder-wall");
    }
}
