namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// The differential harness run end to end with the reference as its own runner, replaying each case from its
/// printed JSON: proves the generator, the replayable format and the comparer agree before an engine runner
/// is plugged in.
/// </summary>
public class ReplayedReferenceDifferentialTests : DifferentialTests
{
    protected override IPipelineRunner CreateRunner() => new ReplayingReferenceRunner();

    private sealed class ReplayingReferenceRunner : IPipelineRunner
    {
        public Task<ResultTable> RunAsync(DifferentialCase c, CancellationToken ct)
        {
            var replayed = DifferentialCase.FromJson(c.ToJson());
            var result = new ReferenceEvaluator(replayed.Datasets).Evaluate(replayed.Pipeline, replayed.Arguments);
            // An engine returns rows in its own order when the pipeline does not fix it.
            var rows = ResultComparer.IsOrderDetermined(c) ? result.Rows : result.Rows.Reverse().ToList();
            return Task.FromResult(new ResultTable(result.Columns, rows));
        }
    }
}
