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

    /// <summary>
    /// Times two ways of doing the same thing, interleaved: each round runs both, alternating which goes first, so
    /// drift (another process, caches warming, thermal) falls on both alike. <paramref name="warmups"/> rounds are not
    /// counted; then <paramref name="runs"/> rounds are. <paramref name="checkA"/> and <paramref name="checkB"/>, when
    /// given, run after each of their bodies, off the clock (a result check).
    /// </summary>
    public static async Task<(Measurement A, Measurement B)> PairAsync(
        string nameA,
        Func<CancellationToken, Task> a,
        string nameB,
        Func<CancellationToken, Task> b,
        int warmups,
        int runs,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task>? checkA = null,
        Func<CancellationToken, Task>? checkB = null)
    {
        var timesA = new List<TimeSpan>();
        var timesB = new List<TimeSpan>();
        for (var round = 0; round < warmups + runs; round++)
        {
            var label = round < warmups ? "warm-up" : $"run {round - warmups + 1}";
            var first = round % 2 == 0;
            foreach (var (name, body, check, times) in first
                ? new[] { (nameA, a, checkA, timesA), (nameB, b, checkB, timesB) }
                : [(nameB, b, checkB, timesB), (nameA, a, checkA, timesA)])
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var clock = Stopwatch.StartNew();
                await body(cancellationToken);
                clock.Stop();
                if (check is not null)
                {
                    await check(cancellationToken);
                }
                Console.Error.WriteLine($"  {name}: {label} {clock.Elapsed.TotalMilliseconds,10:N0} ms");
                if (round >= warmups)
                {
                    times.Add(clock.Elapsed);
                }
            }
        }
        return (new Measurement(nameA, timesA), new Measurement(nameB, timesB));
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
