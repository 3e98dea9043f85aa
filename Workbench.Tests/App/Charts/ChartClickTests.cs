using System.Text.Json;
using Workbench.App.Features.Charts;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.Tests.App.Charts;

/// <summary>What a click on a chart point means: the value of the visual's category column under it, typed as in the rows.</summary>
public sealed class ChartClickTests
{
    private static readonly ChartWords Words = new("Có", "Không", "(trống)");

    private static readonly StepColumn[] Columns =
        [new("Huyện", ColumnType.Text), new("Năm", ColumnType.Integer), new("Dân số", ColumnType.Integer), new("Ngày", ColumnType.Date)];

    private static readonly object?[][] Rows =
    [
        ["Đức Phổ", 2023L, 150_000L, new DateOnly(2023, 12, 31)],
        ["Sơn Tịnh", 2024L, 91_500L, new DateOnly(2024, 12, 31)],
        [null, 2025L, 1L, null],
    ];

    private static JsonElement Json(string raw) => JsonDocument.Parse(raw).RootElement.Clone();

    private static ChartClick? Click(Visual visual, object? x, object? y = null, object? point = null) =>
        VisualTraces.Clicked(visual, Columns, Rows, Words, x, y, point);

    [Fact]
    public void A_bar_gives_its_category_as_the_rows_have_it()
    {
        var click = Click(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]), Json("\"Sơn Tịnh\""), Json("91500"));

        Assert.Equal(new ChartClick("Huyện", ColumnType.Text, "Sơn Tịnh"), click);
    }

    [Fact]
    public void A_horizontal_bar_reads_its_category_from_y()
    {
        var click = Click(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"], Horizontal: true), Json("150000"), Json("\"Đức Phổ\""));

        Assert.Equal("Đức Phổ", click?.Value);
    }

    [Fact]
    public void Numbers_dates_and_blanks_map_back_to_typed_values()
    {
        Assert.Equal(2024L, Click(new Visual(VisualKind.Line, "", X: "Năm", Values: ["Dân số"]), Json("2024"))?.Value);
        Assert.Equal(new DateOnly(2023, 12, 31), Click(new Visual(VisualKind.Line, "", X: "Ngày", Values: ["Dân số"]), Json("\"2023-12-31 00:00\""))?.Value);
        var blank = Click(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]), Json("\"(trống)\""));
        Assert.NotNull(blank);
        Assert.Null(blank.Value);
    }

    [Fact]
    public void A_slice_is_found_by_its_point_number()
    {
        var click = Click(new Visual(VisualKind.Pie, "", X: "Huyện", Values: ["Dân số"]), null, null, Json("1"));

        Assert.Equal("Sơn Tịnh", click?.Value);
    }

    [Fact]
    public void A_value_no_row_has_or_a_heatmap_cell_gives_nothing()
    {
        Assert.Null(Click(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]), Json("\"Lý Sơn\"")));
        Assert.Null(Click(new Visual(VisualKind.Pie, "", X: "Huyện", Values: ["Dân số"]), null, null, Json("7")));
        Assert.Null(Click(new Visual(VisualKind.Heatmap, "", X: "Huyện", Series: "Năm", Values: ["Dân số"]), Json("\"Đức Phổ\"")));
    }

    [Fact]
    public void A_picked_category_dims_the_other_bars_and_pulls_its_slice_out()
    {
        var bars = new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]);
        var pie = new Visual(VisualKind.Pie, "", X: "Huyện", Values: ["Dân số"]);
        var barFigure = VisualTraces.Build(bars, Columns, Rows, Words);
        var pieFigure = VisualTraces.Build(pie, Columns, Rows, Words);
        var untouched = VisualTraces.Build(bars, Columns, Rows, Words);

        VisualTraces.Highlight(barFigure, bars, Columns, Rows, Words, ["Sơn Tịnh"]);
        VisualTraces.Highlight(pieFigure, pie, Columns, Rows, Words, [null]);
        VisualTraces.Highlight(untouched, bars, Columns, Rows, Words, []);

        Assert.Equal([1], Assert.IsAssignableFrom<IEnumerable<object>>(barFigure.Data.Cast<Plotly.Blazor.Traces.Bar>().Single().SelectedPoints));
        Assert.Equal([0m, 0m, 0.12m], pieFigure.Data.Cast<Plotly.Blazor.Traces.Pie>().Single().PullArray!.Select(p => (decimal)p!));
        Assert.Null(untouched.Data.Cast<Plotly.Blazor.Traces.Bar>().Single().SelectedPoints);
    }
}
