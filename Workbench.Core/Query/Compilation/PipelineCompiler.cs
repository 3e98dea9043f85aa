using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Pipelines.Passes;
using Workbench.Core.Query.Dialects;

namespace Workbench.Core.Query.Compilation;

/// <summary>
/// Compiles a pipeline into one SQL statement for a dialect by running the passes in order. Two phases for a pivot
/// without <c>values</c>: the first call returns <see cref="CompilationResult.PivotValuesNeeded"/>; the caller runs that
/// query and calls again with the values read for that step.
/// </summary>
public static class PipelineCompiler
{
    /// <summary>The passes, in the order they run.</summary>
    public static IReadOnlyList<IPipelinePass> Passes { get; } =
    [
        new ResolveSources(),
        new BindParameters(),
        new ApplyAccessPolicy(),
        new InlineScenarios(),
        new CompileSteps(),
        new BuildStatement(),
    ];

    /// <param name="pivotValues">Distinct values read for pivot steps without <c>values</c>, by step index.</param>
    public static async Task<CompilationResult> CompileAsync(
        PipelineRun run,
        ISourceCatalog catalog,
        AccessContext access,
        SqlDialect dialect,
        IReadOnlyDictionary<int, IReadOnlyList<string>>? pivotValues,
        CancellationToken cancellationToken)
    {
        var context = new CompilationContext(run, catalog, access, dialect, pivotValues);
        foreach (var pass in Passes)
        {
            await pass.RunAsync(context, cancellationToken);
            if (context.Errors.Any(e => e.Kind != Common.ErrorKind.Invalid))
            {
                break; // a missing or forbidden source: nothing more to say about it
            }
        }
        return new CompilationResult(
            context.Stopped ? null : context.Query,
            context.HasErrors ? null : context.PivotValuesNeeded,
            context.Errors,
            context.StepSchemas,
            [.. context.Datasets.Values]);
    }
}
