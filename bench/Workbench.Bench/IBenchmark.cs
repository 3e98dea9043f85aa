namespace Workbench.Bench;

/// <summary>One benchmark command (<c>ingest</c>, later <c>dashboard</c>, ...).</summary>
public interface IBenchmark
{
    /// <summary>The command name on the command line.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the measurements and adds them (and ratios, notes) to <paramref name="report"/>.</summary>
    Task RunAsync(IReadOnlyList<string> args, BenchReport report, CancellationToken cancellationToken);
}
