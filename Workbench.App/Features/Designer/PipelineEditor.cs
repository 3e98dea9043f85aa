using Workbench.Core.Pipelines.Model;

namespace Workbench.App.Features.Designer;

/// <summary>A step as the designer holds it: the contract step, a stable id for drag and drop, and whether it is switched off for a moment.</summary>
public sealed record EditorStep(Guid Id, Step Step, bool Disabled = false)
{
    public static EditorStep New(Step step) => new(Guid.NewGuid(), step);
}

/// <summary>
/// The designer's pipeline being edited: insert, replace, move, remove and switch off steps, with undo and redo.
/// Each edit replaces an immutable snapshot, so undo is exact and a preview always sees one consistent pipeline.
/// Switched-off steps stay in the editor but are left out of every pipeline it produces.
/// </summary>
public sealed class PipelineEditor
{
    /// <summary>Enough to walk back a working session; older edits fall off.</summary>
    public const int MaxUndo = 100;

    private readonly LinkedList<Snapshot> _undo = new();
    private readonly Stack<Snapshot> _redo = new();
    private Snapshot _current;

    public PipelineEditor(Pipeline pipeline)
    {
        _current = new Snapshot(pipeline.Source, pipeline.Parameters, [.. pipeline.Steps.Select(EditorStep.New)]);
    }

    /// <summary>Raised after every change, undo and redo included.</summary>
    public event Action? Changed;

    public SourceReference Source => _current.Source;

    public IReadOnlyList<PipelineParameter> Parameters => _current.Parameters;

    public IReadOnlyList<EditorStep> Steps => _current.Steps;

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    public int IndexOf(Guid id)
    {
        for (var i = 0; i < _current.Steps.Count; i++)
        {
            if (_current.Steps[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Inserts a step at <paramref name="index"/> (0 = first, <see cref="Steps"/>.Count = last) and returns its id.</summary>
    public Guid Insert(int index, Step step)
    {
        var added = EditorStep.New(step);
        Apply(_current with { Steps = [.. _current.Steps.Take(Clamp(index)).Append(added).Concat(_current.Steps.Skip(Clamp(index)))] });
        return added.Id;
    }

    public void Replace(Guid id, Step step) => Update(id, s => s with { Step = step });

    public void SetDisabled(Guid id, bool disabled) => Update(id, s => s with { Disabled = disabled });

    public void Remove(Guid id)
    {
        if (IndexOf(id) >= 0)
        {
            Apply(_current with { Steps = [.. _current.Steps.Where(s => s.Id != id)] });
        }
    }

    /// <summary>Moves a step so that it ends up at <paramref name="index"/> in the new order.</summary>
    public void Move(Guid id, int index)
    {
        var from = IndexOf(id);
        if (from < 0)
        {
            return;
        }
        var steps = _current.Steps.ToList();
        var step = steps[from];
        steps.RemoveAt(from);
        var to = Math.Clamp(index, 0, steps.Count);
        if (to == from)
        {
            return;
        }
        steps.Insert(to, step);
        Apply(_current with { Steps = steps });
    }

    public void SetParameters(IReadOnlyList<PipelineParameter> parameters) => Apply(_current with { Parameters = parameters });

    public void Undo()
    {
        if (_undo.Last is { } previous)
        {
            _undo.RemoveLast();
            _redo.Push(_current);
            _current = previous.Value;
            Changed?.Invoke();
        }
    }

    public void Redo()
    {
        if (_redo.TryPop(out var next))
        {
            _undo.AddLast(_current);
            _current = next;
            Changed?.Invoke();
        }
    }

    /// <summary>The pipeline to save and run: every step that is switched on.</summary>
    public Pipeline ToPipeline() => UpTo(_current.Steps.Count - 1);

    /// <summary>The pipeline whose result is the data after the step at <paramref name="index"/> (-1: the source itself).</summary>
    public Pipeline UpTo(int index) =>
        new(_current.Source, _current.Parameters, [.. _current.Steps.Take(index + 1).Where(s => !s.Disabled).Select(s => s.Step)]);

    /// <summary>
    /// The index in <see cref="ToPipeline"/> of the step at <paramref name="index"/> of <see cref="Steps"/>, or null when
    /// it is switched off: validation errors name pipeline indexes, the cards show editor indexes.
    /// </summary>
    public int? PipelineIndex(int index) =>
        index < 0 || index >= _current.Steps.Count || _current.Steps[index].Disabled
            ? null
            : _current.Steps.Take(index).Count(s => !s.Disabled);

    private void Update(Guid id, Func<EditorStep, EditorStep> change)
    {
        var index = IndexOf(id);
        if (index < 0)
        {
            return;
        }
        var changed = change(_current.Steps[index]);
        if (changed == _current.Steps[index])
        {
            return;
        }
        var steps = _current.Steps.ToList();
        steps[index] = changed;
        Apply(_current with { Steps = steps });
    }

    private void Apply(Snapshot next)
    {
        _undo.AddLast(_current);
        if (_undo.Count > MaxUndo)
        {
            _undo.RemoveFirst();
        }
        _redo.Clear();
        _current = next;
        Changed?.Invoke();
    }

    private int Clamp(int index) => Math.Clamp(index, 0, _current.Steps.Count);

    private sealed record Snapshot(SourceReference Source, IReadOnlyList<PipelineParameter> Parameters, IReadOnlyList<EditorStep> Steps);
}
