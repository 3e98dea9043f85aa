using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;
using Workbench.Core.Query;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors.Database;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Sync;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// Full-refresh syncs of the same records through the product's sync path (<see cref="ConnectorSync"/> reading
/// <see cref="RestSource"/> or <see cref="DatabaseSource"/>, as a connector's job does) from a REST API on loopback
/// (pages of 10,000) and from a PostgreSQL table, into a DuckDB and a PostgreSQL warehouse; against PostgreSQL's own
/// fastest table-to-table move, <c>COPY ... TO STDOUT (FORMAT BINARY)</c> piped into <c>COPY ... FROM STDIN</c>.
/// </summary>
public sealed class SyncBenchmark : IBenchmark
{
    private const int DefaultRows = 1_000_000;
    private const int PageSize = 10_000;
    private const string SourceTable = "ho_kinh_doanh";
    private const string PipeTable = "copy_pipe";

    public string Name => "sync";

    public string Description =>
        $"full-refresh syncs of {DefaultRows:N0} records (REST pages of {PageSize:N0}, a PostgreSQL table) into DuckDB and PostgreSQL vs a COPY TO/FROM pipe; " +
        "options: a row count (e.g. sync 100000), --only duckdb|postgres (the warehouse)";

    public async Task RunAsync(IReadOnlyList<string> args, BenchReport report, CancellationToken cancellationToken)
    {
        var rows = args.Count > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var asked) ? asked : DefaultRows;
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var work = Path.Combine(Path.GetTempPath(), "workbench-bench", "sync-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var clock = Stopwatch.StartNew();
        var expected = SyncRecords.Checksum(rows);
        Console.Error.WriteLine($"Records: {rows:N0} (checksum in {clock.ElapsedMilliseconds:N0} ms)");
        report.Note($"{rows:N0} records x {SyncRecords.Columns.Length} columns; full refresh; medians of {Measure.Runs} runs after a warm-up " +
            "(the postgres pair: interleaved rounds, alternating which goes first). Every run is checked: row count and the sums of both numeric columns.");
        var server = BenchHost.PostgresServer();
        var sourceDatabase = "wb_bench_src_" + Guid.NewGuid().ToString("N")[..12];
        var warehouseDatabase = "wb_bench_" + Guid.NewGuid().ToString("N")[..12];
        var results = new List<Measurement>();
        (Measurement Ours, Measurement Pipe)? pair = null;
        try
        {
            await using var rest = await SyncRecords.RestServer.StartAsync(rows, cancellationToken);
            var restSettings = new RestSourceSettings
            {
                Url = rest.Url,
                Paging = new RestPaging.PageNumber(SyncRecords.RestServer.PageParameter, 1, SyncRecords.RestServer.SizeParameter, PageSize),
                RecordsPath = SyncRecords.RestServer.RecordsPath,
                Mappings = SyncRecords.RestMappings,
            };
            string? source = null;
            if (server is null)
            {
                report.Note($"PostgreSQL skipped: neither {string.Join(" nor ", BenchHost.PostgresVariables)} is set " +
                    "(e.g. WORKBENCH_BENCH_POSTGRES=\"Host=localhost;Port=5432;Username=postgres;Password=postgres\"), so there is no postgres ratio.");
            }
            else
            {
                source = await CreateSourceAsync(server, sourceDatabase, rows, report, cancellationToken);
            }
            var databaseSettings = new DatabaseSourceSettings
            {
                Engine = DatabaseEngine.PostgreSql,
                Table = SourceTable,
                Mappings = SyncRecords.TableMappings,
            };

            if (only is null or "duckdb")
            {
                Console.Error.WriteLine("DuckDB warehouse");
                using var host = await BenchHost.StartAsync(work, "duck", "DuckDb", $"Data Source={Path.Combine(work, "warehouse.duckdb")}", cancellationToken);
                var target = await Target.CreateAsync(host, "sync-duckdb", expected, cancellationToken);
                results.Add(await Measure.RunAsync("rest -> duckdb",
                    (_, ct) => target.SyncAsync((since, c) => Rest(host).ReadAsync(restSettings, RestSecrets.Empty, since, c), ct),
                    cancellationToken, cleanup: (_, ct) => target.CheckAsync("rest -> duckdb", ct)));
                if (source is not null)
                {
                    var secrets = new DatabaseSecrets(source);
                    results.Add(await Measure.RunAsync("postgres -> duckdb",
                        (_, ct) => target.SyncAsync((since, c) => Database(host).ReadAsync(databaseSettings, secrets, since, c), ct),
                        cancellationToken, cleanup: (_, ct) => target.CheckAsync("postgres -> duckdb", ct)));
                }
            }

            if (server is not null && source is not null && only is null or "postgres")
            {
                Console.Error.WriteLine("PostgreSQL warehouse");
                var warehouse = await CreateDatabaseAsync(server, warehouseDatabase, cancellationToken);
                using var host = await BenchHost.StartAsync(work, "pg", "PostgreSql", warehouse, cancellationToken);
                var target = await Target.CreateAsync(host, "sync-postgres", expected, cancellationToken);
                results.Add(await Measure.RunAsync("rest -> postgres",
                    (_, ct) => target.SyncAsync((since, c) => Rest(host).ReadAsync(restSettings, RestSecrets.Empty, since, c), ct),
                    cancellationToken, cleanup: (_, ct) => target.CheckAsync("rest -> postgres", ct)));

                var secrets = new DatabaseSecrets(source);
                var pipe = new CopyPipe(source, warehouse, target.ColumnDefinitions);
                var (ours, native) = await Measure.PairAsync(
                    "postgres -> postgres (ours)",
                    ct => target.SyncAsync((since, c) => Database(host).ReadAsync(databaseSettings, secrets, since, c), ct),
                    "postgres -> postgres (COPY pipe)",
                    pipe.RunAsync,
                    warmups: 1,
                    runs: Measure.Runs,
                    cancellationToken,
                    checkA: ct => target.CheckAsync("postgres -> postgres (ours)", ct),
                    checkB: ct => pipe.CheckAsync(expected, ct));
                results.Add(ours);
                results.Add(native);
                pair = (ours, native);
                await ProfileAsync(host, target, databaseSettings, secrets, rows, report, cancellationToken);
            }
        }
        finally
        {
            if (server is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await DropDatabaseAsync(server, warehouseDatabase);
                await DropDatabaseAsync(server, sourceDatabase);
            }
            Directory.Delete(work, recursive: true);
        }

        foreach (var measurement in results)
        {
            report.Add(measurement);
        }
        report.Table("Rows per second (median run)", ["path", "median ms", "rows/s"],
            [.. results.Select(m => (IReadOnlyList<string>)
            [
                m.Name,
                m.Median.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture),
                (rows / m.Median.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
            ])]);
        if (pair is { } measured)
        {
            report.Ratio("sync postgres", measured.Ours, measured.Pipe);
        }
    }

    /// <summary>
    /// The PostgreSQL-to-PostgreSQL sync's parts, each alone once, to show where the time goes: the source read (every
    /// batch, converted), and the warehouse load of the same rows made in memory. Not part of the ratio.
    /// </summary>
    private static async Task ProfileAsync(
        IHost host, Target target, DatabaseSourceSettings settings, DatabaseSecrets secrets, int rows, BenchReport report, CancellationToken cancellationToken)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long read = 0;
        await foreach (var batch in Database(host).ReadAsync(settings, secrets, null, cancellationToken))
        {
            read += batch.Rows.Count;
        }
        var readTime = clock.Elapsed;
        process.Refresh();
        var readCpu = process.TotalProcessorTime - cpu;
        var made = new List<object?[]>(rows);
        for (long n = 1; n <= rows; n++)
        {
            var r = SyncRecords.Get(n);
            made.Add([r.Code, r.Owner, r.Workers, (double)r.Revenue, r.Registered, r.Updated, r.Active, r.Province, r.Commune]);
        }
        GC.Collect();
        process.Refresh();
        cpu = process.TotalProcessorTime;
        clock.Restart();
        await target.LoadAsync(made, cancellationToken);
        var loadTime = clock.Elapsed;
        process.Refresh();
        var loadCpu = process.TotalProcessorTime - cpu;
        made.Clear();
        GC.Collect();
        process.Refresh();
        cpu = process.TotalProcessorTime;
        clock.Restart();
        await target.SyncAsync((since, c) => Database(host).ReadAsync(settings, secrets, since, c), cancellationToken);
        var syncTime = clock.Elapsed;
        process.Refresh();
        var syncCpu = process.TotalProcessorTime - cpu;
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"postgres -> postgres, its parts alone (ms, and this process's CPU ms): source read + convert {readTime.TotalMilliseconds:N0} (cpu {readCpu.TotalMilliseconds:N0}; {read:N0} rows), " +
            $"warehouse load of the same rows made in memory {loadTime.TotalMilliseconds:N0} (cpu {loadCpu.TotalMilliseconds:N0}, includes the count check); " +
            $"the whole sync {syncTime.TotalMilliseconds:N0} (cpu {syncCpu.TotalMilliseconds:N0})."));
    }

    private static RestSource Rest(IHost host) => host.Services.GetRequiredService<RestSource>();

    private static DatabaseSource Database(IHost host) => host.Services.GetRequiredService<DatabaseSource>();

    /// <summary>The source database with its table of <paramref name="rows"/> records, loaded by binary COPY; returns its connection string.</summary>
    private static async Task<string> CreateSourceAsync(string server, string database, int rows, BenchReport report, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var source = await CreateDatabaseAsync(server, database, cancellationToken);
        await using var connection = new NpgsqlConnection(source);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand($"CREATE TABLE {SourceTable} ({SyncRecords.TableDefinition})", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var import = await connection.BeginBinaryImportAsync($"COPY {SourceTable} FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long n = 1; n <= rows; n++)
            {
                var r = SyncRecords.Get(n);
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(r.Code, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(r.Owner, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(r.Workers, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync(r.Revenue, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(r.Registered, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(r.Updated, NpgsqlDbType.Timestamp, cancellationToken);
                await import.WriteAsync(r.Active, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(r.Province, NpgsqlDbType.Text, cancellationToken);
                if (r.Commune is null)
                {
                    await import.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await import.WriteAsync(r.Commune, NpgsqlDbType.Text, cancellationToken);
                }
            }
            await import.CompleteAsync(cancellationToken);
        }
        // As a long-lived source table would be: hint bits set, statistics current.
        await using (var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {SourceTable}", connection))
        {
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        report.Note($"PostgreSQL source table loaded by binary COPY in {clock.ElapsedMilliseconds:N0} ms.");
        return source;
    }

    private static async Task<string> CreateDatabaseAsync(string server, string database, CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8'", admin);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>One dataset that every run of a path refreshes, and the check of its rows against the records.</summary>
    private sealed class Target(IHost host, Caller caller, string key, (long Count, long Workers, decimal Revenue) expected)
    {
        public static async Task<Target> CreateAsync(IHost host, string key, (long, long, decimal) expected, CancellationToken cancellationToken)
        {
            var caller = await BenchHost.CallerAsync(host, cancellationToken);
            var created = await host.Services.GetRequiredService<DatasetService>().CreateAsync(
                caller, new NewDataset(key, "Hộ kinh doanh (đồng bộ)", caller.AgencyId, SyncRecords.Columns), cancellationToken);
            if (created.Error is { } error)
            {
                throw new InvalidOperationException($"{key}: the dataset was not created: {error.Message}");
            }
            return new Target(host, caller, key, expected);
        }

        /// <summary>The dataset table's column definitions as the PostgreSQL warehouse makes them, for the COPY pipe's target.</summary>
        public string ColumnDefinitions => string.Join(", ", SyncRecords.Columns.Select((c, i) => $"c{i + 1} {c.Type switch
        {
            ColumnType.Integer => "bigint",
            ColumnType.Number => "numeric(38,10)",
            ColumnType.Text => "text",
            ColumnType.Boolean => "boolean",
            ColumnType.Date => "date",
            ColumnType.DateTime => "timestamp",
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Type, null),
        }} NULL"));

        /// <summary>One sync as a connector's job runs it (full refresh), failing loudly on anything but a clean success.</summary>
        public async Task SyncAsync(Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> read, CancellationToken cancellationToken)
        {
            var sync = host.Services.GetRequiredService<ConnectorSync>();
            var target = new SyncTarget(key, SyncMode.FullRefresh, "connector:" + key, [.. SyncRecords.Columns.Select(c => c.Name)]);
            var result = await sync.RunAsync(caller, target, read, new ConversionThreshold(), null, cancellationToken);
            if (result.Outcome != SyncOutcome.Succeeded || result.ProblemCount != 0)
            {
                throw new InvalidOperationException($"{key}: the sync ended {result.Outcome} with {result.ProblemCount:N0} problems: " +
                    (result.Error?.Message ?? string.Join(" | ", result.ProblemSamples.Select(p => $"record {p.RecordNumber} {p.Column}: {p.Message}"))));
            }
            if (result.RowsLoaded != expected.Count || result.RowsInserted != expected.Count)
            {
                throw new InvalidOperationException($"{key}: the sync loaded {result.RowsLoaded:N0} rows ({result.RowsInserted:N0} in the dataset), expected {expected.Count:N0}.");
            }
        }

        public async Task LoadAsync(IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            var loaded = await host.Services.GetRequiredService<DatasetService>().LoadAsync(caller, key, LoadMode.Replace, rows, cancellationToken);
            if (loaded.Error is { } error)
            {
                throw new InvalidOperationException($"{key}: the load failed: {error.Message}");
            }
            await CheckAsync(key + " load", cancellationToken);
        }

        public async Task CheckAsync(string what, CancellationToken cancellationToken)
        {
            var dataset = (await host.Services.GetRequiredService<DatasetService>().FindAsync(key, cancellationToken))!;
            var columns = dataset.OrderedColumns;
            var query = new CompiledQuery(
                $"SELECT count(*) AS n, sum(\"{columns[2].PhysicalName}\") AS w, sum(\"{columns[3].PhysicalName}\") AS r FROM \"{dataset.TableName}\"",
                [],
                [new OutputColumn("n", ColumnType.Integer, "n"), new OutputColumn("w", ColumnType.Integer, "w"), new OutputColumn("r", ColumnType.Number, "r")]);
            object?[]? row = null;
            await foreach (var r in host.Services.GetRequiredService<IWarehouse>().QueryAsync(query, TimeSpan.FromMinutes(5), cancellationToken))
            {
                row = r;
            }
            Same(what, expected, Convert.ToInt64(row![0], CultureInfo.InvariantCulture), Convert.ToInt64(row[1], CultureInfo.InvariantCulture),
                Convert.ToDouble(row[2], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The baseline: the source table streamed by raw binary COPY out of one server connection and into another.</summary>
    private sealed class CopyPipe(string source, string warehouse, string columnDefinitions)
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await using var from = new NpgsqlConnection(source);
            await using var to = new NpgsqlConnection(warehouse);
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            // As our full refresh does: the old table goes, a new one takes the rows.
            await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS {PipeTable}; CREATE TABLE {PipeTable} ({columnDefinitions})", to))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var output = await from.BeginRawBinaryCopyAsync($"COPY {SourceTable} TO STDOUT (FORMAT BINARY)", cancellationToken);
            await using var input = await to.BeginRawBinaryCopyAsync($"COPY {PipeTable} FROM STDIN (FORMAT BINARY)", cancellationToken);
            await output.CopyToAsync(input, 1 << 16, cancellationToken);
        }

        public async Task CheckAsync((long Count, long Workers, decimal Revenue) expected, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(warehouse);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT count(*), sum(c3)::bigint, sum(c4)::float8 FROM {PipeTable}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            Same("COPY pipe", expected, reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
        }
    }

    /// <summary>Count and integer sum exactly; the number sum to a relative 1e-12 (DuckDB sums doubles).</summary>
    private static void Same(string what, (long Count, long Workers, decimal Revenue) expected, long count, long workers, double revenue)
    {
        var want = (double)expected.Revenue;
        if (count != expected.Count || workers != expected.Workers || Math.Abs(revenue - want) > 1e-12 * Math.Abs(want))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: the target has {count:N0} rows, worker sum {workers:N0}, revenue sum {revenue:R}; the source {expected.Count:N0}, {expected.Workers:N0}, {want:R}."));
        }
    }
}
