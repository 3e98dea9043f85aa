using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Infrastructure.Dashboards;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The demo leader opens the demo dashboard the demo data publishes to him and sees every tile with figures.</summary>
public sealed class DemoDashboardViewTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task The_demo_leader_opens_the_demo_dashboard_and_every_tile_shows_its_figures()
    {
        // The browser factory starts without the demo dashboard; this loads it as the app's start does.
        Assert.True(await app.Services.GetRequiredService<DemoDashboardLoader>().LoadAsync(TestContext.Current.CancellationToken));
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync(DemoDashboardLoader.ViewerUserName);
        await page.GoAsync("dashboards");
        await page.GetByTestId("dashboards-shared").GetByRole(AriaRole.Link, new() { Name = DemoDashboardLoader.DashboardName }).ClickAsync();
        await page.WaitUntilInteractiveAsync();

        var tiles = page.GetByTestId("dashboard-tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("[data-testid=dashboard-tile][data-state=Ok]")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("kpi-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        await Assertions.Expect(page.Locator("[data-tile-id=doanh-nghiep-theo-huyen]").GetByTestId("tile-table")).ToContainTextAsync("Thành phố Quảng Ngãi");
        await Assertions.Expect(page.GetByTestId("filter-nam")).ToContainTextAsync(DemoDashboardLoader.Years[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The bar chart the leader clicks to cross-filter, and the sector pie, drawn by Plotly.
        await Assertions.Expect(page.Locator($"[data-tile-id={DemoDashboardLoader.DistrictChartTile}] .js-plotly-plot g.trace.bars").First)
            .ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-tile-id=doanh-nghiep-theo-nganh] .js-plotly-plot .pielayer g.trace").First)
            .ToBeAttachedAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "demo-dashboard");
    }
}
