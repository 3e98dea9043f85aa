using System.Text;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// The differential test: <see cref="RandomPipelines"/> cases run by the reference and by an engine runner must give
/// the same result. Abstract, so it runs nothing by itself: each warehouse adds a subclass that supplies its runner
/// (the DuckDB and PostgreSQL runners belong to the engine's integration).
/// </summary>
public abstract class DifferentialTests
{
    protected virtual int Seed => RandomPipelines.DefaultSeed;

    protected virtual int CaseCount => 500;

    /// <summary>Failures to collect before stopping, so one broken function does not print 500 cases.</summary>
    protected virtual int MaxFailures => 5;

    protected abstract IPipelineRunner CreateRunner();

    [Fact]
    public async Task Engine_matches_the_reference_on_generated_pipelines()
    {
        var runner = CreateRunner();
        var cases = RandomPipelines.Generate(Seed, CaseCount);
        var failures = new List<string>();

        for (var i = 0; i < cases.Count && failures.Count < MaxFailures; i++)
        {
            if (await DifferenceAsync(runner, cases[i], TestContext.Current.CancellationToken) is { } difference)
            {
                failures.Add($"Case {i} of seed {Seed}: {difference}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// Runs one case on the reference and on the runner; null when they agree, else a report that ends with the
    /// replayable JSON. Use it directly to replay a printed case: <c>DifferenceAsync(runner, DifferentialCase.FromJson(json), ct)</c>.
    /// </summary>
    public static async Task<string?> DifferenceAsync(IPipelineRunner runner, DifferentialCase c, CancellationToken ct)
    {
        var expected = new ReferenceEvaluator(c.Datasets).Evaluate(c.Pipeline, c.Arguments).ToResult();
        string? difference;
        try
        {
            var actual = await runner.RunAsync(c, ct);
            difference = ResultComparer.Compare(expected, actual, ResultComparer.IsOrderDetermined(c));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            difference = $"The runner failed: {e.GetType().Name}: {e.Message}";
        }
        return difference is null ? null : Report(c, expected, difference);
    }

    private static string Report(DifferentialCase c, ResultTable expected, string difference) =>
        new StringBuilder()
            .AppendLine(difference)
            .AppendLine("Expected (reference):")
            .Append(ResultComparer.Describe(expected))
            .AppendLine("Replay with DifferentialCase.FromJson:")
            .AppendLine(c.ToJson())
            .ToString();
}
