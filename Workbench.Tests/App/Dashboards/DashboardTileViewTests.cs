using Bunit;
using Workbench.App.Features.Dashboards;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Query.Compilation;
using Workbench.Infrastructure.Dashboards;
using Workbench.Tests.App.Components;

namespace Workbench.Tests.App.Dashboards;

public sealed class DashboardTileViewTests : ComponentTestContext
{
    private static readonly TilePosition Place = new(0, 0, 4, 3);

    private static readonly DatasetFreshness Fresh = new("dan-so-theo-huyen", "Dân số theo huyện", "Sở Kế hoạch và Đầu tư", 3,
        new DateTimeOffset(2026, 11, 27, 2, 5, 0, TimeSpan.Zero), UpdateFrequency.Yearly, Overdue: false);

    private static TileResult Ok(IReadOnlyList<StepColumn> columns, IReadOnlyList<object?[]> rows, IReadOnlyList<object?[]>? previous = null,
        params DatasetFreshness[] freshness) =>
        new("t", TileState.Ok, null, columns, rows, false, false, freshness.Length > 0 ? freshness : [Fresh], previous);

    [Fact]
    public void A_kpi_shows_its_value_large_and_the_change_against_the_previous_period()
    {
        var tile = new DashboardTile("t", TileKind.Kpi, "Dân số toàn tỉnh", Place, "tong",
            Kpi: new KpiSettings("Dân số", new KpiComparison(ComparisonKind.PreviousPeriod, "nam")));
        var result = Ok([new StepColumn("Dân số", ColumnType.Integer)], [[1_250_000L]], [[1_200_000L]]);

        var component = Render<DashboardTileView>(p => p.Add(t => t.Tile, tile).Add(t => t.Result, result));

        Assert.Equal("1.250.000", component.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Equal("so với kỳ trước: ▲ +50.000 (+4,2%)", component.Find("[data-testid=kpi-change]").TextContent.Trim());
        Assert.Equal("Sở Kế hoạch và Đầu tư · cập nhật 27/11/2026 09:05", component.Find("[data-testid=tile-freshness]").TextContent.Trim());
    }

    [Fact]
    public void An_overdue_source_shows_in_warning_colour_and_says_so()
    {
        var tile = new DashboardTile("t", TileKind.Table, "Dân số theo huyện", Place, "theo-huyen");
        var result = Ok([new StepColumn("Huyện", ColumnType.Text), new StepColumn("Dân số", ColumnType.Integer)],
            [["Bình Sơn", 180_123L], ["Sơn Tịnh", 98_000L]], null, Fresh with { Overdue = true });

        var component = Render<DashboardTileView>(p => p.Add(t => t.Tile, tile).Add(t => t.Result, result));

        var chip = component.Find("[data-testid=tile-freshness]");
        Assert.Contains("mud-chip-color-warning", chip.ClassName);
        Assert.Equal("Sở Kế hoạch và Đầu tư · quá hạn cập nhật, lần nạp gần nhất 27/11/2026 09:05", chip.TextContent.Trim());
        Assert.Contains("180.123", component.Find("[data-testid=tile-table]").TextContent);
    }

    [Fact]
    public void A_tile_without_access_says_why_and_is_not_an_error()
    {
        var tile = new DashboardTile("t", TileKind.Table, "Thu ngân sách", Place, "thu");
        var result = new TileResult("t", TileState.NoAccess, "Bộ dữ liệu «Thu ngân sách» thuộc Sở Tài chính; bạn chưa được cấp quyền khai thác.",
            [], [], false, false, []);

        var component = Render<DashboardTileView>(p => p.Add(t => t.Tile, tile).Add(t => t.Result, result));

        var state = component.Find("[data-testid=tile-no-access]");
        Assert.Contains("Bạn chưa được cấp quyền xem ô này", state.TextContent);
        Assert.Contains("Sở Tài chính", state.TextContent);
        Assert.Empty(component.FindAll(".mud-alert-filled-error, .mud-alert-text-error"));
    }

    [Fact]
    public void A_tile_still_running_shows_a_skeleton()
    {
        var tile = new DashboardTile("t", TileKind.Visual, "Biểu đồ", Place, "theo-huyen");

        var component = Render<DashboardTileView>(p => p.Add(t => t.Tile, tile));

        Assert.NotNull(component.Find("[data-testid=tile-loading]"));
        Assert.Equal("Loading", component.Find("[data-testid=dashboard-tile]").GetAttribute("data-state"));
    }

    [Fact]
    public void Text_is_shown_as_markdown_and_never_as_html()
    {
        var tile = new DashboardTile("t", TileKind.Text, "Ghi chú", Place, Markdown:
            "## Nguồn số liệu\n\nSố liệu năm **2025**, *ước tính*.\n\n<script>alert(1)</script> [bấm](javascript:alert(1)) [Cổng](https://quangngai.gov.vn)\n\n- Dân số\n- Doanh nghiệp");

        var component = Render<DashboardTileView>(p => p.Add(t => t.Tile, tile));

        var body = component.Find(".dashboard-tile-body [data-testid=markdown]");
        Assert.Equal("Nguồn số liệu", body.QuerySelector("h4")!.TextContent);
        Assert.Equal("2025", body.QuerySelector("strong")!.TextContent);
        Assert.Equal("ước tính", body.QuerySelector("em")!.TextContent);
        Assert.Equal(["Dân số", "Doanh nghiệp"], body.QuerySelectorAll("ul li").Select(li => li.TextContent));
        Assert.Contains("<script>alert(1)</script> bấm Cổng", body.QuerySelectorAll("p")[1].TextContent);
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("https://quangngai.gov.vn", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Empty(component.FindAll("script"));
    }
}
