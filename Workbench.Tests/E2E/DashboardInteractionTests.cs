using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.E2E;

/// <summary>An analyst clicks a bar to cross-filter, opens the rows behind it, and presents two dashboards on a wall screen.</summary>
public sealed class DashboardInteractionTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Clicking_a_bar_filters_the_other_tiles_opens_its_rows_and_a_presentation_rotates_full_screen()
    {
        var ct = TestContext.Current.CancellationToken;
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var created = (await scenarios.CreateAsync(analyst, "Biểu đồ dân số theo huyện", null, Population, ct)).Value!;
        Assert.Null((await scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Biểu đồ dân số theo huyện", null, ByDistrict,
            [new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"])], []), created.Version, ct)).Error);
        var table = await ScenarioAsync(app.Services, analyst, "Bảng dân số theo huyện", Population, ByDistrict);
        var total = await ScenarioAsync(app.Services, analyst, "Tổng dân số", Population, Total);
        var main = await DashboardAsync(app.Services, analyst, "Dân số các huyện", new DashboardDocument(1,
            [
                new DashboardTile("bieu-do", TileKind.Visual, "Dân số theo huyện", new TilePosition(0, 0, 8, 5), created.Key),
                new DashboardTile("tong", TileKind.Kpi, "Dân số toàn tỉnh", new TilePosition(8, 0, 4, 2), total, Kpi: new KpiSettings("Dân số")),
                new DashboardTile("bang", TileKind.Table, "Bảng theo huyện", new TilePosition(8, 2, 4, 5), table),
            ], []));
        var other = await DashboardAsync(app.Services, analyst, "Tổng quan dân số", new DashboardDocument(1,
            [new DashboardTile("tong", TileKind.Kpi, "Dân số toàn tỉnh", new TilePosition(0, 0, 4, 3), total, Kpi: new KpiSettings("Dân số"))], []));

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync($"dashboards/{main.Key}");
        await page.WaitUntilInteractiveAsync();
        var rows = page.Locator("[data-tile-id=bang] [data-testid=tile-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(13, new() { Timeout = 30_000 });
        var bars = page.Locator("[data-tile-id=bieu-do] .barlayer .point path");
        await Assertions.Expect(bars).ToHaveCountAsync(13, new() { Timeout = 30_000 });

        await page.ClickChartPointAsync(bars.Nth(2));

        var chip = page.GetByTestId("cross-filter-chip");
        await Assertions.Expect(chip).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var district = (await chip.InnerTextAsync()).Split(':', 2)[1].Trim();
        await Assertions.Expect(rows.First).ToContainTextAsync(district);
        // The province total has no district column: the chip narrows its rows, so it shows the district's population.
        var population = (await rows.First.Locator("td").Nth(1).InnerTextAsync()).Trim();
        await Assertions.Expect(page.GetByTestId("kpi-value")).ToHaveTextAsync(population, new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]chip="));
        await Assertions.Expect(bars).ToHaveCountAsync(13);
        await BrowserSession.ScreenshotAsync(page, "dashboard-cross-filter");

        await page.GetByTestId("chip-drill").ClickAsync();
        var drill = page.GetByTestId("drill-down-dialog");
        await Assertions.Expect(drill.GetByTestId("drill-count")).ToContainTextAsync("dòng đứng sau giá trị này", new() { Timeout = 30_000 });
        await Assertions.Expect(drill.GetByTestId("visual-table")).ToContainTextAsync(district);
        await Assertions.Expect(drill.GetByTestId("visual-table")).ToContainTextAsync("Mã huyện");
        await BrowserSession.ScreenshotAsync(page, "dashboard-drill-down");
        await page.GetByTestId("drill-close").ClickAsync();
        await page.GetByTestId("chip-remove").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(13, new() { Timeout = 30_000 });

        await page.GetByTestId("present").ClickAsync();
        await page.GetByTestId($"present-choose-{other.Key}").ClickAsync();
        await page.GetByTestId("present-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("presentation-position")).ToHaveTextAsync("Bảng 1/2", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("presentation-countdown")).ToContainTextAsync("chuyển sau");
        await BrowserSession.ScreenshotAsync(page, "dashboard-presentation");
        await page.GetByTestId("presentation-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-name")).ToHaveTextAsync("Tổng quan dân số", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("presentation-position")).ToHaveTextAsync("Bảng 2/2");
        await page.GetByTestId("presentation-exit").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("presentation-bar")).ToHaveCountAsync(0);
    }
}
