using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;

namespace Workbench.Core.Query.Compilation;

/// <summary>A column of a step's output, as the designer and <c>/query/validate</c> show it.</summary>
public sealed record StepColumn(string Name, ColumnType Type);

/// <summary>
/// A pivot without <c>values</c> needs its distinct values first: run <see cref="Query"/> (one text column, sorted, at most
/// <see cref="PipelineLimits.MaxPivotValues"/> + 1 rows), then compile again passing the values for <see cref="Step"/>.
/// <see cref="Step"/> is the step's index, or a negative key for a pivot inside a scenario used as a source; either way
/// the caller only hands it back.
/// </summary>
public sealed record PivotValuesRequest(int Step, CompiledQuery Query);

/// <summary>The outcome of compiling: the statement, or a pivot-values request, or errors; and each step's output columns as far as known.</summary>
public sealed record CompilationResult(
    CompiledQuery? Query,
    PivotValuesRequest? PivotValuesNeeded,
    IReadOnlyList<PipelineError> Errors,
    IReadOnlyList<IReadOnlyList<StepColumn>> StepSchemas,
    IReadOnlyList<Dataset> Sources)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Limits that keep a pipeline's SQL reasonable.</summary>
public static class PipelineLimits
{
    public const int MaxPivotValues = 100;
    public const int MaxSteps = 200;
    public const int MaxNameLength = 200;
    public const int MaxLagOffset = 10_000;

    /// <summary>How deep scenarios used as sources may nest (a scenario reading a scenario reading ...).</summary>
    public const int MaxScenarioDepth = 8;
}
