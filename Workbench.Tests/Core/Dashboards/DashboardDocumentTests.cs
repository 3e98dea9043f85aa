using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;

namespace Workbench.Tests.Core.Dashboards;

public sealed class DashboardDocumentTests
{
    private static DashboardTile Tile(string id, int x, int y, int w = 4, int h = 3, TileKind kind = TileKind.Table) =>
        new(id, kind, "Ô " + id, new TilePosition(x, y, w, h), kind == TileKind.Text ? null : "kich-ban", Markdown: kind == TileKind.Text ? "**Ghi chú**" : null);

    [Fact]
    public void A_well_formed_document_has_no_problems_and_reads_back_unchanged()
    {
        var document = new DashboardDocument(1,
            [Tile("a", 0, 0), Tile("b", 4, 0), Tile("c", 0, 3, 12, 2, TileKind.Text),
             new DashboardTile("k", TileKind.Kpi, "Dân số", new TilePosition(8, 0, 4, 3), "kich-ban",
                 Kpi: new KpiSettings("Dân số", new KpiComparison(ComparisonKind.PreviousPeriod, PeriodParameter: "nam"), "Dân số"))],
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, ["2023", "2024"], "2024", [new FilterBinding("a", "nam"), new FilterBinding("k", "nam")])]);

        var json = document.Write();
        var read = DashboardDocument.Read(json)!;

        Assert.Empty(document.Validate());
        Assert.Contains("\"kind\":\"kpi\"", json);
        Assert.Contains("\"version\":1", json);
        Assert.Equal(json, read.Write());
    }

    [Fact]
    public void Validation_reports_every_problem_at_once()
    {
        var document = new DashboardDocument(1,
            [Tile("a", 0, 0), Tile("a", 2, 1), Tile("b", 10, 0, w: 4), Tile("t", 0, 10, kind: TileKind.Text) with { Markdown = new string('x', 20_001) }],
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "hai nghìn", [new FilterBinding("khong-co", "nam")])]);

        var problems = document.Validate();

        Assert.Contains(problems, p => p.Field == "tiles[1].id" && p.Message.Contains("«a» bị trùng"));
        Assert.Contains(problems, p => p.Field == "tiles[1].position" && p.Message.Contains("chồng lên"));
        Assert.Contains(problems, p => p.Field == "tiles[2].position" && p.Message.Contains("ngoài lưới 12 cột"));
        Assert.Contains(problems, p => p.Field == "tiles[3].markdown");
        Assert.Contains(problems, p => p.Field == "filters[0].default");
        Assert.Contains(problems, p => p.Field == "filters[0].bindings" && p.Message.Contains("«khong-co»"));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Tiles_that_only_touch_do_not_overlap()
    {
        Assert.False(new TilePosition(0, 0, 4, 3).Overlaps(new TilePosition(4, 0, 4, 3)));
        Assert.False(new TilePosition(0, 0, 4, 3).Overlaps(new TilePosition(0, 3, 4, 3)));
        Assert.True(new TilePosition(0, 0, 4, 3).Overlaps(new TilePosition(3, 2, 4, 3)));
    }

    [Fact]
    public void A_document_that_is_not_json_of_a_dashboard_reads_as_null()
    {
        Assert.Null(DashboardDocument.Read("{ \"tiles\": 3 }"));
        Assert.Null(DashboardDocument.Read("{ \"version\": 1, \"tiles\": [], \"filters\": [], \"extra\": 1 }"));
    }
}

public sealed class ReservedFilterNameTests
{
    [Theory]
    [InlineData("chip")]
    [InlineData("Present")]
    [InlineData("rotate")]
    [InlineData("every")]
    public void A_filter_may_not_take_a_name_the_page_address_uses(string name)
    {
        var document = new DashboardDocument(1, [], [new DashboardFilter(name, "Lọc", ColumnType.Text, null, null, [])]);

        Assert.Equal("filters[0].name", Assert.Single(document.Validate()).Field);
    }
}

public sealed class CrossFilteringTests
{
    private static readonly DashboardDocument Document = new(1,
        [
            new("theo-huyen", TileKind.Visual, "Theo huyện", new TilePosition(0, 0, 6, 4), "dan-so"),
            new("tong", TileKind.Kpi, "Tổng", new TilePosition(6, 0, 6, 4), "tong-dan-so", Kpi: new KpiSettings("Dân số")),
            new("nganh", TileKind.Table, "Theo ngành", new TilePosition(0, 4, 12, 4), "doanh-nghiep"),
            new("ghi-chu", TileKind.Text, "Ghi chú", new TilePosition(0, 8, 12, 1), Markdown: "Nguồn: Cục Thống kê"),
        ],
        [
            new("nam", "Năm", ColumnType.Integer, null, "2024", [new("theo-huyen", "nam"), new("tong", "nam")]),
            new("nganh", "Ngành", ColumnType.Text, null, null, [new("nganh", "nganh")]),
        ]);

    private static readonly Dictionary<string, IReadOnlyList<StepColumn>> Columns = new()
    {
        ["theo-huyen"] = [new("Huyện", ColumnType.Text), new("Dân số", ColumnType.Integer)],
        ["tong"] = [new("Huyện", ColumnType.Text), new("Dân số", ColumnType.Integer)],
        ["nganh"] = [new("Ngành", ColumnType.Text), new("Số doanh nghiệp", ColumnType.Integer)],
    };

    [Fact]
    public void Filters_fill_the_parameters_they_are_bound_to_with_the_chosen_value_or_the_default()
    {
        var tiles = CrossFiltering.ForTiles(Document, new Dictionary<string, string> { ["nam"] = "2023" }, [], Columns);

        Assert.Equal(["theo-huyen", "tong", "nganh"], tiles.Select(t => t.TileId));
        Assert.Equal("2023", tiles[0].Arguments["nam"]);
        Assert.Equal("2023", tiles[1].Arguments["nam"]);
        Assert.Empty(tiles[2].Arguments);
        Assert.Equal("2024", CrossFiltering.ForTiles(Document, new Dictionary<string, string>(), [], Columns)[0].Arguments["nam"]);
    }

    [Fact]
    public void A_chip_filters_the_other_tiles_that_have_its_column_and_never_its_own()
    {
        var chip = new CrossFilter("theo-huyen", "Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Huyện Lý Sơn"));

        var tiles = CrossFiltering.ForTiles(Document, new Dictionary<string, string>(), [chip], Columns);

        Assert.Empty(tiles.Single(t => t.TileId == "theo-huyen").Conditions);
        Assert.Equal("Huyện", Assert.Single(tiles.Single(t => t.TileId == "tong").Conditions).Column);
        Assert.Empty(tiles.Single(t => t.TileId == "nganh").Conditions);
    }

    [Fact]
    public void Applying_conditions_appends_one_filter_step_with_each_value_bound_as_a_parameter()
    {
        var pipeline = new Pipeline(SourceReference.ForDataset("dan-so"), [new PipelineParameter("locCheo1", ColumnType.Integer, null)], []);
        var run = new PipelineRun(pipeline, new Dictionary<string, JsonElement>());

        var applied = CrossFiltering.Apply(run, [
            new TileCondition("Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("O'Reilly ] or 1=1")),
            new TileCondition("Ngành", ColumnType.Text, JsonSerializer.SerializeToElement<string?>(null)),
        ]);

        var step = Assert.IsType<FilterStep>(Assert.Single(applied.Pipeline.Steps));
        Assert.Equal("[Huyện] = [@locCheo2] and IsNull([Ngành])", step.Expression);
        Assert.Equal("O'Reilly ] or 1=1", applied.Arguments["locCheo2"].GetString());
        Assert.Equal(ColumnType.Text, applied.Pipeline.Parameters.Single(p => p.Name == "locCheo2").Type);
    }

    [Fact]
    public void A_chip_whose_column_the_result_lacks_filters_the_source_first_when_the_source_has_it()
    {
        var chips = new[]
        {
            new CrossFilter("theo-huyen", "Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Huyện Lý Sơn")),
            new CrossFilter("theo-huyen", "Mã", ColumnType.Integer, JsonSerializer.SerializeToElement(536)),
            new CrossFilter("tong", "Năm", ColumnType.Integer, JsonSerializer.SerializeToElement(2024)),
        };
        var applied = new[] { new TileCondition("Năm", ColumnType.Integer, JsonSerializer.SerializeToElement(2023)) };
        StepColumn[] source = [new("Huyện", ColumnType.Text), new("Mã", ColumnType.Text), new("Năm", ColumnType.Integer), new("Dân số", ColumnType.Integer)];
        var pipeline = new Pipeline(SourceReference.ForDataset("dan-so"), [],
            [new AggregateStep([], [new Measure(AggregateFunction.Sum, "Dân số", "Dân số")])]);

        var conditions = CrossFiltering.ForSource("tong", chips, applied, source);
        var run = CrossFiltering.ApplyAtSource(new PipelineRun(pipeline, new Dictionary<string, JsonElement>()), conditions);

        Assert.Equal("Huyện", Assert.Single(conditions).Column);
        Assert.Equal("[Huyện] = [@locCheo1]", Assert.IsType<FilterStep>(run.Pipeline.Steps[0]).Expression);
        Assert.IsType<AggregateStep>(run.Pipeline.Steps[1]);
    }

    [Fact]
    public void The_previous_period_is_the_period_parameter_minus_one_from_the_argument_or_the_default()
    {
        var pipeline = new Pipeline(SourceReference.ForDataset("dan-so"),
            [new PipelineParameter("nam", ColumnType.Integer, JsonSerializer.SerializeToElement(2024)), new PipelineParameter("huyen", ColumnType.Text, null)], []);

        var fromDefault = CrossFiltering.PreviousPeriod(new PipelineRun(pipeline, new Dictionary<string, JsonElement>()), "nam");
        var fromArgument = CrossFiltering.PreviousPeriod(new PipelineRun(pipeline,
            new Dictionary<string, JsonElement> { ["nam"] = JsonSerializer.SerializeToElement(2020) }), "nam");

        Assert.Equal(2023, fromDefault!.Arguments["nam"].GetInt64());
        Assert.Equal(2019, fromArgument!.Arguments["nam"].GetInt64());
        Assert.Null(CrossFiltering.PreviousPeriod(new PipelineRun(pipeline, new Dictionary<string, JsonElement>()), "huyen"));
    }
}
