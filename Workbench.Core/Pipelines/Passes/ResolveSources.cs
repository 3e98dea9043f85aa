using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>Looks up every dataset the pipeline names (source, joins, unions). Scenarios are a seam for the designer issue.</summary>
public sealed class ResolveSources : IPipelinePass
{
    public async Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        await ResolveAsync(context, null, "source", context.Pipeline.Source.Dataset, context.Pipeline.Source.Scenario, cancellationToken);
        for (var i = 0; i < context.Pipeline.Steps.Count; i++)
        {
            switch (context.Pipeline.Steps[i])
            {
                case JoinStep join:
                    await ResolveAsync(context, i, "dataset", join.Dataset, join.Scenario, cancellationToken);
                    break;
                case UnionStep union:
                    await ResolveAsync(context, i, "dataset", union.Dataset, union.Scenario, cancellationToken);
                    break;
            }
        }
    }

    private static async Task ResolveAsync(CompilationContext context, int? step, string field, string? dataset, string? scenario, CancellationToken cancellationToken)
    {
        if (scenario is not null)
        {
            ResolveScenario(context, step, scenario);
            return;
        }
        if (dataset is null || context.Datasets.ContainsKey(dataset))
        {
            return;
        }
        var found = await context.Catalog.FindDatasetAsync(dataset, cancellationToken);
        if (found is null)
        {
            context.Error(step, field, Text.Pick("Không có bộ dữ liệu '{0}'.", "There is no dataset '{0}'.", dataset), kind: ErrorKind.NotFound);
            return;
        }
        context.Datasets[dataset] = found;
    }

    /// <summary>Seam: a saved scenario's result as a table arrives with the designer issue.</summary>
    private static void ResolveScenario(CompilationContext context, int? step, string scenario) =>
        context.Error(step, "scenario", Text.Pick("Chưa hỗ trợ dùng kịch bản '{0}' làm nguồn.", "Using the scenario '{0}' as a source is not supported yet.", scenario));
}
