using System.Diagnostics;

namespace Workbench.Bench;

/// <summary>Timed runs of one operation: a warm-up run that is not counted, then <see cref="Runs"/> timed runs.</summary>
public static class Measure
{
    public const int Runs = 3;

    /// <summary>
    /// Runs <paramref name="body"/> once to warm up and then <see cref="Runs"/> times, timing only the body;
    /// <paramref name="setup"/> and <paramref name="cleanup"/> (fresh table names, drops) run outside the clock.
    /// </summary>
    public static async Task<Measurement> RunAsync(
        string name,
        Func<int, CancellationToken, Task> body,
        CancellationToken cancellationToken,
        Func<int, CancellationToken, Task>? setup = null,
        Func<int, CancellationToken, Task>? cleanup = null)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run <= Runs; run++)
        {
            if (setup is not null)
            {
                await setup(run, cancellationToken);
            }
            // Each run starts from a collected heap, so one run's garbage is not billed to the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            await body(run, cancellationToken);
            clock.Stop();
            if (cleanup is not null)
            {
                await cleanup(run, cancellationToken);
            }
            var label = run == 0 ? "warm-up" : $"run {run}";
            Console.Error.WriteLine($"  {name}: {label} {clock.Elapsed.TotalMilliseconds,10:N0} ms");
            if (run > 0)
            {
                times.Add(clock.Elapsed);
            }
        }
        return new Measurement(name, times);
    }
}

/// <summary>The timed runs of one operation.</summary>
public sealed record Measurement(string Name, IReadOnlyList<TimeSpan> Times)
{
    public TimeSpan Median
    {
        get
        {
            var sorted = Times.Order().ToList();
            return sorted.Count % 2 == 1
                ? sorted[sorted.Count / 2]
                : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}
