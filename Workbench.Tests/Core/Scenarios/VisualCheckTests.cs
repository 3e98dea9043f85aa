using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.Tests.Core.Scenarios;

public sealed class VisualCheckTests
{
    private static readonly StepColumn[] Columns =
    [
        new("Huyện", ColumnType.Text),
        new("Dân số", ColumnType.Integer),
        new("Mật độ", ColumnType.Number),
    ];

    [Fact]
    public void A_visual_whose_columns_exist_and_fit_has_no_issue()
    {
        var visual = new Visual(VisualKind.Combo, "", X: "Huyện", Values: ["Dân số"], SecondaryValues: ["Mật độ"]);

        Assert.Empty(VisualCheck.Issues(visual, Columns));
    }

    [Fact]
    public void A_renamed_column_is_missing_and_a_text_value_is_not_numeric()
    {
        var visual = new Visual(VisualKind.Bar, "", X: "Xã", Values: ["Huyện"]);

        var issues = VisualCheck.Issues(visual, Columns);

        Assert.Equal(
            [new VisualIssue(VisualRole.X, "Xã", VisualIssueKind.Missing), new VisualIssue(VisualRole.Value, "Huyện", VisualIssueKind.NotNumeric)],
            issues);
    }

    [Fact]
    public void Charts_need_x_and_a_value_heatmaps_also_a_series_and_tables_nothing()
    {
        var bar = VisualCheck.Issues(new Visual(VisualKind.Bar, ""), Columns);
        var heatmap = VisualCheck.Issues(new Visual(VisualKind.Heatmap, "", X: "Huyện", Values: ["Dân số"]), Columns);
        var table = VisualCheck.Issues(new Visual(VisualKind.Table, ""), Columns);

        Assert.Equal([new VisualIssue(VisualRole.X, null, VisualIssueKind.Required), new VisualIssue(VisualRole.Value, null, VisualIssueKind.Required)], bar);
        Assert.Equal([new VisualIssue(VisualRole.Series, null, VisualIssueKind.Required)], heatmap);
        Assert.Empty(table);
    }

    [Fact]
    public void A_kpi_shows_a_text_value_but_a_table_still_reports_a_missing_column()
    {
        var kpi = VisualCheck.Issues(new Visual(VisualKind.Kpi, "", Values: ["Huyện"]), Columns);
        var table = VisualCheck.Issues(new Visual(VisualKind.Table, "", Values: ["Xã"]), Columns);

        Assert.Empty(kpi);
        Assert.Equal([new VisualIssue(VisualRole.Value, "Xã", VisualIssueKind.Missing)], table);
    }
}
