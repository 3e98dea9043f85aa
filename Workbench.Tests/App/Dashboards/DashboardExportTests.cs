using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;
using OfficeOpenXml.Drawing.Chart;
using Workbench.App.Features.Dashboards;
using Workbench.App.Features.Downloads;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.App.Dashboards;

/// <summary>
/// Dashboard downloads through their endpoints' handlers, read back with EPPlus and LibreOffice: the whole dashboard as
/// one workbook, and one tile's full result.
/// </summary>
public sealed class DashboardExportTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string BarTitle = "Dân số theo huyện: biểu đồ";
    private const string KpiTitle = "Tổng dân số";
    private const string TableTitle = "Bảng dân số [chi tiết]";
    private const string RevenueTitle = "Thu ngân sách";

    [Fact]
    public async Task The_whole_dashboard_is_a_sheet_per_downloadable_tile_in_reading_order_with_the_chart_and_the_others_named_on_the_provenance_sheet()
    {
        var (admin, key) = await DashboardAsync();

        var (status, bytes) = await WholeAsync(admin, key, "?nam=2023");

        Assert.Equal(StatusCodes.Status200OK, status);
        using var package = new ExcelPackage(new MemoryStream(bytes));
        var sheets = package.Workbook.Worksheets.Select(w => w.Name).ToList();
        // Reading order is Y then X, whatever the document's order; ":" and "[]" are not allowed in sheet names.
        Assert.Equal(["Dân số theo huyện biểu đồ", "Bảng dân số chi tiết", KpiTitle, XlsxExporter.ProvenanceSheet], sheets);

        var expected = await TileRowsAsync(admin, key, "bang", new Dictionary<string, string> { ["nam"] = "2023" });
        Assert.Equal(13, expected.Count);
        var table = package.Workbook.Worksheets["Bảng dân số chi tiết"];
        Assert.Equal(["Huyện", "Dân số"], [table.Cells[1, 1].Text, table.Cells[1, 2].Text]);
        // The scenario does not sort: DuckDB may group in another order on another run, so rows are compared as a set.
        Assert.Equal(
            expected.Select(r => $"{r[0]}|{Convert.ToDouble(r[1], CultureInfo.InvariantCulture)}").Order(),
            Enumerable.Range(2, expected.Count).Select(r => $"{table.Cells[r, 1].Value}|{Convert.ToDouble(table.Cells[r, 2].Value, CultureInfo.InvariantCulture)}").Order());
        Assert.Null(table.Cells[expected.Count + 2, 1].Value);
        Assert.Empty(table.Drawings);

        var chart = Assert.IsAssignableFrom<ExcelChart>(Assert.Single(package.Workbook.Worksheets["Dân số theo huyện biểu đồ"].Drawings));
        Assert.Equal(eChartType.ColumnClustered, chart.ChartType);
        Assert.Equal(13, package.Workbook.Worksheets["Dân số theo huyện biểu đồ"].Dimension.End.Row - 1);

        var kpi = package.Workbook.Worksheets[KpiTitle];
        var total = expected.Sum(r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(total, Convert.ToDouble(kpi.Cells[2, 1].Value, CultureInfo.InvariantCulture));
        var previous = (await TileRowsAsync(admin, key, "tong", new Dictionary<string, string> { ["nam"] = "2022" })).Single()[0];
        Assert.Equal("Kỳ trước", kpi.Cells[5, 1].Text);
        Assert.Equal(Convert.ToDouble(previous, CultureInfo.InvariantCulture), Convert.ToDouble(kpi.Cells[5, 2].Value, CultureInfo.InvariantCulture));
        Assert.Equal("Thay đổi", kpi.Cells[6, 1].Text);
        Assert.Equal(total - Convert.ToDouble(previous, CultureInfo.InvariantCulture), Convert.ToDouble(kpi.Cells[6, 2].Value, CultureInfo.InvariantCulture));

        // What a user opening the file sees.
        var shown = await LibreOffice.ReadSheetsAsync(bytes, ["Bảng dân số chi tiết", XlsxExporter.ProvenanceSheet], Ct);
        Assert.Equal(14, shown["Bảng dân số chi tiết"].Count);
        var provenance = shown[XlsxExporter.ProvenanceSheet].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("Xuất cả bảng", provenance["Bảng điều khiển"]);
        Assert.Equal("2", provenance["Phiên bản bảng điều khiển"]);
        Assert.Equal(admin.DisplayName, provenance["Người tải xuống"]);
        Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d \(UTC\+7\)$", provenance["Thời điểm tải xuống"]);
        Assert.Equal("2023", provenance["Bộ lọc: Năm"]);
        Assert.Equal("Không có", provenance["Lọc chéo"]);
        Assert.Equal(BarTitle, provenance["Ô 1: tiêu đề"]);
        Assert.Equal("Dân số có biểu đồ", provenance["Ô 1: kịch bản"]);
        Assert.EndsWith("(dan-so-theo-huyen)", provenance["Ô 1, nguồn 1: bộ dữ liệu"]);
        Assert.Equal("Sở Kế hoạch và Đầu tư", provenance["Ô 1, nguồn 1: cơ quan sở hữu"]);
        Assert.Contains("Sở Tài chính", provenance["Không có trong tệp: " + RevenueTitle]);
        Assert.DoesNotContain(provenance.Values, v => v == RevenueTitle);
    }

    [Fact]
    public async Task A_chip_in_the_query_string_filters_the_other_tiles_sheets()
    {
        var (admin, key) = await DashboardAsync();
        var chip = new CrossFilter("bang", "Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Huyện Lý Sơn")).ToQuery();

        var (status, bytes) = await WholeAsync(admin, key, $"?nam=2024&chip={Uri.EscapeDataString(chip)}&chip=not-a-chip");

        Assert.Equal(StatusCodes.Status200OK, status);
        using var package = new ExcelPackage(new MemoryStream(bytes));
        var chart = package.Workbook.Worksheets["Dân số theo huyện biểu đồ"];
        Assert.Equal("Huyện Lý Sơn", chart.Cells[2, 1].Value);
        Assert.Null(chart.Cells[3, 1].Value);
        // The chip's own tile keeps every district.
        Assert.Equal(14, package.Workbook.Worksheets["Bảng dân số chi tiết"].Dimension.End.Row);
        var provenance = package.Workbook.Worksheets[XlsxExporter.ProvenanceSheet];
        var lines = Enumerable.Range(2, provenance.Dimension.End.Row - 1).ToDictionary(r => provenance.Cells[r, 1].Text, r => provenance.Cells[r, 2].Text);
        Assert.Equal(TableTitle + ": Huyện = Huyện Lý Sơn", lines["Lọc chéo"]);
    }

    [Fact]
    public async Task A_tile_csv_download_holds_the_tiles_rows()
    {
        var (admin, key) = await DashboardAsync();
        var expected = await TileRowsAsync(admin, key, "bang", new Dictionary<string, string> { ["nam"] = "2022" });

        var context = Context(admin, "?nam=2022");
        var result = await DashboardEndpoints.TileAsync(key, "bang", DownloadFormat.Csv, context, Ct);
        await result.ExecuteAsync(context);

        var lines = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Huyện,Dân số", lines[0]);
        Assert.Equal(expected.Select(r => string.Join(',', r.Select(CsvExporter.Cell))).Order(), lines.Skip(1).Order());
        Assert.Contains($"{key}-bang-", context.Response.Headers.ContentDisposition.ToString());
    }

    [Fact]
    public async Task A_tile_the_caller_may_not_read_or_that_does_not_exist_answers_with_a_problem()
    {
        var (admin, key) = await DashboardAsync();

        var refused = Context(admin, "");
        await (await DashboardEndpoints.TileAsync(key, "thu", DownloadFormat.Xlsx, refused, Ct)).ExecuteAsync(refused);
        var missing = Context(admin, "");
        await (await DashboardEndpoints.TileAsync(key, "khong-co", DownloadFormat.Csv, missing, Ct)).ExecuteAsync(missing);
        var (unknownStatus, _) = await WholeAsync(admin, "khong-co-bang-nay", "");

        Assert.Equal(StatusCodes.Status403Forbidden, refused.Response.StatusCode);
        Assert.Contains("Sở Tài chính", Body(refused));
        Assert.Equal(StatusCodes.Status404NotFound, missing.Response.StatusCode);
        Assert.Contains("khong-co", Body(missing));
        Assert.Equal(StatusCodes.Status404NotFound, unknownStatus);
    }

    /// <summary>
    /// A dashboard of the planning department's administrator: a bar chart, a KPI compared with the previous year and a
    /// table over population (the filter "nam" bound to all three), a text, and a tile over the finance department's
    /// revenue that its administrator shared the scenario of but not the data.
    /// </summary>
    private async Task<(Caller Admin, string Key)> DashboardAsync()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var financeAdmin = await app.Services.CallerAsync("quantri.stc");
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var created = (await scenarios.CreateAsync(admin, "Dân số có biểu đồ", null, Population, Ct)).Value!;
        Assert.Null((await scenarios.SaveAsync(admin, created.Key, new ScenarioContent("Dân số có biểu đồ", null, ByDistrict,
            [new Visual(VisualKind.Bar, "Dân số", X: "Huyện", Values: ["Dân số"])], []), created.Version, Ct)).Error);
        var table = await ScenarioAsync(app.Services, admin, "Dân số dạng bảng", Population, ByDistrict);
        var total = await ScenarioAsync(app.Services, admin, "Tổng dân số xuất", Population, Total);
        var revenue = await ScenarioAsync(app.Services, financeAdmin, "Thu ngân sách xuất", Revenue, RevenueByDistrict, financeAdmin,
            new AudienceChoice(AudienceKind.User, UserId: admin.UserId));
        var document = new DashboardDocument(1,
        [
            new DashboardTile("tong", TileKind.Kpi, KpiTitle, new TilePosition(0, 8, 4, 3), total,
                Kpi: new KpiSettings("Dân số", new KpiComparison(ComparisonKind.PreviousPeriod, PeriodParameter: "nam"))),
            new DashboardTile("bang", TileKind.Table, TableTitle, new TilePosition(6, 0, 6, 4), table),
            new DashboardTile("bieu-do", TileKind.Visual, BarTitle, new TilePosition(0, 0, 6, 4), created.Key),
            new DashboardTile("ghi-chu", TileKind.Text, "Ghi chú", new TilePosition(0, 4, 12, 2), Markdown: "Số liệu sơ bộ."),
            new DashboardTile("thu", TileKind.Table, RevenueTitle, new TilePosition(4, 8, 4, 3), revenue),
        ],
        [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "2024",
            [new FilterBinding("tong", "nam"), new FilterBinding("bang", "nam"), new FilterBinding("bieu-do", "nam")])]);
        var dashboard = await Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios.DashboardAsync(app.Services, admin, "Xuất cả bảng", document);
        return (admin, dashboard.Key);
    }

    private async Task<IReadOnlyList<object?[]>> TileRowsAsync(Caller caller, string key, string tileId, Dictionary<string, string> filters)
    {
        var run = (await app.Services.GetRequiredService<DashboardRunner>().RunAsync(caller, key, filters, [], Ct)).Value!;
        var tile = run.Tiles.Single(t => t.TileId == tileId);
        Assert.Equal(TileState.Ok, tile.State);
        return tile.Rows;
    }

    private async Task<(int Status, byte[] Bytes)> WholeAsync(Caller caller, string key, string query)
    {
        var context = Context(caller, query);
        await (await DashboardEndpoints.WholeAsync(key, context, Ct)).ExecuteAsync(context);
        return (context.Response.StatusCode, ((MemoryStream)context.Response.Body).ToArray());
    }

    private DefaultHttpContext Context(Caller caller, string query)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, caller.UserId!),
            new Claim(ClaimTypes.Name, caller.DisplayName),
            new Claim(WorkbenchClaims.FullName, caller.DisplayName),
            new Claim(WorkbenchClaims.AgencyId, caller.AgencyId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, caller.Role),
        ], "Test"));
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
