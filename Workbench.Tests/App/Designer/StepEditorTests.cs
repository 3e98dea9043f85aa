using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using Workbench.App.Features.Designer;
using Workbench.App.Features.Designer.Editors;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.App.Components;

namespace Workbench.Tests.App.Designer;

/// <summary>Each step editor writes the step the contract expects, checked as PIPELINE.md JSON.</summary>
public sealed class StepEditorTests : ComponentTestContext
{
    private static readonly StepColumn[] Input =
    [
        new("Mã huyện", ColumnType.Text),
        new("Huyện", ColumnType.Text),
        new("Năm", ColumnType.Integer),
        new("Dân số", ColumnType.Integer),
    ];

    private readonly List<Step> _changes = [];

    private static readonly ScenarioSummary Regions =
        new("vung", "Vùng của huyện", null, "", ScenarioStatus.Draft, 3, DateTimeOffset.UnixEpoch);

    private readonly List<string> _columnsAsked = [];

    private IRenderedComponent<StepEditor> RenderEditor(Step step, IReadOnlyList<PipelineError>? errors = null, IReadOnlyList<Dataset>? datasets = null) =>
        Render<StepEditor>(parameters => parameters
            .Add(p => p.Step, step)
            .Add(p => p.Input, Input)
            .Add(p => p.Errors, errors ?? [])
            .Add(p => p.Datasets, datasets ?? [])
            .Add(p => p.Scenarios, [Regions])
            .Add(p => p.ScenarioColumns, RegionColumnsAsync)
            .Add(p => p.OnChange, s => _changes.Add(s)));

    private Task<(IReadOnlyList<StepColumn> Columns, string? Error)> RegionColumnsAsync(string key)
    {
        _columnsAsked.Add(key);
        return Task.FromResult<(IReadOnlyList<StepColumn>, string?)>(([new("Mã huyện", ColumnType.Text), new("Vùng", ColumnType.Text)], null));
    }

    private static MudSelect<string> SelectByTestId(IRenderedComponent<StepEditor> editor, string testId) =>
        editor.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId)).Instance;

    // The step as the contract writes it, so the test reads like PIPELINE.md.
    private static string Json(Step step) =>
        System.Text.Json.JsonDocument.Parse(PipelineJson.Write(new Pipeline(SourceReference.ForDataset("d"), [], [step])))
            .RootElement.GetProperty("steps")[0].GetRawText();

    [Fact]
    public async Task Aggregate_editor_adds_a_sum_measure_of_the_first_number_column()
    {
        var editor = RenderEditor(new AggregateStep(["Huyện"], [new Measure(AggregateFunction.Count, null, "Số dòng")]));

        await editor.Find("[data-testid=add-measure]").ClickAsync(new());

        Assert.Equal(
            """{"type":"aggregate","groupBy":["Huyện"],"measures":[{"function":"count","as":"Số dòng"},{"function":"sum","column":"Năm","as":"Tổng Năm"}]}""",
            Json(_changes[^1]));
    }

    [Fact]
    public async Task A_measure_name_follows_its_column_until_the_user_names_it()
    {
        var editor = RenderEditor(new AggregateStep(["Huyện"], [new Measure(AggregateFunction.Sum, "Năm", "Tổng Năm"), new Measure(AggregateFunction.Sum, "Năm", "Dân")]));

        var columns = editor.FindComponents<MudSelect<string>>().Where(s => s.Instance.Label == "Của cột").ToList();
        await editor.InvokeAsync(() => columns[0].Instance.ValueChanged.InvokeAsync("Dân số"));
        await editor.InvokeAsync(() => columns[1].Instance.ValueChanged.InvokeAsync("Dân số"));

        Assert.Equal(
            """{"type":"aggregate","groupBy":["Huyện"],"measures":[{"function":"sum","column":"Dân số","as":"Tổng Dân số"},{"function":"sum","column":"Năm","as":"Dân"}]}""",
            Json(_changes[0]));
        Assert.Equal(
            """{"type":"aggregate","groupBy":["Huyện"],"measures":[{"function":"sum","column":"Năm","as":"Tổng Năm"},{"function":"sum","column":"Dân số","as":"Dân"}]}""",
            Json(_changes[^1]));
    }

    [Fact]
    public async Task Compute_editor_writes_the_column_and_the_formula()
    {
        var editor = RenderEditor(new ComputeStep("Cột mới", ""));

        await editor.InvokeAsync(() => editor.FindComponents<MudTextField<string>>()
            .Single(f => Equals(f.Instance.UserAttributes.GetValueOrDefault("data-testid"), "compute-column")).Instance.ValueChanged.InvokeAsync("Mật độ"));
        editor.Render(p => p.Add(e => e.Step, _changes[^1]));
        await editor.InvokeAsync(() => editor.FindComponent<ExpressionField>().Instance.ValueChanged.InvokeAsync("[Dân số] / 2"));

        Assert.Equal("""{"type":"compute","column":"Mật độ","expression":"[Dân số] / 2"}""", Json(_changes[^1]));
    }

    [Fact]
    public async Task Limit_editor_writes_count_and_offset()
    {
        var editor = RenderEditor(new LimitStep(10, null));

        await editor.InvokeAsync(() => editor.FindComponents<MudNumericField<long>>()[1].Instance.ValueChanged.InvokeAsync(20));

        Assert.Equal("""{"type":"limit","count":10,"offset":20}""", Json(_changes[^1]));
    }

    [Fact]
    public async Task Filter_builder_writes_the_condition_once_its_value_is_typed()
    {
        var editor = RenderEditor(new FilterStep(""));

        await editor.InvokeAsync(() => editor.FindComponents<MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "filter-column")).Instance.ValueChanged.InvokeAsync("Năm"));
        Assert.Empty(_changes);
        await editor.InvokeAsync(() => editor.FindComponents<MudTextField<string>>()
            .Single(f => Equals(f.Instance.UserAttributes.GetValueOrDefault("data-testid"), "filter-value")).Instance.ValueChanged.InvokeAsync("2023"));

        Assert.Equal("""{"type":"filter","expression":"[Năm] = 2023"}""", Json(_changes[^1]));
    }

    [Fact]
    public void A_filter_the_builder_cannot_show_opens_as_a_formula()
    {
        var editor = RenderEditor(new FilterStep("[Dân số] / 2 > 100"));

        Assert.Equal("[Dân số] / 2 > 100", editor.FindComponent<ExpressionField>().Instance.Value);
    }

    [Fact]
    public void The_expression_editor_underlines_the_error_at_its_position_with_the_message()
    {
        var editor = RenderEditor(new ComputeStep("Mật độ", "[Dân số] / [Dien tich]"),
            [new PipelineError(0, "expression", "Không có cột 'Dien tich'. Có phải ý bạn là 'Diện tích'?", 11)]);

        var error = editor.Find(".wb-expression-error");
        Assert.Equal("[", error.QuerySelector("u.wb-error-mark")!.TextContent);
        Assert.StartsWith("[Dân số] / [", error.QuerySelector("code")!.TextContent);
        Assert.Contains("Có phải ý bạn là", error.TextContent);
    }

    [Fact]
    public async Task Join_editor_suggests_matching_keys_when_a_dataset_is_chosen()
    {
        var districts = new Dataset
        {
            Key = "huyen",
            Name = "Danh mục huyện",
            TableName = "ds_9",
            Columns =
            [
                new DatasetColumn { Name = "Mã huyện", PhysicalName = "c1", Type = ColumnType.Text, Ordinal = 0 },
                new DatasetColumn { Name = "Vùng", PhysicalName = "c2", Type = ColumnType.Text, Ordinal = 1 },
            ],
        };
        var editor = RenderEditor(new JoinStep(null, null, JoinKind.Left, [], null, null), datasets: [districts]);

        await editor.InvokeAsync(() => editor.FindComponents<MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "join-dataset")).Instance.ValueChanged.InvokeAsync("huyen"));

        Assert.Equal("""{"type":"join","dataset":"huyen","kind":"left","on":[{"left":"Mã huyện","right":"Mã huyện"}]}""", Json(_changes[^1]));
    }

    [Fact]
    public async Task Join_editor_offers_saved_scenarios_and_suggests_keys_from_the_chosen_scenarios_columns()
    {
        var editor = RenderEditor(new JoinStep(null, null, JoinKind.Left, [], null, null));

        await editor.InvokeAsync(() => editor.FindComponent<MudRadioGroup<bool>>().Instance.ValueChanged.InvokeAsync(true));
        var scenarios = SelectByTestId(editor, "join-scenario");
        await editor.InvokeAsync(() => scenarios.ValueChanged.InvokeAsync("vung"));

        Assert.Equal("Kết nối với kết quả của kịch bản", scenarios.Label);
        Assert.Equal("""{"type":"join","scenario":"vung","kind":"left","on":[{"left":"Mã huyện","right":"Mã huyện"}]}""", Json(_changes[^1]));
        Assert.Contains("vung", _columnsAsked);
    }

    [Fact]
    public void Join_editor_with_a_scenario_shows_its_columns_to_keep()
    {
        var editor = RenderEditor(new JoinStep(null, "vung", JoinKind.Inner, [new JoinKey("Mã huyện", "Mã huyện")], null, null));

        var kept = editor.FindComponents<MudSelect<string>>().Single(s => s.Instance.MultiSelection).Instance;

        Assert.Equal(["Vùng"], kept.GetState(x => x.SelectedValues));
        Assert.Contains(editor.FindComponents<MudSelect<string>>(), s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "join-scenario"));
    }

    [Fact]
    public async Task Union_editor_can_append_a_saved_scenario()
    {
        var editor = RenderEditor(new UnionStep("huyen", null, null));

        await editor.InvokeAsync(() => editor.FindComponent<MudRadioGroup<bool>>().Instance.ValueChanged.InvokeAsync(true));
        await editor.InvokeAsync(() => SelectByTestId(editor, "union-scenario").ValueChanged.InvokeAsync("vung"));

        Assert.Equal("""{"type":"union","scenario":"vung"}""", Json(_changes[^1]));
    }
}
