using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Pipelines.Model;

namespace Workbench.Tests.Core.Dashboards;

public sealed class DrillDownTests
{
    private static readonly TileCondition BinhSon = new("Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Huyện Bình Sơn"));
    private static readonly TileCondition Year = new("Năm", ColumnType.Integer, JsonSerializer.SerializeToElement(2024));
    private static readonly TileCondition Sector = new("Ngành", ColumnType.Text, JsonSerializer.SerializeToElement("Nông nghiệp"));

    private static PipelineRun Run(params Step[] steps) => new(
        new Pipeline(SourceReference.ForDataset("doanh-nghiep"), [], steps), new Dictionary<string, JsonElement>());

    [Fact]
    public void The_rows_behind_a_bar_are_the_pipeline_before_its_grouping_filtered_by_the_value()
    {
        var run = Run(
            new FilterStep("[Vốn] > 0"),
            new AggregateStep(["Huyện", "Năm"], [new Measure(AggregateFunction.Count, null, "Số doanh nghiệp")]),
            new SortStep([new SortKey("Số doanh nghiệp", true)]));

        var behind = DrillDown.Behind(run, BinhSon, [Year, Sector])!;

        Assert.Collection(behind.Pipeline.Steps,
            step => Assert.Equal("[Vốn] > 0", Assert.IsType<FilterStep>(step).Expression),
            step => Assert.Equal("[Huyện] = [@locCheo1] and [Năm] = [@locCheo2]", Assert.IsType<FilterStep>(step).Expression));
        Assert.Equal("Huyện Bình Sơn", behind.Arguments["locCheo1"].GetString());
        Assert.Equal(2024, behind.Arguments["locCheo2"].GetInt64());
    }

    [Fact]
    public void A_pipeline_that_never_groups_shows_its_own_rows_with_the_value()
    {
        var behind = DrillDown.Behind(Run(new SortStep([new SortKey("Huyện", false)])), BinhSon, [])!;

        Assert.Equal("[Huyện] = [@locCheo1]", Assert.IsType<FilterStep>(behind.Pipeline.Steps[^1]).Expression);
        Assert.Equal(2, behind.Pipeline.Steps.Count);
    }

    [Fact]
    public void A_value_computed_after_the_grouping_has_no_rows_behind_it()
    {
        var run = Run(new AggregateStep(["Năm"], [new Measure(AggregateFunction.Sum, "Vốn", "Tổng vốn")]), new ComputeStep("Huyện", "'Tỉnh'"));

        Assert.Null(DrillDown.Behind(run, BinhSon, []));
    }

    [Fact]
    public void A_pivot_is_cut_like_an_aggregate()
    {
        var run = Run(new PivotStep(["Huyện"], "Năm", "Vốn", AggregateFunction.Sum, null));

        var behind = DrillDown.Behind(run, BinhSon, [])!;

        Assert.IsType<FilterStep>(Assert.Single(behind.Pipeline.Steps));
    }
}
