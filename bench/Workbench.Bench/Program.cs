using Workbench.Bench;
using Workbench.Bench.Benchmarks;

// One command per benchmark; each prints a table and then, last, its ratio lines. Times are reported, never asserted.
IReadOnlyList<IBenchmark> benchmarks = [new IngestBenchmark(), new EngineBenchmark(), new SyncBenchmark(), new DashboardBenchmark()];

var name = args.FirstOrDefault();
var benchmark = benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
if (benchmark is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Workbench.Bench -- <benchmark>");
    foreach (var known in benchmarks)
    {
        Console.Error.WriteLine($"  {known.Name,-12} {known.Description}");
    }
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var report = new BenchReport();
await benchmark.RunAsync(args[1..], report, cancellation.Token);
report.Print(Console.Out);
return 0;
