using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Query;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// Five pipelines through the engine (parse, compile for the warehouse's dialect with a system administrator's access,
/// run with <see cref="IWarehouse.QueryAsync"/>, read every row: the API's path without its result cache and audit
/// write) against the SQL an expert would write for the same question, run through the same
/// <see cref="IWarehouse.QueryAsync"/> and read the same way. 10,000,000 households in DuckDB, 1,000,000 in PostgreSQL,
/// loaded through the product's own load path.
/// </summary>
public sealed class EngineBenchmark : IBenchmark
{
    private const int DuckDbRows = 10_000_000;
    private const int PostgresRows = 1_000_000;
    private const int DefaultWarmups = 2;
    private const int DefaultRuns = 9;

    public string Name => "engine";

    public string Description =>
        $"5 pipelines through the engine vs hand-written SQL ({DuckDbRows:N0} rows in DuckDB, {PostgresRows:N0} in PostgreSQL); " +
        "options: --verbose (print both SQL texts), --runs N, --duckdb-rows N, --postgres-rows N, --only duckdb|postgres, --pipeline PART[,PART...] (pipelines whose name contains one)";

    public async Task RunAsync(IReadOnlyList<string> args, BenchReport report, CancellationToken cancellationToken)
    {
        var verbose = args.Contains("--verbose");
        var runs = IntOption(args, "--runs") ?? DefaultRuns;
        var duckRows = IntOption(args, "--duckdb-rows") ?? DuckDbRows;
        var pgRows = IntOption(args, "--postgres-rows") ?? PostgresRows;
        var only = Option(args, "--only");
        var pipelines = Option(args, "--pipeline") is { } chosen
            ? [.. EnginePipeline.All.Where(p => chosen.Split(',').Any(c => p.Name.Contains(c, StringComparison.OrdinalIgnoreCase)))]
            : EnginePipeline.All;
        var cache = Path.Combine(Path.GetTempPath(), "workbench-bench");
        var work = Path.Combine(cache, "engine-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        report.Note($"Each pair: {DefaultWarmups} warm-up rounds, then {runs} measured rounds; a round runs ours and the hand-written SQL, " +
            "alternating which goes first. Ours = parse + compile + QueryAsync + read every row; hand = QueryAsync + read every row.");
        try
        {
            double? duckOverhead = null;
            double? pgOverhead = null;
            if (only is null or "duckdb")
            {
                Console.Error.WriteLine("DuckDB");
                using var host = await BenchHost.StartAsync(work, "duck", "DuckDb", $"Data Source={Path.Combine(work, "warehouse.duckdb")}", cancellationToken);
                duckOverhead = await RunEngineAsync(host, "duckdb", duckRows, pipelines, runs, verbose, report, cancellationToken);
            }
            if (only is null or "postgres")
            {
                var server = BenchHost.PostgresServer();
                if (server is null)
                {
                    report.Note($"PostgreSQL skipped: neither {string.Join(" nor ", BenchHost.PostgresVariables)} is set " +
                        "(e.g. WORKBENCH_BENCH_POSTGRES=\"Host=localhost;Port=5432;Username=postgres;Password=postgres\"), so there is no postgres overhead line.");
                }
                else
                {
                    Console.Error.WriteLine("PostgreSQL");
                    pgOverhead = await PostgresAsync(server, work, pgRows, pipelines, runs, verbose, report, cancellationToken);
                }
            }
            if (duckOverhead is { } duck)
            {
                report.Final(string.Create(CultureInfo.InvariantCulture, $"engine overhead duckdb: {duck:0.00}"));
            }
            if (pgOverhead is { } pg)
            {
                report.Final(string.Create(CultureInfo.InvariantCulture, $"engine overhead postgres: {pg:0.00}"));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> PostgresAsync(
        string server, string work, int rows, IReadOnlyList<EnginePipeline> pipelines, int runs, bool verbose, BenchReport report, CancellationToken cancellationToken)
    {
        var database = "wb_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8'", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var warehouse = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            using var host = await BenchHost.StartAsync(work, "pg", "PostgreSql", warehouse, cancellationToken);
            return await RunEngineAsync(host, "postgres", rows, pipelines, runs, verbose, report, cancellationToken, async tables =>
            {
                // Off the clock and for both sides alike: hint bits set and statistics current, as after autovacuum.
                await using var connection = new NpgsqlConnection(warehouse);
                await connection.OpenAsync(cancellationToken);
                foreach (var table in tables)
                {
                    await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE \"{table}\"", connection);
                    await vacuum.ExecuteNonQueryAsync(cancellationToken);
                }
            });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Loads the data, measures the five pairs, adds the engine's table; returns the median of the five ratios.</summary>
    private static async Task<double> RunEngineAsync(
        IHost host,
        string engine,
        int factRows,
        IReadOnlyList<EnginePipeline> pipelines,
        int runs,
        bool verbose,
        BenchReport report,
        CancellationToken cancellationToken,
        Func<IReadOnlyList<string>, Task>? afterLoad = null)
    {
        var warehouse = host.Services.GetRequiredService<IWarehouse>();
        var catalog = host.Services.GetRequiredService<ISourceCatalog>();
        var caller = await BenchHost.CallerAsync(host, cancellationToken);
        var (fact, dimension) = await LoadAsync(host, engine, factRows, report, cancellationToken);
        if (afterLoad is not null)
        {
            await afterLoad([fact.TableName, dimension.TableName]);
        }
        var names = new PhysicalNames(fact, dimension);
        var access = AccessContext.ForCaller(caller);
        // The API's interactive limit; the same linked timeout on both sides.
        var timeout = new QueryOptions().Timeout;

        var table = new List<IReadOnlyList<string>>();
        var ratios = new List<double>();
        foreach (var pipeline in pipelines)
        {
            // Off the clock: the result's column types, which the hand-written query is read with too.
            var compiled = await CompileAsync(pipeline.Json, catalog, access, warehouse, timeout, cancellationToken);
            var hand = new CompiledQuery(pipeline.Hand(warehouse.Provider, names), [], compiled.Columns);
            if (verbose)
            {
                Console.Error.WriteLine($"-- {engine} {pipeline.Name}: engine SQL ({compiled.Parameters.Count} parameters: " +
                    string.Join(", ", compiled.Parameters.Select(p => $"{p.Name}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")) + ")");
                Console.Error.WriteLine(compiled.Sql);
                Console.Error.WriteLine($"-- {engine} {pipeline.Name}: hand-written SQL");
                Console.Error.WriteLine(hand.Sql);
            }

            List<object?[]> oursRows = [], handRows = [];
            var (ours, baseline) = await Measure.PairAsync(
                $"{engine} {pipeline.Name}: ours",
                async ct =>
                {
                    var query = await CompileAsync(pipeline.Json, catalog, access, warehouse, timeout, ct);
                    oursRows = await ReadAllAsync(warehouse, query, timeout, ct);
                },
                $"{engine} {pipeline.Name}: hand",
                async ct => handRows = await ReadAllAsync(warehouse, hand, timeout, ct),
                DefaultWarmups,
                runs,
                cancellationToken);
            ResultCheck.Same($"{engine} {pipeline.Name}", compiled.Columns, oursRows, handRows, pipeline.Ordered);
            if (verbose)
            {
                // Where ours spends its time besides the statement: parse + compile (metadata reads included) alone.
                var compileTimes = new List<TimeSpan>();
                for (var i = 0; i < 9; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await CompileAsync(pipeline.Json, catalog, access, warehouse, timeout, cancellationToken);
                    compileTimes.Add(clock.Elapsed);
                }
                var compile = new Measurement("compile", compileTimes).Median;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{engine} {pipeline.Name}: parse + compile alone {compile.TotalMilliseconds:N1} ms (median of 9)");
                Console.Error.WriteLine(line);
                report.Note(line);
            }
            report.Add(ours);
            report.Add(baseline);
            var ratio = ours.Median / baseline.Median;
            ratios.Add(ratio);
            table.Add([pipeline.Name, Ms(ours.Median), Ms(baseline.Median), string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}"),
                oursRows.Count.ToString("N0", CultureInfo.InvariantCulture)]);
        }
        var overhead = Median(ratios);
        table.Add(["median of ratios", "", "", string.Create(CultureInfo.InvariantCulture, $"{overhead:0.00}"), ""]);
        report.Table($"{engine}: {factRows:N0} households ({warehouse.Provider}); medians in ms",
            ["pipeline", "ours ms", "hand ms", "ratio", "rows"], table);
        return overhead;
    }

    /// <summary>The datasets created and loaded through <see cref="DatasetService"/>, i.e. the warehouse's own <see cref="IWarehouse.LoadAsync"/>.</summary>
    private static async Task<(Dataset Fact, Dataset Dimension)> LoadAsync(
        IHost host, string engine, int factRows, BenchReport report, CancellationToken cancellationToken)
    {
        var datasets = host.Services.GetRequiredService<DatasetService>();
        var caller = await BenchHost.CallerAsync(host, cancellationToken);
        var clock = Stopwatch.StartNew();
        foreach (var (key, name, columns, rows) in new[]
        {
            (HouseholdData.DimensionKey, "Đơn vị hành chính cấp huyện", HouseholdData.DimensionColumns, HouseholdData.DimensionRows()),
            (HouseholdData.FactKey, "Hộ kinh doanh cá thể", HouseholdData.FactColumns, HouseholdData.FactRows(factRows)),
        })
        {
            var created = await datasets.CreateAsync(caller, new NewDataset(key, name, caller.AgencyId, columns), cancellationToken);
            if (created.Error is { } error)
            {
                throw new InvalidOperationException($"{engine}: creating {key} failed: {error.Message}");
            }
            var loaded = await datasets.LoadAsync(caller, key, LoadMode.Append, rows, cancellationToken);
            if (loaded.Error is { } loadError)
            {
                throw new InvalidOperationException($"{engine}: loading {key} failed: {loadError.Message}");
            }
        }
        var elapsed = clock.Elapsed;
        var fact = (await datasets.FindAsync(HouseholdData.FactKey, cancellationToken))!;
        var dimension = (await datasets.FindAsync(HouseholdData.DimensionKey, cancellationToken))!;
        if (fact.RowCount != factRows)
        {
            throw new InvalidOperationException($"{engine}: {fact.RowCount:N0} households loaded, expected {factRows:N0}.");
        }
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{engine}: generated and loaded {factRows:N0} households + {dimension.RowCount} districts through DatasetService.LoadAsync in {elapsed.TotalSeconds:N1} s ({factRows / elapsed.TotalSeconds:N0} rows/s)");
        Console.Error.WriteLine(line);
        report.Note(line);
        return (fact, dimension);
    }

    /// <summary>What the API does before running: parse, compile with the caller's access (reading pivot values first when a pivot names none).</summary>
    private static async Task<CompiledQuery> CompileAsync(
        string json, ISourceCatalog catalog, AccessContext access, IWarehouse warehouse, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var parsed = PipelineJson.Parse(json);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException("The pipeline does not parse: " + string.Join(" | ", parsed.Errors.Select(e => $"{e.Step} {e.Field}: {e.Message}")));
        }
        var run = new PipelineRun(parsed.Pipeline!, parsed.Arguments);
        var pivotValues = new Dictionary<int, IReadOnlyList<string>>();
        while (true)
        {
            var result = await PipelineCompiler.CompileAsync(run, catalog, access, warehouse.Dialect, pivotValues.Count == 0 ? null : pivotValues, cancellationToken);
            if (!result.IsValid)
            {
                throw new InvalidOperationException("The pipeline does not compile: " + string.Join(" | ", result.Errors.Select(e => $"{e.Step} {e.Field}: {e.Message}")));
            }
            if (result.PivotValuesNeeded is not { } request)
            {
                return result.Query!;
            }
            pivotValues[request.Step] = [.. (await ReadAllAsync(warehouse, request.Query, timeout, cancellationToken)).Select(r => (string)r[0]!)];
        }
    }

    private static async Task<List<object?[]>> ReadAllAsync(IWarehouse warehouse, CompiledQuery query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        await foreach (var row in warehouse.QueryAsync(query, timeout, cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }
        return null;
    }

    private static int? IntOption(IReadOnlyList<string> args, string name) =>
        Option(args, name) is { } value ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
}
