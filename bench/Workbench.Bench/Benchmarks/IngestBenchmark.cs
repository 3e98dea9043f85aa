using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Imports;
using Workbench.Infrastructure;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Imports;
using Workbench.Infrastructure.Setup;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// A 1,000,000-row CSV through the product's upload path (<see cref="FileImportService.UploadAsync"/>: save, preview,
/// validate, load) against each engine's own loader on the same file: DuckDB's <c>read_csv</c> and PostgreSQL's
/// <c>COPY ... FROM STDIN (FORMAT csv)</c>.
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    public const string PostgresVariable = "WORKBENCH_TEST_POSTGRES";
    private const int Rows = 1_000_000;
    private const string FileName = "ingest.csv";

    public string Name => "ingest";

    public string Description => $"load a {Rows:N0}-row CSV through the upload path vs DuckDB read_csv and PostgreSQL COPY";

    public async Task RunAsync(IReadOnlyList<string> args, BenchReport report, CancellationToken cancellationToken)
    {
        var cache = Path.Combine(Path.GetTempPath(), "workbench-bench");
        Directory.CreateDirectory(cache);
        var csv = Path.Combine(cache, $"government-{Rows}.csv");
        var clock = Stopwatch.StartNew();
        GovernmentCsv.Write(csv, Rows);
        Console.Error.WriteLine($"CSV: {csv} ({new FileInfo(csv).Length / 1e6:N1} MB, {Rows:N0} rows, ready in {clock.ElapsedMilliseconds:N0} ms)");

        // The column types the product infers for this file; both native loaders get the same ones, so every engine
        // parses and stores the same typed values (DuckDB's own sniffer would, for one, read Mã as a number).
        List<ColumnType> types;
        await using (var sample = File.OpenRead(csv))
        {
            types = [.. new FileImporter().Preview(sample, FileName, cancellationToken: cancellationToken).Columns.Select(c => c.InferredType)];
        }
        Console.Error.WriteLine("Inferred types: " + string.Join(", ", GovernmentCsv.Headers.Zip(types, (h, t) => $"{h}={t.ToContractName()}")));

        var work = Path.Combine(cache, "run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            report.Note($"File: {Rows:N0} rows x {types.Count} columns, {new FileInfo(csv).Length / 1e6:N1} MB; medians of {Measure.Runs} runs after a warm-up.");
            var (duckOurs, duckNative) = await DuckDbAsync(csv, types, work, report, cancellationToken);
            var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
            (Measurement Ours, Measurement Native)? pg = null;
            if (string.IsNullOrWhiteSpace(postgres))
            {
                report.Note($"PostgreSQL skipped: environment variable {PostgresVariable} is not set " +
                    "(e.g. WORKBENCH_TEST_POSTGRES=\"Host=localhost;Username=postgres;Password=postgres\"), so there is no postgres ratio.");
            }
            else
            {
                pg = await PostgresAsync(postgres, csv, types, work, report, cancellationToken);
            }
            report.Ratio("ingest duckdb", duckOurs, duckNative);
            if (pg is { } measured)
            {
                report.Ratio("ingest postgres", measured.Ours, measured.Native);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(Measurement Ours, Measurement Native)> DuckDbAsync(
        string csv, IReadOnlyList<ColumnType> types, string work, BenchReport report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("DuckDB");
        Measurement ours;
        using (var host = await BenchHost.StartAsync(work, "duck", "DuckDb", $"Data Source={Path.Combine(work, "warehouse.duckdb")}", cancellationToken))
        {
            ours = await MeasureUploadAsync(host, "duckdb: ours (UploadAsync)", csv, report, cancellationToken);
            await ProfileAsync(host, "duckdb", csv, report, cancellationToken);
        }
        report.Add(ours);

        // Note: a fresh database file per run, as ours starts from an empty table; the statement commits (and DuckDB
        // checkpoints a large WAL on commit) just as our load's transaction does.
        var columns = string.Join(", ", GovernmentCsv.Headers.Zip(types, (h, t) => $"'{h}': '{DuckDbType(t)}'"));
        var sql = $"CREATE TABLE t AS SELECT * FROM read_csv('{csv.Replace("'", "''")}', header = true, delim = ',', quote = '\"', columns = {{{columns}}})";
        DuckDBConnection? connection = null;
        var native = await Measure.RunAsync("duckdb: native read_csv",
            async (_, ct) =>
            {
                await using var command = connection!.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken,
            setup: async (run, ct) =>
            {
                connection = new DuckDBConnection($"Data Source={Path.Combine(work, $"native-{run}.duckdb")}");
                await connection.OpenAsync(ct);
            },
            cleanup: async (run, ct) =>
            {
                await using (var command = connection!.CreateCommand())
                {
                    command.CommandText = "SELECT count(*) FROM t";
                    CheckCount("duckdb native", Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
                }
                await connection.DisposeAsync();
                File.Delete(Path.Combine(work, $"native-{run}.duckdb"));
            });
        report.Add(native);
        return (ours, native);
    }

    private static async Task<(Measurement Ours, Measurement Native)> PostgresAsync(
        string server, string csv, IReadOnlyList<ColumnType> types, string work, BenchReport report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("PostgreSQL");
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
            Measurement ours;
            using (var host = await BenchHost.StartAsync(work, "pg", "PostgreSql", warehouse, cancellationToken))
            {
                ours = await MeasureUploadAsync(host, "postgres: ours (UploadAsync)", csv, report, cancellationToken);
                await ProfileAsync(host, "postgres", csv, report, cancellationToken);
            }
            report.Add(ours);

            // The same column types as ours (numeric(38,10) for number, as the warehouse creates), the raw file streamed
            // as COPY's text input: the server parses and converts every value itself.
            var columns = string.Join(", ", types.Select((t, i) => $"c{i + 1} {PostgresType(t)}"));
            await using var connection = new NpgsqlConnection(warehouse);
            await connection.OpenAsync(cancellationToken);
            var native = await Measure.RunAsync("postgres: native COPY csv",
                async (run, ct) =>
                {
                    await using (var command = new NpgsqlCommand($"CREATE TABLE native_{run} ({columns})", connection))
                    {
                        await command.ExecuteNonQueryAsync(ct);
                    }
                    using var source = new StreamReader(csv, new UTF8Encoding(false), false, 1 << 16);
                    await using var target = await connection.BeginTextImportAsync($"COPY native_{run} FROM STDIN (FORMAT csv, HEADER true)", ct);
                    var buffer = new char[1 << 16];
                    int read;
                    while ((read = await source.ReadAsync(buffer, ct)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), ct);
                    }
                },
                cancellationToken,
                cleanup: async (run, ct) =>
                {
                    await using (var count = new NpgsqlCommand($"SELECT count(*) FROM native_{run}", connection))
                    {
                        CheckCount("postgres native", (long)(await count.ExecuteScalarAsync(ct))!);
                    }
                    await using var drop = new NpgsqlCommand($"DROP TABLE native_{run}", connection);
                    await drop.ExecuteNonQueryAsync(ct);
                });
            report.Add(native);
            return (ours, native);
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

    /// <summary>Times the API's whole upload of a new dataset; each run gets a fresh key, deleted again off the clock.</summary>
    private static async Task<Measurement> MeasureUploadAsync(IHost host, string name, string csv, BenchReport report, CancellationToken cancellationToken)
    {
        var imports = host.Services.GetRequiredService<FileImportService>();
        var datasets = host.Services.GetRequiredService<DatasetService>();
        var caller = await BenchHost.CallerAsync(host, cancellationToken);
        return await Measure.RunAsync(name,
            async (run, ct) =>
            {
                await using var content = File.OpenRead(csv);
                var result = await imports.UploadAsync(caller, $"ingest-{run}", content, FileName, LoadMode.Append, null, ct);
                if (result.Error is { } error)
                {
                    throw new InvalidOperationException($"{name}: the upload failed: {string.Join(" | ", error.Details ?? [error.Message])}");
                }
                CheckCount(name, result.Value!.Load.RowCount);
            },
            cancellationToken,
            cleanup: async (run, ct) => await datasets.DeleteAsync(caller, $"ingest-{run}", ct));
    }

    /// <summary>
    /// One more upload of a new dataset, phase by phase as <see cref="FileImportService.UploadAsync"/> runs them, to show
    /// where the time goes. Not part of the ratio.
    /// </summary>
    private static async Task ProfileAsync(IHost host, string engine, string csv, BenchReport report, CancellationToken cancellationToken)
    {
        var imports = host.Services.GetRequiredService<FileImportService>();
        var datasets = host.Services.GetRequiredService<DatasetService>();
        var importer = host.Services.GetRequiredService<FileImporter>();
        var caller = await BenchHost.CallerAsync(host, cancellationToken);
        const string key = "ingest-profile";
        GC.Collect();
        var phases = new List<(string Phase, TimeSpan Time)>();
        var clock = Stopwatch.StartNew();
        void Lap(string phase)
        {
            phases.Add((phase, clock.Elapsed));
            clock.Restart();
        }

        await using (var content = File.OpenRead(csv))
        {
            using var file = (await imports.SaveAsync(content, FileName, null, cancellationToken)).Value!;
            Lap("save");
            var preview = imports.Preview(file, null, cancellationToken).Value!;
            Lap("preview");
            var plan = preview.ToPlan();
            var validation = imports.Validate(file, plan, cancellationToken).Value!;
            Lap("validate");
            if (!validation.IsValid)
            {
                throw new InvalidOperationException($"{engine}: the file does not validate: {validation.Errors[0].Message(false)}");
            }
            await datasets.CreateAsync(caller, new NewDataset(key, key, caller.AgencyId,
                [.. plan.Columns.Select(c => new NewColumn(c.Name, c.Type, c.IsKey))]), cancellationToken);
            Lap("create dataset");
            long converted = 0;
            await using (var stream = file.OpenRead())
            {
                foreach (var _ in importer.ReadRows(stream, file.FileName, plan, cancellationToken))
                {
                    converted++;
                }
            }
            Lap("(read + convert only)");
            await using (var stream = file.OpenRead())
            {
                var loaded = await datasets.LoadAsync(caller, key, LoadMode.Append, importer.ReadRows(stream, file.FileName, plan, cancellationToken), cancellationToken);
                CheckCount(engine + " profile", loaded.Value!.RowCount);
            }
            Lap("load (read + convert + warehouse)");
        }
        await datasets.DeleteAsync(caller, key, cancellationToken);
        var total = phases.Where(p => !p.Phase.StartsWith('(')).Sum(p => p.Time.TotalMilliseconds);
        report.Note($"{engine}: phases of one validate-first load, as the UI runs it (ms): " + string.Join(", ", phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Time.TotalMilliseconds:N0}")))
            + string.Create(CultureInfo.InvariantCulture, $"; total without the read-only pass {total:N0}"));
    }

    private static void CheckCount(string what, long rows)
    {
        if (rows != Rows)
        {
            throw new InvalidOperationException($"{what}: {rows:N0} rows loaded, expected {Rows:N0}.");
        }
    }

    private static string DuckDbType(ColumnType type) => type switch
    {
        ColumnType.Integer => "BIGINT",
        ColumnType.Number => "DOUBLE",
        ColumnType.Text => "VARCHAR",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Date => "DATE",
        ColumnType.DateTime => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string PostgresType(ColumnType type) => type switch
    {
        ColumnType.Integer => "bigint",
        ColumnType.Number => "numeric(38,10)",
        ColumnType.Text => "text",
        ColumnType.Boolean => "boolean",
        ColumnType.Date => "date",
        ColumnType.DateTime => "timestamp",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
