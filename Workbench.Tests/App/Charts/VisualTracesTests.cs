using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Workbench.App.Features.Charts;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.Tests.App.Charts;

public sealed class VisualTracesTests
{
    private static readonly ChartWords Words = new("Có", "Không", "(trống)");

    private static readonly StepColumn[] Columns =
    [
        new("Huyện", ColumnType.Text),
        new("Năm", ColumnType.Integer),
        new("Dân số", ColumnType.Integer),
        new("Mật độ", ColumnType.Number),
        new("Ngày", ColumnType.Date),
    ];

    private static readonly object?[][] Rows =
    [
        ["Đức Phổ", 2023L, 150_000L, 400.5, new DateOnly(2023, 12, 31)],
        ["Đức Phổ", 2024L, 152_000L, 405.25, new DateOnly(2024, 12, 31)],
        ["Sơn Tịnh", 2023L, 90_000L, null, new DateOnly(2023, 12, 31)],
        ["Sơn Tịnh", 2024L, 91_500L, 210.0, new DateOnly(2024, 12, 31)],
    ];

    private static ChartFigure Build(Visual visual) => VisualTraces.Build(visual, Columns, Rows, Words);

    [Fact]
    public void Bar_with_a_series_has_one_trace_per_series_value_in_order_of_appearance()
    {
        var figure = Build(new Visual(VisualKind.Bar, "Dân số", X: "Năm", Series: "Huyện", Values: ["Dân số"]));

        var bars = figure.Data.Cast<Bar>().ToList();
        Assert.Equal(["Đức Phổ", "Sơn Tịnh"], bars.Select(b => b.Name));
        Assert.Equal([2023L, 2024L], bars[0].X);
        Assert.Equal([150_000L, 152_000L], bars[0].Y);
        Assert.Equal([90_000L, 91_500L], bars[1].Y);
        Assert.Equal(BarModeEnum.Group, figure.Layout.BarMode);
        Assert.True(figure.Layout.ShowLegend);
    }

    [Fact]
    public void Bar_without_a_series_has_one_trace_per_value_column_named_by_it()
    {
        var figure = Build(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số", "Mật độ"]));

        Assert.Equal(["Dân số", "Mật độ"], figure.Data.Cast<Bar>().Select(b => b.Name));
        Assert.Equal([400.5, 405.25, null, 210.0], figure.Data.Cast<Bar>().Last().Y);
    }

    [Fact]
    public void Several_values_with_a_series_name_each_trace_by_both()
    {
        var figure = Build(new Visual(VisualKind.Line, "", X: "Năm", Series: "Huyện", Values: ["Dân số", "Mật độ"]));

        Assert.Equal(["Đức Phổ · Dân số", "Đức Phổ · Mật độ", "Sơn Tịnh · Dân số", "Sơn Tịnh · Mật độ"],
            figure.Data.Cast<Scatter>().Select(s => s.Name));
    }

    [Fact]
    public void Stacked_bars_use_barmode_stack()
    {
        var figure = Build(new Visual(VisualKind.Bar, "", X: "Năm", Series: "Huyện", Values: ["Dân số"], Stacked: true));

        Assert.Equal(BarModeEnum.Stack, figure.Layout.BarMode);
    }

    [Fact]
    public void Horizontal_bars_swap_x_and_y_and_put_the_number_format_on_the_x_axis()
    {
        var figure = Build(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"], Horizontal: true));

        var bar = Assert.IsType<Bar>(Assert.Single(figure.Data));
        Assert.Equal(Plotly.Blazor.Traces.BarLib.OrientationEnum.H, bar.Orientation);
        Assert.Equal(["Đức Phổ", "Đức Phổ", "Sơn Tịnh", "Sơn Tịnh"], bar.Y);
        Assert.Equal([150_000L, 152_000L, 90_000L, 91_500L], bar.X);
        Assert.Equal(VisualTraces.NumberFormat, Assert.Single(figure.Layout.XAxis).TickFormat);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category, Assert.Single(figure.Layout.YAxis).Type);
        Assert.Null(figure.Layout.YAxis[0].TickFormat);
    }

    [Fact]
    public void Combo_puts_bars_on_the_first_axis_and_lines_on_a_second_axis_on_the_right()
    {
        var figure = Build(new Visual(VisualKind.Combo, "", X: "Huyện", Values: ["Dân số"], SecondaryValues: ["Mật độ"]));

        var bar = Assert.IsType<Bar>(figure.Data[0]);
        var line = Assert.IsType<Scatter>(figure.Data[1]);
        Assert.Null(bar.YAxis);
        Assert.Equal("y2", line.YAxis);
        Assert.Equal("Mật độ", line.Name);
        Assert.Equal(2, figure.Layout.YAxis.Count);
        Assert.Equal("y", figure.Layout.YAxis[1].Overlaying);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right, figure.Layout.YAxis[1].Side);
        Assert.Equal(VisualTraces.NumberFormat, figure.Layout.YAxis[1].TickFormat);
    }

    [Fact]
    public void Line_and_area_are_scatter_traces_area_filled_to_zero_or_stacked()
    {
        var line = Build(new Visual(VisualKind.Line, "", X: "Ngày", Values: ["Dân số"]));
        var area = Build(new Visual(VisualKind.Area, "", X: "Ngày", Values: ["Dân số"]));
        var stacked = Build(new Visual(VisualKind.Area, "", X: "Ngày", Series: "Huyện", Values: ["Dân số"], Stacked: true));

        var lineTrace = Assert.IsType<Scatter>(Assert.Single(line.Data));
        Assert.Null(lineTrace.Fill);
        Assert.Equal(["2023-12-31", "2024-12-31", "2023-12-31", "2024-12-31"], lineTrace.X);
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, line.Layout.XAxis[0].Type);
        Assert.Equal("%d/%m/%Y", line.Layout.XAxis[0].TickFormat);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToZeroY, Assert.IsType<Scatter>(Assert.Single(area.Data)).Fill);
        Assert.All(stacked.Data.Cast<Scatter>(), s => Assert.Equal("stack", s.StackGroup));
    }

    [Fact]
    public void Pie_takes_labels_from_x_and_values_from_the_first_value_and_a_donut_has_a_hole()
    {
        var pie = Build(new Visual(VisualKind.Pie, "", X: "Huyện", Values: ["Dân số"]));
        var donut = Build(new Visual(VisualKind.Pie, "", X: "Huyện", Values: ["Dân số"], Donut: true));

        var trace = Assert.IsType<Pie>(Assert.Single(pie.Data));
        Assert.Equal(["Đức Phổ", "Đức Phổ", "Sơn Tịnh", "Sơn Tịnh"], trace.Labels);
        Assert.Equal([150_000L, 152_000L, 90_000L, 91_500L], trace.Values);
        Assert.Null(trace.Hole);
        Assert.Contains("%{value:,~f}", trace.HoverTemplate);
        Assert.True(Assert.IsType<Pie>(Assert.Single(donut.Data)).Hole > 0);
    }

    [Fact]
    public void Heatmap_has_x_values_as_columns_series_values_as_rows_and_gaps_as_null()
    {
        var figure = Build(new Visual(VisualKind.Heatmap, "", X: "Năm", Series: "Huyện", Values: ["Mật độ"]));

        var heatmap = Assert.IsType<HeatMap>(Assert.Single(figure.Data));
        Assert.Equal(["2023", "2024"], heatmap.X);
        Assert.Equal(["Đức Phổ", "Sơn Tịnh"], heatmap.Y);
        Assert.Equal(2, heatmap.Z.Count);
        Assert.Equal([400.5, 405.25], (IEnumerable<object?>)heatmap.Z[0]);
        Assert.Equal([null, 210.0], (IEnumerable<object?>)heatmap.Z[1]);
    }

    [Fact]
    public void Numbers_use_vietnamese_separators_and_thousands_grouping_on_value_axes()
    {
        var figure = Build(new Visual(VisualKind.Bar, "Dân số", X: "Năm", Values: ["Dân số"]));

        Assert.Equal(",.", figure.Layout.Separators);
        Assert.Equal(",~f", figure.Layout.YAxis[0].TickFormat);
        Assert.Equal(",~f", figure.Layout.YAxis[0].HoverFormat);
        // Years stay categories, so 2024 is not grouped into 2.024.
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, figure.Layout.XAxis[0].Type);
        Assert.Equal("Dân số", figure.Layout.Title.Text);
    }

    [Fact]
    public void The_palette_sets_the_colour_order_and_an_unknown_palette_falls_back_to_the_default()
    {
        var contrast = Build(new Visual(VisualKind.Bar, "", X: "Năm", Values: ["Dân số"], Palette: VisualPalette.Contrast));
        var unknown = Build(new Visual(VisualKind.Bar, "", X: "Năm", Values: ["Dân số"], Palette: "neon"));

        Assert.Equal(VisualPalette.Colors(VisualPalette.Contrast), contrast.Layout.Colorway.Cast<string>());
        Assert.Equal(VisualPalette.Colors(Visual.DefaultPalette), unknown.Layout.Colorway.Cast<string>());
    }

    [Fact]
    public void Null_and_boolean_categories_show_words()
    {
        StepColumn[] columns = [new("Đồng bằng", ColumnType.Boolean), new("Số xã", ColumnType.Integer)];
        object?[][] rows = [[true, 3L], [false, 4L], [null, 5L]];

        var figure = VisualTraces.Build(new Visual(VisualKind.Bar, "", X: "Đồng bằng", Values: ["Số xã"]), columns, rows, Words);

        Assert.Equal(["Có", "Không", "(trống)"], Assert.IsType<Bar>(Assert.Single(figure.Data)).X);
    }

    [Fact]
    public void A_visual_that_does_not_fit_the_result_is_refused()
    {
        var visual = new Visual(VisualKind.Bar, "", X: "Xã", Values: ["Huyện"]);

        Assert.Throws<ArgumentException>(() => Build(visual));
    }
}
