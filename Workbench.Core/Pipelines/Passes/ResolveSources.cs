using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>
/// Looks up every source the pipeline names (source, joins, unions): datasets, and saved scenarios the caller may view,
/// whose pipelines are resolved in turn down to their datasets. Every dataset at any depth lands in
/// <see cref="CompilationContext.Datasets"/>, so access is applied to all of them in one place and the result lists them all.
/// A scenario that leads back to itself, or nests deeper than <see cref="PipelineLimits.MaxScenarioDepth"/>, is an error.
/// </summary>
public sealed class ResolveSources : IPipelinePass
{
    public Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> chain = context.Run.Scenario is { } own ? [own] : [];
        return ResolvePipelineAsync(context, context.Pipeline, context.Scenarios, chain, depth: 0, origin: null, cancellationToken);
    }

    /// <param name="chain">The scenario keys from the outermost pipeline down to this one, to find cycles and name them.</param>
    /// <param name="origin">Where the outermost pipeline names the scenario being resolved; null for the outermost pipeline itself.</param>
    private static async Task ResolvePipelineAsync(
        CompilationContext context,
        Pipeline pipeline,
        Dictionary<string, ResolvedScenario> scenarios,
        IReadOnlyList<string> chain,
        int depth,
        (int? Step, string Field, string Chain)? origin,
        CancellationToken cancellationToken)
    {
        foreach (var (step, dataset, scenario) in References(pipeline))
        {
            var field = scenario is null ? "dataset" : "scenario";
            if (step is null && scenario is null)
            {
                field = "source";
            }
            var at = origin is { } o ? (o.Step, o.Field) : (step, field);
            if (scenario is null)
            {
                if (dataset is not null)
                {
                    await ResolveDatasetAsync(context, at.Item1, at.Item2, origin?.Chain, dataset, cancellationToken);
                }
                continue;
            }
            if (scenarios.ContainsKey(scenario))
            {
                continue;
            }
            var path = chain.Append(scenario).ToList();
            if (chain.Contains(scenario, StringComparer.Ordinal))
            {
                context.Error(at.Item1, at.Item2, Text.Pick("Kịch bản dùng lại chính nó: {0}.", "The scenarios form a cycle: {0}.", Arrow(path)));
                continue;
            }
            if (depth + 1 > PipelineLimits.MaxScenarioDepth)
            {
                context.Error(at.Item1, at.Item2, Text.Pick("Kịch bản lồng nhau quá {0} tầng: {1}.", "Scenarios nest more than {0} deep: {1}.",
                    PipelineLimits.MaxScenarioDepth, Arrow(path)));
                continue;
            }
            var found = await context.Catalog.FindScenarioAsync(scenario, cancellationToken);
            if (found is null || !ScenarioAccess.CanUseAsSource(context.Access.Caller, found))
            {
                // Like a dataset: a scenario the caller may not view is not described beyond its key.
                Report(context, at, origin?.Chain, found is null
                    ? Text.Pick("Không có kịch bản '{0}'.", "There is no scenario '{0}'.", scenario)
                    : Text.Pick("Bạn không có quyền xem kịch bản '{0}'; hãy đề nghị người tạo chia sẻ.", "You may not view the scenario '{0}'; ask its owner to share it.", scenario),
                    found is null ? ErrorKind.NotFound : ErrorKind.Forbidden);
                continue;
            }
            var parsed = PipelineJson.Parse(found.PipelineJson);
            if (!parsed.IsValid)
            {
                Report(context, at, origin?.Chain, Text.Pick("Quy trình đã lưu của kịch bản '{0}' không đọc được.", "The saved pipeline of scenario '{0}' cannot be read.", scenario),
                    ErrorKind.Invalid);
                continue;
            }
            var resolved = new ResolvedScenario(found, parsed.Pipeline!, step, field);
            scenarios[scenario] = resolved;
            var innerChain = origin is { } outer ? outer.Chain + " → " + scenario : scenario;
            await ResolvePipelineAsync(context, resolved.Pipeline, resolved.Scenarios, path, depth + 1, (at.Item1, at.Item2, innerChain), cancellationToken);
        }
    }

    private static async Task ResolveDatasetAsync(CompilationContext context, int? step, string field, string? within, string dataset, CancellationToken cancellationToken)
    {
        if (context.Datasets.ContainsKey(dataset))
        {
            return;
        }
        var found = await context.Catalog.FindDatasetAsync(dataset, cancellationToken);
        if (found is null)
        {
            Report(context, (step, field), within, Text.Pick("Không có bộ dữ liệu '{0}'.", "There is no dataset '{0}'.", dataset), ErrorKind.NotFound);
            return;
        }
        context.Datasets[dataset] = found;
    }

    /// <summary>An error where the outermost pipeline names the source; inside a scenario the message says which one.</summary>
    private static void Report(CompilationContext context, (int? Step, string Field) at, string? within, string message, ErrorKind kind) =>
        context.Error(at.Step, at.Field, within is null ? message : Text.Pick("Trong kịch bản '{0}': {1}", "In scenario '{0}': {1}", within, message), kind: kind);

    private static string Arrow(IEnumerable<string> keys) => string.Join(" → ", keys);

    /// <summary>The source (step null) and each join's and union's other side, in pipeline order.</summary>
    private static IEnumerable<(int? Step, string? Dataset, string? Scenario)> References(Pipeline pipeline)
    {
        yield return (null, pipeline.Source.Dataset, pipeline.Source.Scenario);
        for (var i = 0; i < pipeline.Steps.Count; i++)
        {
            switch (pipeline.Steps[i])
            {
                case JoinStep join:
                    yield return (i, join.Dataset, join.Scenario);
                    break;
                case UnionStep union:
                    yield return (i, union.Dataset, union.Scenario);
                    break;
            }
        }
    }
}
