using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.App.Components.Shared;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>
/// The demo leader opens the dashboard the demo data publishes to him, picks a year, clicks a district bar to
/// cross-filter, downloads the dashboard, and sees a figure pushed through the API arrive on the open page.
/// </summary>
public sealed class DemoDashboardViewTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string City = "Thành phố Quảng Ngãi";

    [Fact]
    public async Task The_demo_leader_filters_by_year_cross_filters_by_a_district_and_sees_pushed_rows_arrive()
    {
        var ct = TestContext.Current.CancellationToken;
        // The browser factory starts without the demo dashboard; this loads it as the app's start does.
        Assert.True(await app.Services.GetRequiredService<DemoDashboardLoader>().LoadAsync(ct));
        var population = SampleData.All.Single(d => d.Key == DemoDashboardLoader.Population).Rows().ToList();
        long Total(int year, string? district = null) =>
            population.Where(r => (long)r[2]! == year && (district is null || (string)r[1]! == district)).Sum(r => (long)r[3]!);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync(DemoDashboardLoader.ViewerUserName);
        await page.GoAsync("dashboards");
        await page.GetByTestId("dashboards-shared").GetByRole(AriaRole.Link, new() { Name = DemoDashboardLoader.DashboardName }).ClickAsync();
        await page.WaitUntilInteractiveAsync();

        var tiles = page.GetByTestId("dashboard-tile");
        var kpi = page.GetByTestId("kpi-value");
        var enterprises = page.Locator("[data-tile-id=doanh-nghiep-theo-huyen]").GetByTestId("tile-table");
        await Assertions.Expect(tiles).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("[data-testid=dashboard-tile][data-state=Ok]")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Assertions.Expect(kpi).ToHaveTextAsync(Formats.Number(Total(2024)));
        await Assertions.Expect(enterprises).ToContainTextAsync(City);
        await Assertions.Expect(page.GetByTestId("filter-nam")).ToContainTextAsync(DemoDashboardLoader.Years[^1].ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-tile-id=doanh-nghiep-theo-nganh] .js-plotly-plot .pielayer g.trace").First)
            .ToBeAttachedAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "demo-dashboard");

        await page.ChooseAsync(page.GetByTestId("filter-nam"), "2023");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]nam=2023"));
        await Assertions.Expect(kpi).ToHaveTextAsync(Formats.Number(Total(2023)), new() { Timeout = 30_000 });

        // The chart is sorted by population, the city first.
        var bars = page.Locator($"[data-tile-id={DemoDashboardLoader.DistrictChartTile}] .barlayer .point path");
        await Assertions.Expect(bars).ToHaveCountAsync(13, new() { Timeout = 30_000 });
        await page.ClickChartPointAsync(bars.First);
        await Assertions.Expect(page.GetByTestId("cross-filter-chip")).ToHaveTextAsync($"Huyện: {City}", new() { Timeout = 30_000 });
        await Assertions.Expect(enterprises.Locator("tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(enterprises).ToContainTextAsync(City);
        await Assertions.Expect(kpi).ToHaveTextAsync(Formats.Number(Total(2023, City)), new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "demo-dashboard-cross-filtered");

        // The whole dashboard as it stands (2023, the city's chip): a sheet per tile with its chart, and the provenance.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("dashboard-download").ClickAsync());
        var xlsx = await File.ReadAllBytesAsync(await download.PathAsync(), ct);
        using (var package = new OfficeOpenXml.ExcelPackage(new MemoryStream(xlsx)))
        {
            Assert.Equal(["Dân số toàn tỉnh", "Dân số theo huyện", "Doanh nghiệp đăng ký mới theo h", "Doanh nghiệp mới theo ngành", XlsxExporter.ProvenanceSheet],
                package.Workbook.Worksheets.Select(w => w.Name));
            Assert.Single(package.Workbook.Worksheets["Dân số theo huyện"].Drawings);
        }
        var sheets = await LibreOffice.ReadSheetsAsync(xlsx, ["Doanh nghiệp đăng ký mới theo h", XlsxExporter.ProvenanceSheet], ct);
        var enterpriseRows = sheets["Doanh nghiệp đăng ký mới theo h"];
        Assert.Equal(2, enterpriseRows.Count(r => r.Any(c => c.Length > 0)));
        Assert.Equal(City, enterpriseRows[1][0]);
        Assert.Contains(sheets[XlsxExporter.ProvenanceSheet], r => r.Length > 1 && r[0] == "Bộ lọc: Năm" && r[1] == "2023");
        Assert.Contains(sheets[XlsxExporter.ProvenanceSheet], r => r.Any(c => c.Contains(City)));

        // A corrected figure for the city in 2023 arrives through the API while the page is open.
        var city2023 = population.Single(r => (string)r[1]! == City && (long)r[2]! == 2023);
        // Through the real port, as another system would push (the factory's in-memory client has no server here).
        using var api = new HttpClient { BaseAddress = app.ServerAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WorkbenchAppFactory.BootstrapKey);
        using var pushed = await api.PushAsync(DemoDashboardLoader.Population, $$"""
            [{ "Mã huyện": "{{city2023[0]}}", "Huyện": "{{City}}", "Năm": 2023, "Dân số": {{(long)city2023[3]! + 1_000}},
               "Diện tích (km²)": {{Convert.ToString(city2023[4], CultureInfo.InvariantCulture)}} }]
            """, "upsert");
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);

        await Assertions.Expect(kpi).ToHaveTextAsync(Formats.Number(Total(2023, City) + 1_000), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("cross-filter-chip")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "demo-dashboard-live");
    }
}
