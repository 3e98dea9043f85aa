using Workbench.App.Features.Designer;
using Workbench.Core.Pipelines.Model;

namespace Workbench.Tests.App.Designer;

public sealed class PipelineEditorTests
{
    private static readonly Step Filter = new FilterStep("[Năm] = 2023");
    private static readonly Step Compute = new ComputeStep("Mật độ", "[Dân số] / [Diện tích]");
    private static readonly Step Sort = new SortStep([new SortKey("Mật độ", Descending: true)]);

    private static PipelineEditor Editor(params Step[] steps) =>
        new(new Pipeline(SourceReference.ForDataset("dan-so"), [], steps));

    private static IEnumerable<Step> StepsOf(PipelineEditor editor) => editor.Steps.Select(s => s.Step);

    [Theory]
    [InlineData(0, new[] { "compute", "filter", "sort" })]
    [InlineData(1, new[] { "filter", "compute", "sort" })]
    [InlineData(2, new[] { "filter", "sort", "compute" })]
    [InlineData(99, new[] { "filter", "sort", "compute" })]
    public void Dropping_a_palette_item_inserts_at_the_drop_index(int index, string[] expected)
    {
        var editor = Editor(Filter, Sort);

        editor.Insert(index, Compute);

        Assert.Equal(expected, StepsOf(editor).Select(s => s.TypeName));
    }

    [Theory]
    [InlineData(0, 2, new[] { "compute", "sort", "filter" })]
    [InlineData(2, 0, new[] { "sort", "filter", "compute" })]
    [InlineData(1, 1, new[] { "filter", "compute", "sort" })]
    public void Moving_a_card_puts_it_at_the_new_index(int from, int to, string[] expected)
    {
        var editor = Editor(Filter, Compute, Sort);

        editor.Move(editor.Steps[from].Id, to);

        Assert.Equal(expected, StepsOf(editor).Select(s => s.TypeName));
    }

    [Fact]
    public void A_move_to_the_same_place_is_not_an_edit()
    {
        var editor = Editor(Filter, Compute);

        editor.Move(editor.Steps[1].Id, 1);

        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void Undo_and_redo_walk_the_edits_exactly_and_a_new_edit_clears_redo()
    {
        var editor = Editor(Filter);
        var compute = editor.Insert(1, Compute);
        editor.Replace(compute, new ComputeStep("Mật độ", "[Dân số] * 2"));
        editor.Remove(editor.Steps[0].Id);

        editor.Undo();
        Assert.Equal([Filter, new ComputeStep("Mật độ", "[Dân số] * 2")], StepsOf(editor));
        editor.Undo();
        Assert.Equal([Filter, Compute], StepsOf(editor));
        editor.Redo();
        Assert.Equal([Filter, new ComputeStep("Mật độ", "[Dân số] * 2")], StepsOf(editor));

        editor.Insert(0, Sort);
        Assert.False(editor.CanRedo);
        Assert.Equal(3, editor.Steps.Count);
    }

    [Fact]
    public void Undo_is_bounded_so_a_long_session_does_not_grow_without_limit()
    {
        var editor = Editor();
        for (var i = 0; i < PipelineEditor.MaxUndo + 20; i++)
        {
            editor.Insert(0, new LimitStep(i + 1, null));
        }

        var undone = 0;
        while (editor.CanUndo)
        {
            editor.Undo();
            undone++;
        }

        Assert.Equal(PipelineEditor.MaxUndo, undone);
        Assert.Equal(20, editor.Steps.Count);
    }

    [Fact]
    public void A_switched_off_step_stays_in_the_editor_but_not_in_the_pipeline()
    {
        var editor = Editor(Filter, Compute, Sort);

        editor.SetDisabled(editor.Steps[1].Id, true);

        Assert.Equal(3, editor.Steps.Count);
        Assert.Equal([Filter, Sort], editor.ToPipeline().Steps);
        Assert.Equal([0, null, 1], Enumerable.Range(0, 3).Select(editor.PipelineIndex));
    }

    [Fact]
    public void The_preview_of_a_step_runs_the_steps_up_to_and_including_it()
    {
        var editor = Editor(Filter, Compute, Sort);

        Assert.Empty(editor.UpTo(-1).Steps);
        Assert.Equal([Filter, Compute], editor.UpTo(1).Steps);
        Assert.Equal("dan-so", editor.UpTo(1).Source.Dataset);
    }

    [Fact]
    public void Every_change_is_announced_undo_included()
    {
        var editor = Editor(Filter);
        var changes = 0;
        editor.Changed += () => changes++;

        editor.Insert(1, Sort);
        editor.Undo();
        editor.Redo();
        editor.SetParameters([new PipelineParameter("nam", Workbench.Core.Catalog.ColumnType.Integer, null)]);

        Assert.Equal(4, changes);
        Assert.Equal("nam", editor.ToPipeline().Parameters.Single().Name);
    }

    [Fact]
    public async Task Moving_independent_steps_keeps_the_pipeline_valid_and_the_same_contract_json()
    {
        var editor = new PipelineEditor(new Pipeline(SourceReference.ForDataset("dan-so"), [],
        [
            new FilterStep("[Năm] = 2023"),
            new ComputeStep("Mật độ", "[Dân số] / [Diện tích]"),
            new SortStep([new SortKey("Dân số", Descending: true)]),
        ]));

        editor.Move(editor.Steps[2].Id, 0);
        editor.Move(editor.Steps[2].Id, 1);
        var json = PipelineJson.Write(editor.ToPipeline());
        var compiled = await Workbench.Tests.Core.Query.TestCatalog.CompileAsync(json, new Workbench.Core.Query.Dialects.DuckDbDialect());

        Assert.True(compiled.IsValid, string.Join("; ", compiled.Errors.Select(e => e.Message)));
        Assert.Equal(["sort", "compute", "filter"], editor.ToPipeline().Steps.Select(s => s.TypeName));
        Assert.Equal(json, PipelineJson.Write(PipelineJson.Parse(json).Pipeline!));
    }

    [Fact]
    public async Task Moving_a_step_above_the_column_it_uses_shows_the_error_on_that_step()
    {
        var editor = new PipelineEditor(new Pipeline(SourceReference.ForDataset("dan-so"), [],
        [
            new ComputeStep("Mật độ", "[Dân số] / [Diện tích]"),
            new FilterStep("[Mật độ] > 100"),
        ]));

        editor.Move(editor.Steps[1].Id, 0);
        var compiled = await Workbench.Tests.Core.Query.TestCatalog.CompileAsync(
            PipelineJson.Write(editor.ToPipeline()), new Workbench.Core.Query.Dialects.DuckDbDialect());

        Assert.Equal(0, Assert.Single(compiled.Errors).Step);
    }
}
