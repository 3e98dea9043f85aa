using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Query;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Scenarios;
using Workbench.Infrastructure.Setup;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// Opening a dashboard of 8 tiles over 1,000,000 households in DuckDB through <see cref="DashboardRunner.RunAsync"/>
/// (each tile: its saved scenario, grants, compile, <c>QueryService</c> with its result cache and audit write; tiles in
/// parallel up to <c>Dashboards:MaxConcurrentTiles</c>). COLD: every source's data version has just moved on (an empty
/// append through <see cref="DatasetService.LoadAsync"/>, off the clock, as after a nightly load), so no tile finds its
/// result in the query cache; the warehouse's own buffers stay warm. WARM: the same open again, every tile a cache hit.
/// Baseline: the 8 questions as hand-written DuckDB SQL run straight on the warehouse with the same parallelism.
/// </summary>
public sealed class DashboardBenchmark : IBenchmark
{
    private const int DefaultRows = 1_000_000;
    private const int DefaultRuns = 7;
    private const int Warmups = 1;
    private const int Year = HouseholdData.LastYear;

    public string Name => "dashboard";

    public string Description =>
        $"opening a dashboard of 8 tiles over {DefaultRows:N0} households in DuckDB, cold and warm query cache, vs the 8 hand-written SQL statements; " +
        "options: --rows N, --runs N";

    /// <summary>A tile: its scenario pipeline and the DuckDB SQL an expert would write for the same answer at <see cref="Year"/>.</summary>
    private sealed record BenchTile(string Id, TileKind Kind, string Title, string Pipeline, Func<PhysicalNames, string> Hand, bool HasYear = true);

    private const string Source = $$"""{ "dataset": "{{HouseholdData.FactKey}}" }""";
    private static readonly string YearParameter = $$"""[ { "name": "nam", "type": "integer", "default": {{Year}} } ]""";

    private static IReadOnlyList<BenchTile> Tiles { get; } =
    [
        new("tong", TileKind.Kpi, "Tổng số hộ và doanh thu trong năm",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Năm] = [@nam]" },
              { "type": "aggregate", "groupBy": [], "measures": [ { "function": "count", "as": "Số hộ" },
                                                               { "function": "sum", "column": "Doanh thu", "as": "Doanh thu" } ] } ] }
            """,
            n => $"SELECT count(*), sum({n.F("Doanh thu")}) FROM {n.Fact} WHERE {n.F("Năm")} = {Year}"),

        new("theo-huyen", TileKind.Visual, "Số hộ theo huyện",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Năm] = [@nam]" },
              { "type": "aggregate", "groupBy": [ "Mã huyện" ], "measures": [ { "function": "count", "as": "Số hộ" },
                                                                          { "function": "sum", "column": "Doanh thu", "as": "Doanh thu" } ] },
              { "type": "sort", "by": [ { "column": "Số hộ", "descending": true } ] } ] }
            """,
            n => $"""
                SELECT {n.F("Mã huyện")}, count(*) AS so_ho, sum({n.F("Doanh thu")}) FROM {n.Fact} WHERE {n.F("Năm")} = {Year}
                GROUP BY {n.F("Mã huyện")} ORDER BY so_ho DESC
                """),

        new("theo-nganh", TileKind.Visual, "Doanh thu và lao động bình quân theo ngành",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Năm] = [@nam]" },
              { "type": "aggregate", "groupBy": [ "Ngành" ], "measures": [ { "function": "sum", "column": "Doanh thu", "as": "Doanh thu" },
                                                                      { "function": "avg", "column": "Số lao động", "as": "Lao động bình quân" } ] },
              { "type": "sort", "by": [ { "column": "Doanh thu", "descending": true } ] } ] }
            """,
            n => $"""
                SELECT {n.F("Ngành")}, sum({n.F("Doanh thu")}) AS doanh_thu, avg({n.F("Số lao động")}) FROM {n.Fact} WHERE {n.F("Năm")} = {Year}
                GROUP BY {n.F("Ngành")} ORDER BY doanh_thu DESC
                """),

        new("theo-nam", TileKind.Visual, "Số hộ và doanh thu qua các năm",
            $$"""
            { "source": {{Source}}, "steps": [
              { "type": "aggregate", "groupBy": [ "Năm" ], "measures": [ { "function": "count", "as": "Số hộ" },
                                                                     { "function": "sum", "column": "Doanh thu", "as": "Doanh thu" } ] },
              { "type": "sort", "by": [ { "column": "Năm" } ] } ] }
            """,
            n => $"SELECT {n.F("Năm")}, count(*), sum({n.F("Doanh thu")}) FROM {n.Fact} GROUP BY {n.F("Năm")} ORDER BY {n.F("Năm")}",
            HasYear: false),

        new("top-10", TileKind.Table, "10 hộ có doanh thu cao nhất",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Năm] = [@nam] and [Doanh thu] > 0" },
              { "type": "sort", "by": [ { "column": "Doanh thu", "descending": true } ] },
              { "type": "limit", "count": 10 },
              { "type": "select", "columns": [ "Mã số thuế", "Tên hộ", "Mã huyện", "Doanh thu" ] } ] }
            """,
            n => $"""
                SELECT {n.F("Mã số thuế")}, {n.F("Tên hộ")}, {n.F("Mã huyện")}, {n.F("Doanh thu")} FROM {n.Fact}
                WHERE {n.F("Năm")} = {Year} AND {n.F("Doanh thu")} > 0 ORDER BY {n.F("Doanh thu")} DESC LIMIT 10
                """),

        new("theo-vung", TileKind.Visual, "Số hộ và doanh thu theo vùng",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Năm] = [@nam]" },
              { "type": "join", "dataset": "{{HouseholdData.DimensionKey}}", "kind": "inner",
                "on": [ { "left": "Mã huyện", "right": "Mã" } ], "columns": [ "Vùng" ] },
              { "type": "aggregate", "groupBy": [ "Vùng" ], "measures": [ { "function": "count", "as": "Số hộ" },
                                                                     { "function": "sum", "column": "Doanh thu", "as": "Doanh thu" } ] } ] }
            """,
            n => $"""
                SELECT d.{n.D("Vùng")}, count(*), sum(f.{n.F("Doanh thu")})
                FROM {n.Fact} f JOIN {n.Dimension} d ON f.{n.F("Mã huyện")} = d.{n.D("Mã")}
                WHERE f.{n.F("Năm")} = {Year} GROUP BY d.{n.D("Vùng")}
                """),

        new("dang-hoat-dong", TileKind.Table, "Hộ đang hoạt động đăng ký trong 5 năm, theo huyện",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Đang hoạt động] and [Năm] > [@nam] - 5" },
              { "type": "aggregate", "groupBy": [ "Mã huyện" ], "measures": [ { "function": "count", "as": "Hộ đang hoạt động" },
                                                                          { "function": "countDistinct", "column": "Ngành", "as": "Số ngành" } ] } ] }
            """,
            n => $"""
                SELECT {n.F("Mã huyện")}, count(*), count(DISTINCT {n.F("Ngành")}) FROM {n.Fact}
                WHERE {n.F("Đang hoạt động")} AND {n.F("Năm")} > {Year - 5} GROUP BY {n.F("Mã huyện")}
                """),

        new("nganh-huyen", TileKind.Table, "Số hộ và lao động theo ngành và huyện",
            $$"""
            { "source": {{Source}}, "parameters": {{YearParameter}}, "steps": [
              { "type": "filter", "expression": "[Năm] = [@nam]" },
              { "type": "aggregate", "groupBy": [ "Ngành", "Mã huyện" ], "measures": [ { "function": "count", "as": "Số hộ" },
                                                                                  { "function": "sum", "column": "Số lao động", "as": "Lao động" } ] } ] }
            """,
            n => $"""
                SELECT {n.F("Ngành")}, {n.F("Mã huyện")}, count(*), sum({n.F("Số lao động")}) FROM {n.Fact}
                WHERE {n.F("Năm")} = {Year} GROUP BY {n.F("Ngành")}, {n.F("Mã huyện")}
                """),
    ];

    public async Task RunAsync(IReadOnlyList<string> args, BenchReport report, CancellationToken cancellationToken)
    {
        var rows = IntOption(args, "--rows") ?? DefaultRows;
        var runs = IntOption(args, "--runs") ?? DefaultRuns;
        var work = Path.Combine(Path.GetTempPath(), "workbench-bench", "dashboard-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            using var host = await BenchHost.StartAsync(work, "duck", "DuckDb", $"Data Source={Path.Combine(work, "warehouse.duckdb")}", cancellationToken);
            await MeasureAsync(host, rows, runs, report, cancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task MeasureAsync(IHost host, int factRows, int runs, BenchReport report, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var caller = await UserAsync(services, cancellationToken);
        var datasets = services.GetRequiredService<DatasetService>();
        var warehouse = services.GetRequiredService<IWarehouse>();
        var runner = services.GetRequiredService<DashboardRunner>();
        var parallelism = services.GetRequiredService<IOptions<DashboardOptions>>().Value.MaxConcurrentTiles;

        var (fact, dimension) = await LoadAsync(datasets, caller, factRows, report, cancellationToken);
        var names = new PhysicalNames(fact, dimension);
        var key = await DashboardAsync(services, caller, cancellationToken);
        var timeout = new Workbench.Infrastructure.Query.QueryOptions().Timeout;
        var noFilters = new Dictionary<string, string>();

        // Off the clock: the tiles' column types, which the hand-written statements are read with.
        var first = await OpenAsync(runner, caller, key, noFilters, cancellationToken);
        var hand = Tiles.Select(t => new CompiledQuery(t.Hand(names), [],
            [.. first.Tiles.Single(r => r.TileId == t.Id).Columns.Select((c, i) => new OutputColumn(c.Name, c.Type, "c" + i))])).ToList();

        async Task<List<object?[]>[]> HandAsync(CancellationToken ct)
        {
            using var bound = new SemaphoreSlim(parallelism);
            return await Task.WhenAll(hand.Select(async query =>
            {
                await bound.WaitAsync(ct);
                try
                {
                    var result = new List<object?[]>();
                    await foreach (var row in warehouse.QueryAsync(query, timeout, ct))
                    {
                        result.Add(row);
                    }
                    return result;
                }
                finally
                {
                    bound.Release();
                }
            }));
        }

        async Task BumpVersionsAsync(CancellationToken ct)
        {
            foreach (var datasetKey in new[] { HouseholdData.FactKey, HouseholdData.DimensionKey })
            {
                var loaded = await datasets.LoadAsync(caller, datasetKey, LoadMode.Append, [], ct);
                if (loaded.Error is { } error)
                {
                    throw new InvalidOperationException($"The empty append that empties the cache for {datasetKey} failed: {error.Message}");
                }
            }
        }

        var loadBefore = LoadAverage();
        var cold = new List<TimeSpan>();
        var warm = new List<TimeSpan>();
        var handTimes = new List<TimeSpan>();
        for (var round = 0; round < Warmups + runs; round++)
        {
            var label = round < Warmups ? "warm-up" : $"run {round - Warmups + 1}";
            var measured = round >= Warmups;
            // The baseline goes first every other round, so drift on a shared machine falls on both alike.
            if (round % 2 == 1)
            {
                await TimeHandAsync();
            }
            await BumpVersionsAsync(cancellationToken);
            var (coldRun, coldTime) = await TimeAsync(() => OpenAsync(runner, caller, key, noFilters, cancellationToken));
            Check("cold", coldRun, expectCached: false);
            var (warmRun, warmTime) = await TimeAsync(() => OpenAsync(runner, caller, key, noFilters, cancellationToken));
            Check("warm", warmRun, expectCached: true);
            if (round % 2 == 0)
            {
                await TimeHandAsync();
            }
            Console.Error.WriteLine($"  {label}: cold {coldTime.TotalMilliseconds,8:N0} ms, warm {warmTime.TotalMilliseconds,8:N1} ms");
            if (measured)
            {
                cold.Add(coldTime);
                warm.Add(warmTime);
            }

            async Task TimeHandAsync()
            {
                var (handRows, handTime) = await TimeAsync(() => HandAsync(cancellationToken));
                Console.Error.WriteLine($"  {label}: hand-written {handTime.TotalMilliseconds,8:N0} ms");
                if (measured)
                {
                    handTimes.Add(handTime);
                }
                // Every run checks its answer: each tile of the cold open equals its hand-written statement.
                for (var i = 0; i < Tiles.Count; i++)
                {
                    var tile = first.Tiles.Single(t => t.TileId == Tiles[i].Id);
                    ResultCheck.Same($"tile {Tiles[i].Id}", hand[i].Columns, [.. tile.Rows], handRows[i], ordered: false);
                }
            }

            void Check(string what, DashboardRun run, bool expectCached)
            {
                for (var i = 0; i < Tiles.Count; i++)
                {
                    var tile = run.Tiles.Single(t => t.TileId == Tiles[i].Id);
                    if (tile.State != TileState.Ok || tile.Cached != expectCached)
                    {
                        throw new InvalidOperationException(
                            $"{what} open, tile {tile.TileId}: state {tile.State}, cached {tile.Cached} (expected Ok, cached {expectCached}). {tile.Message}");
                    }
                    ResultCheck.Same($"{what} tile {tile.TileId}", hand[i].Columns, [.. tile.Rows], [.. first.Tiles.Single(t => t.TileId == tile.TileId).Rows],
                        ordered: false);
                }
            }
        }

        var coldM = new Measurement("dashboard open, cold (8 tiles)", cold);
        var warmM = new Measurement("dashboard open, warm (8 tiles, cache hits)", warm);
        var handM = new Measurement("8 hand-written statements", handTimes);
        report.Add(coldM);
        report.Add(warmM);
        report.Add(handM);
        report.Table($"tiles of the dashboard (nam = {Year}); {factRows:N0} households, {dimension.RowCount} districts",
            ["tile", "kind", "rows", "year parameter"],
            [.. Tiles.Select(t => (IReadOnlyList<string>)[t.Id, t.Kind.ToString(), first.Tiles.Single(r => r.TileId == t.Id).Rows.Count.ToString(CultureInfo.InvariantCulture),
                t.HasYear ? "nam" : "—"])]);
        report.Note($"{Warmups} warm-up round, then {runs} measured rounds; each round: COLD open (after an empty append to both datasets, off the clock, " +
            "moved their data versions so every tile misses the query cache; DuckDB's buffers stay warm), WARM open (the same again: 8 cache hits), " +
            $"and the 8 hand-written statements straight on DuckDB (before or after, alternating). Parallelism {parallelism} (Dashboards:MaxConcurrentTiles) on both sides.");
        report.Note("Every open is checked: all tiles Ok, cold ones not cached, warm ones cached, rows equal to the first open; the first open equals the hand-written SQL's rows in every round.");
        report.Note($"Machine: {Environment.ProcessorCount} cores, load average {loadBefore} before the rounds and {LoadAverage()} after (other builds and " +
            "test runs share it): times are indicative; the baseline runs in the same rounds, so the ratios suffer less.");
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"Goal (issue 7): a dashboard of 8 tiles over 1M rows opens in under a second: cold median {coldM.Median.TotalMilliseconds:N0} ms, warm median {warmM.Median.TotalMilliseconds:N1} ms."));
        report.Ratio("dashboard cold/hand-written", coldM, handM);
        report.Ratio("dashboard warm/hand-written", warmM, handM);
        report.Ratio("dashboard warm/cold", warmM, coldM);
    }

    private static async Task<(T Result, TimeSpan Time)> TimeAsync<T>(Func<Task<T>> body)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        var result = await body();
        return (result, clock.Elapsed);
    }

    private static async Task<DashboardRun> OpenAsync(
        DashboardRunner runner, Caller caller, string key, IReadOnlyDictionary<string, string> filters, CancellationToken cancellationToken)
    {
        var run = await runner.RunAsync(caller, key, filters, [], cancellationToken);
        return run.Value ?? throw new InvalidOperationException($"The dashboard did not open: {run.Error!.Message}");
    }

    /// <summary>A system administrator with a user account: dashboards and scenarios belong to a user.</summary>
    private static async Task<Caller> UserAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var agencyId = await services.GetRequiredService<SetupService>().OperatorAgencyIdAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = new WorkbenchUser { UserName = "bench", FullName = "Đo hiệu năng", AgencyId = agencyId, CreatedAt = DateTimeOffset.UtcNow };
        foreach (var result in new[] { await users.CreateAsync(user, "Bench@2026-dashboard"), await users.AddToRoleAsync(user, Roles.SystemAdmin) })
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The benchmark user could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        return new Caller(user.Id, user.FullName, agencyId, Roles.SystemAdmin);
    }

    private static async Task<(Dataset Fact, Dataset Dimension)> LoadAsync(
        DatasetService datasets, Caller caller, int factRows, BenchReport report, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (key, name, columns, rows) in new[]
        {
            (HouseholdData.DimensionKey, "Đơn vị hành chính cấp huyện", HouseholdData.DimensionColumns, HouseholdData.DimensionRows()),
            (HouseholdData.FactKey, "Hộ kinh doanh cá thể", HouseholdData.FactColumns, HouseholdData.FactRows(factRows)),
        })
        {
            var created = await datasets.CreateAsync(caller, new NewDataset(key, name, caller.AgencyId, columns), cancellationToken);
            var error = created.Error ?? (await datasets.LoadAsync(caller, key, LoadMode.Append, rows, cancellationToken)).Error;
            if (error is not null)
            {
                throw new InvalidOperationException($"Creating and loading {key} failed: {error.Message}");
            }
        }
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Loaded {factRows:N0} households + 13 districts through DatasetService.LoadAsync in {clock.Elapsed.TotalSeconds:N1} s (off the clock).");
        Console.Error.WriteLine(line);
        report.Note(line);
        var fact = (await datasets.FindAsync(HouseholdData.FactKey, cancellationToken))!;
        if (fact.RowCount != factRows)
        {
            throw new InvalidOperationException($"{fact.RowCount:N0} households loaded, expected {factRows:N0}.");
        }
        return (fact, (await datasets.FindAsync(HouseholdData.DimensionKey, cancellationToken))!);
    }

    /// <summary>The 8 scenarios saved through <see cref="ScenarioService"/> and the dashboard of them, with a year filter bound to those that take one.</summary>
    private static async Task<string> DashboardAsync(IServiceProvider services, Caller caller, CancellationToken cancellationToken)
    {
        var scenarios = services.GetRequiredService<ScenarioService>();
        var dashboards = services.GetRequiredService<DashboardService>();
        var tiles = new List<DashboardTile>();
        foreach (var (tile, i) in Tiles.Select((t, i) => (t, i)))
        {
            var created = await scenarios.CreateAsync(caller, tile.Title, null, HouseholdData.FactKey, cancellationToken);
            var saved = created.Error is null
                ? await scenarios.SaveAsync(caller, created.Value!.Key, new ScenarioContent(tile.Title, null, tile.Pipeline, [], []), created.Value.Version, cancellationToken)
                : created;
            if (saved.Error is { } error)
            {
                throw new InvalidOperationException($"Scenario {tile.Id}: {error.Message} {string.Join("; ", error.Details ?? [])}");
            }
            tiles.Add(new DashboardTile(tile.Id, tile.Kind, tile.Title, new TilePosition(i % 3 * 4, i / 3 * 4, 4, 4), saved.Value!.Key,
                Kpi: tile.Kind == TileKind.Kpi ? new KpiSettings("Số hộ") : null));
        }
        var years = Enumerable.Range(HouseholdData.FirstYear, HouseholdData.LastYear - HouseholdData.FirstYear + 1)
            .Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        var document = new DashboardDocument(DashboardDocument.CurrentVersion, tiles,
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, years, Year.ToString(CultureInfo.InvariantCulture),
                [.. Tiles.Where(t => t.HasYear).Select(t => new FilterBinding(t.Id, "nam"))])]);
        var dashboard = await dashboards.CreateAsync(caller, "Hộ kinh doanh — đo hiệu năng", null, cancellationToken);
        var result = dashboard.Error is null
            ? await dashboards.SaveAsync(caller, dashboard.Value!.Key, new DashboardContent("Hộ kinh doanh — đo hiệu năng", null, document),
                dashboard.Value.Version, cancellationToken)
            : dashboard;
        if (result.Error is { } problem)
        {
            throw new InvalidOperationException($"The dashboard could not be saved: {problem.Message} {string.Join("; ", problem.Details ?? [])}");
        }
        return result.Value!.Key;
    }

    /// <summary>The 1-minute load average where the system says it (Linux), else "unknown".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static int? IntOption(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }
}
