using Workbench.Core.Common;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>
/// Compiles each scenario the pipeline reads into the same statement, before the pipeline's own steps: its parameters
/// (those of the enclosing pipelines of the same name and type first, then its defaults), the scenarios it reads in turn,
/// and its steps as CTEs named <c>sc{n}_s{i}</c>. Its last CTE then acts as a table for the source, a join or a union.
/// Its datasets were made sources by <see cref="ApplyAccessPolicy"/> with the caller's access, like the pipeline's own.
/// Errors inside it are reported where the pipeline names it, prefixed with the scenario's key and step.
/// </summary>
public sealed class InlineScenarios : IPipelinePass
{
    public async Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        foreach (var (key, scenario) in context.Scenarios)
        {
            if (context.PivotValuesNeeded is not null)
            {
                return;
            }
            var inner = context.ForScenario(scenario);
            IPipelinePass[] passes = [new BindParameters(), this, new CompileSteps()];
            foreach (var pass in passes)
            {
                await pass.RunAsync(inner, cancellationToken);
            }
            foreach (var error in inner.Errors)
            {
                var where = error.Step is { } step
                    ? Text.Pick("Kịch bản '{0}', bước {1}: {2}", "Scenario '{0}', step {1}: {2}", key, step + 1, error.Message)
                    : Text.Pick("Kịch bản '{0}': {1}", "Scenario '{0}': {1}", key, error.Message);
                // The position belongs to the scenario's expression, not to anything in this pipeline.
                context.Error(scenario.Step, scenario.Field, where, kind: error.Kind);
            }
            if (!inner.HasErrors && inner.PivotValuesNeeded is null)
            {
                // Only the listed columns: the CTE may carry a pending sort's keys, and a table has no order.
                context.ScenarioSources[key] = new SourceTable(inner.CurrentCte, inner.Current);
            }
        }
    }
}
