using System.Text.Json;
using Bunit;
using MudBlazor;
using Workbench.App.Features.Charts;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;
using Workbench.Tests.App.Components;

namespace Workbench.Tests.App.Charts;

public sealed class VisualViewTests : ComponentTestContext
{
    private const string PlotlyModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";

    private static readonly StepColumn[] Columns =
    [
        new("Huyện", ColumnType.Text),
        new("Dân số", ColumnType.Integer),
        new("Mật độ", ColumnType.Number),
        new("Ngày", ColumnType.Date),
        new("Đồng bằng", ColumnType.Boolean),
    ];

    private static readonly object?[][] Rows =
    [
        ["Đức Phổ", 1_234_567L, 1234.5, new DateOnly(2024, 12, 31), true],
        ["Sơn Tịnh", 91_500L, null, new DateOnly(2023, 1, 2), false],
    ];

    private readonly BunitJSModuleInterop _plotly;

    public VisualViewTests()
    {
        _plotly = JSInterop.SetupModule(PlotlyModule);
        _plotly.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<VisualView> RenderView(Visual visual, IReadOnlyList<object?[]>? rows = null) =>
        Render<VisualView>(parameters => parameters
            .Add(p => p.Visual, visual)
            .Add(p => p.Columns, Columns)
            .Add(p => p.Rows, rows ?? Rows));

    [Fact]
    public void A_kpi_shows_the_first_rows_value_big_in_vietnamese_format_under_its_title()
    {
        var view = RenderView(new Visual(VisualKind.Kpi, "Tổng dân số", Values: ["Dân số"]));

        var card = view.Find("[data-testid=visual-kpi]");
        Assert.Contains("Tổng dân số", card.TextContent);
        Assert.Equal("1.234.567", card.QuerySelector(".wb-kpi-value")!.TextContent.Trim());
    }

    [Fact]
    public void A_kpi_of_a_decimal_uses_a_comma_for_decimals()
    {
        var view = RenderView(new Visual(VisualKind.Kpi, "Mật độ", Values: ["Mật độ"]));

        Assert.Equal("1.234,5", view.Find(".wb-kpi-value").TextContent.Trim());
    }

    [Fact]
    public void A_table_shows_the_named_columns_with_vietnamese_numbers_dates_and_booleans()
    {
        var view = RenderView(new Visual(VisualKind.Table, "Bảng dân số", Values: ["Huyện", "Mật độ", "Ngày", "Đồng bằng"]));

        var table = view.Find("[data-testid=visual-table]");
        Assert.Equal(["Huyện", "Mật độ", "Ngày", "Đồng bằng"], table.QuerySelectorAll("th").Select(th => th.TextContent.Trim()));
        var first = table.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim());
        Assert.Equal(["Đức Phổ", "1.234,5", "31/12/2024", "Có"], first);
        Assert.Contains("Bảng dân số", view.Markup);
    }

    [Fact]
    public void A_table_without_named_columns_shows_every_column()
    {
        var view = RenderView(new Visual(VisualKind.Table, ""));

        Assert.Equal(5, view.FindAll("[data-testid=visual-table] th").Count);
        Assert.Contains("1.234.567", view.Find("[data-testid=visual-table] tbody").TextContent);
    }

    [Fact]
    public void A_missing_column_says_which_column_and_how_to_fix_it_instead_of_drawing()
    {
        var view = RenderView(new Visual(VisualKind.Bar, "Dân số theo xã", X: "Xã", Values: ["Dân số"]));

        var message = view.Find("[data-testid=visual-issues]").TextContent;
        Assert.Contains("Chưa hiển thị được «Dân số theo xã»", message);
        Assert.Contains("Cột «Xã» (dùng làm trục X (nhóm)) không có trong kết quả", message);
        Assert.Contains("Hãy chọn lại trục X (nhóm) trong phần thiết kế biểu đồ", message);
        Assert.Empty(_plotly.Invocations["newPlot"]);
    }

    [Fact]
    public void A_text_column_chosen_as_a_value_is_explained()
    {
        var view = RenderView(new Visual(VisualKind.Line, "", X: "Ngày", Values: ["Huyện"]));

        Assert.Contains("Cột «Huyện» (dùng làm giá trị) không phải cột số", view.Find("[data-testid=visual-issues]").TextContent);
    }

    [Fact]
    public void An_empty_result_shows_an_empty_state()
    {
        var view = RenderView(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]), rows: []);

        Assert.Contains("Chưa có dữ liệu để hiển thị", view.Find("[data-testid=empty-state]").TextContent);
    }

    [Fact]
    public void A_chart_is_drawn_once_then_redrawn_in_place_only_when_its_inputs_change()
    {
        var visual = new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]);
        var view = RenderView(visual);

        view.Render(parameters => parameters.Add(p => p.Rows, Rows));
        var afterSameInputs = _plotly.Invocations["react"].Count;
        view.Render(parameters => parameters.Add(p => p.Rows, Rows.Take(1).ToArray()));
        view.Render(parameters => parameters.Add(p => p.Visual, visual with { Stacked = true }));

        Assert.Single(_plotly.Invocations["newPlot"]);
        Assert.Equal(0, afterSameInputs);
        Assert.Equal(2, _plotly.Invocations["react"].Count);
    }

    [Fact]
    public void A_combo_chart_reaches_plotly_with_vietnamese_separators_and_a_second_y_axis()
    {
        RenderView(new Visual(VisualKind.Combo, "", X: "Huyện", Values: ["Dân số"], SecondaryValues: ["Mật độ"]));

        var layout = JsonSerializer.Serialize(Assert.Single(_plotly.Invocations["newPlot"]).Arguments[2]);
        Assert.Contains("\"separators\":\",.\"", layout);
        Assert.Contains("\"yaxis2\":", layout);
        Assert.Contains("\"tickformat\":\",~f\"", layout);
    }

    [Fact]
    public async Task Tai_ve_PNG_downloads_the_chart_named_from_its_title()
    {
        var popovers = Render<MudPopoverProvider>();
        var view = RenderView(new Visual(VisualKind.Pie, "Dân số: theo huyện", X: "Huyện", Values: ["Dân số"]));

        await view.Find("[data-testid=visual-menu] button").ClickAsync(new());
        await popovers.WaitForElement("[data-testid=visual-download-png]").ClickAsync(new());

        var download = Assert.Single(_plotly.Invocations["downloadImage"]);
        Assert.Equal("png", JsonSerializer.Serialize(download.Arguments[1]).Trim('"'));
        Assert.Equal("Dân số theo huyện", download.Arguments[4]);
    }

    [Theory]
    [InlineData("Dân số: theo huyện", "Dân số theo huyện")]
    [InlineData("  Thu/chi 2024?  ", "Thu chi 2024")]
    [InlineData("...", "bieu-do")]
    [InlineData(null, "bieu-do")]
    public void A_file_name_keeps_vietnamese_letters_and_drops_what_file_systems_refuse(string? title, string expected)
    {
        Assert.Equal(expected, ChartFileName.From(title, "bieu-do"));
    }
}
