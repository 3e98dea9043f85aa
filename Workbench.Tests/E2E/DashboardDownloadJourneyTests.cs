using Microsoft.Playwright;
using OfficeOpenXml;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Exports;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.E2E;

/// <summary>
/// The owner of a dashboard filtered in the URL downloads it whole and one tile as CSV, then freezes the period's
/// figures and compares them with the live ones.
/// </summary>
public sealed class DashboardDownloadJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task The_owner_downloads_the_filtered_dashboard_and_freezes_its_figures_for_a_period()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var byDistrict = await ScenarioAsync(app.Services, admin, "Dân số theo huyện (tải)", Population, ByDistrict);
        var dashboard = await DashboardAsync(app.Services, admin, "Dân số để tải", new DashboardDocument(1,
            [new DashboardTile("huyen", TileKind.Table, "Dân số theo huyện", new TilePosition(0, 0, 12, 5), byDistrict)],
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "2024", [new FilterBinding("huyen", "nam")])]));
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("quantri.skhdt");
        await page.GoAsync($"dashboards/{dashboard.Key}?nam=2023");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-tile-id=huyen]").GetByTestId("tile-table")).ToContainTextAsync("Huyện Lý Sơn", new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "dashboard-download-button");

        var whole = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("dashboard-download").ClickAsync());
        using (var package = new ExcelPackage(new MemoryStream(await File.ReadAllBytesAsync(await whole.PathAsync(), ct))))
        {
            Assert.Equal(["Dân số theo huyện", XlsxExporter.ProvenanceSheet], package.Workbook.Worksheets.Select(w => w.Name));
            var provenance = package.Workbook.Worksheets[XlsxExporter.ProvenanceSheet];
            Assert.Contains(Enumerable.Range(2, provenance.Dimension.End.Row - 1),
                r => provenance.Cells[r, 1].Text == "Bộ lọc: Năm" && provenance.Cells[r, 2].Text == "2023");
        }

        await page.Locator("[data-tile-id=huyen]").GetByRole(AriaRole.Button).Last.ClickAsync();
        var tile = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("tile-download-csv").ClickAsync());
        var csv = (await File.ReadAllLinesAsync(await tile.PathAsync(), ct)).Where(l => l.Length > 0).ToList();
        Assert.Equal(14, csv.Count);

        await page.GetByTestId("dashboard-snapshots").ClickAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Chưa có kỳ nào được chốt số liệu");
        await page.GetByTestId("take-snapshot").ClickAsync();
        await page.GetByTestId("snapshot-period").FillAsync("Quý III/2026");
        await Assertions.Expect(page.GetByTestId("snapshot-filters")).ToContainTextAsync("Năm = 2023");
        await page.GetByTestId("snapshot-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("frozen-banner")).ToContainTextAsync("Quý III/2026", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("snapshot-grid")).ToContainTextAsync("Huyện Lý Sơn");
        await BrowserSession.ScreenshotAsync(page, "dashboard-snapshot-frozen");

        await page.GetByTestId("snapshot-compare-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("comparison-summary")).ToContainTextAsync("Không có số liệu nào thay đổi", new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "dashboard-snapshot-compare");
    }
}
