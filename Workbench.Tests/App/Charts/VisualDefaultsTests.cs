using Workbench.App.Features.Charts;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.Tests.App.Charts;

public sealed class VisualDefaultsTests
{
    private static readonly StepColumn[] Columns =
    [
        new("Dân số", ColumnType.Integer),
        new("Ngày", ColumnType.Date),
        new("Huyện", ColumnType.Text),
        new("Mật độ", ColumnType.Number),
    ];

    [Fact]
    public void A_new_chart_takes_the_first_text_or_date_column_as_x_and_the_first_number_column_as_value()
    {
        var visual = VisualDefaults.ForKind(new Visual(VisualKind.Table, "Dân số"), VisualKind.Line, Columns);

        Assert.Equal(new Visual(VisualKind.Line, "Dân số", X: "Ngày", Values: ["Dân số"]), visual);
    }

    [Fact]
    public void A_scatter_takes_numbers_on_both_axes()
    {
        var visual = VisualDefaults.ForKind(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Mật độ"]), VisualKind.Scatter, Columns);

        Assert.Equal("Dân số", visual.X);
        Assert.Equal(["Mật độ"], visual.Values);
    }

    [Fact]
    public void A_heatmap_gets_a_second_grouping_column_as_rows_and_a_single_value()
    {
        var visual = VisualDefaults.ForKind(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số", "Mật độ"]), VisualKind.Heatmap, Columns);

        Assert.Equal(("Huyện", "Ngày"), (visual.X, visual.Series));
        Assert.Equal(["Dân số"], visual.Values);
    }

    [Fact]
    public void A_combo_suggests_the_next_number_column_for_the_line_axis()
    {
        var visual = VisualDefaults.ForKind(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]), VisualKind.Combo, Columns);

        Assert.Equal(["Dân số"], visual.Values);
        Assert.Equal(["Mật độ"], visual.SecondaryValues);
    }

    [Fact]
    public void Switching_kind_keeps_what_fits_and_drops_options_the_kind_does_not_use()
    {
        var bar = new Visual(VisualKind.Bar, "T", X: "Huyện", Series: "Ngày", Values: ["Mật độ"], Horizontal: true, Stacked: true, Palette: "pastel");

        var area = VisualDefaults.ForKind(bar, VisualKind.Area, Columns);
        var pie = VisualDefaults.ForKind(bar, VisualKind.Pie, Columns);
        var kpi = VisualDefaults.ForKind(bar, VisualKind.Kpi, Columns);
        var table = VisualDefaults.ForKind(bar, VisualKind.Table, Columns);

        Assert.Equal(new Visual(VisualKind.Area, "T", X: "Huyện", Series: "Ngày", Values: ["Mật độ"], Stacked: true, Palette: "pastel"), area);
        Assert.Equal(new Visual(VisualKind.Pie, "T", X: "Huyện", Values: ["Mật độ"], Palette: "pastel"), pie);
        Assert.Equal(new Visual(VisualKind.Kpi, "T", Values: ["Mật độ"], Palette: "pastel"), kpi);
        Assert.Equal(new Visual(VisualKind.Table, "T", Palette: "pastel"), table);
    }
}
