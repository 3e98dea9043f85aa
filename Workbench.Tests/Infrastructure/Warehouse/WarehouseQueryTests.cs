using System.Diagnostics;
using Npgsql;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Infrastructure.Warehouse.DuckDb;
using Workbench.Infrastructure.Warehouse.PostgreSql;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Warehouse;

/// <summary><see cref="IWarehouse.QueryAsync"/>: typed parameters, normalised values, timeout and cancellation that reach the database.</summary>
public abstract class WarehouseQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IWarehouse Warehouse { get; }

    /// <summary>How the engine writes a parameter in SQL.</summary>
    protected abstract string Parameter(string name);

    /// <summary>A statement that runs for minutes unless stopped, returning one integer column.</summary>
    protected abstract string LongRunningSql { get; }

    /// <summary>How many statements like <see cref="LongRunningSql"/> still run in the database (engines that cannot tell return 0).</summary>
    protected virtual Task<long> RunningLongQueriesAsync() => Task.FromResult(0L);

    [Fact]
    public async Task Parameters_are_bound_by_type_and_values_come_back_normalised()
    {
        var query = new CompiledQuery(
            $"SELECT {Parameter("p0")} AS a0, {Parameter("p1")} AS a1, {Parameter("p2")} AS a2, {Parameter("p3")} AS a3, {Parameter("p4")} AS a4, {Parameter("p5")} AS a5",
            [
                new QueryParameter("p0", ColumnType.Integer, 42L),
                new QueryParameter("p1", ColumnType.Number, 2.5),
                new QueryParameter("p2", ColumnType.Text, "Đà Nẵng"),
                new QueryParameter("p3", ColumnType.Boolean, true),
                new QueryParameter("p4", ColumnType.Date, new DateOnly(2024, 2, 29)),
                new QueryParameter("p5", ColumnType.DateTime, new DateTime(2024, 2, 29, 13, 45, 10)),
            ],
            [
                new OutputColumn("a", ColumnType.Integer, "a0"),
                new OutputColumn("b", ColumnType.Number, "a1"),
                new OutputColumn("c", ColumnType.Text, "a2"),
                new OutputColumn("d", ColumnType.Boolean, "a3"),
                new OutputColumn("e", ColumnType.Date, "a4"),
                new OutputColumn("f", ColumnType.DateTime, "a5"),
            ]);

        var rows = await ToListAsync(Warehouse.QueryAsync(query, TimeSpan.FromSeconds(30), Ct));

        var row = Assert.Single(rows);
        Assert.Equal<object?>([42L, 2.5, "Đà Nẵng", true, new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 13, 45, 10)], row);
    }

    [Fact]
    public async Task Null_parameters_read_back_as_null()
    {
        var query = new CompiledQuery(
            $"SELECT CAST({Parameter("p0")} AS BIGINT) AS a0",
            [new QueryParameter("p0", ColumnType.Integer, null)],
            [new OutputColumn("a", ColumnType.Integer, "a0")]);

        var rows = await ToListAsync(Warehouse.QueryAsync(query, TimeSpan.FromSeconds(30), Ct));

        Assert.Null(Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task Cancelling_stops_a_long_query_in_the_database_and_the_warehouse_stays_usable()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(700));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ToListAsync(Warehouse.QueryAsync(LongQuery(), TimeSpan.FromMinutes(10), cancel.Token)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"stopped after {watch.Elapsed}");
        Assert.Equal(0, await RunningLongQueriesAsync());
        Assert.Equal([1L], (await ToListAsync(Warehouse.QueryAsync(One(), TimeSpan.FromSeconds(30), Ct))).Single());
    }

    [Fact]
    public async Task A_query_past_its_timeout_is_stopped_with_a_timeout_exception()
    {
        var watch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<QueryTimeoutException>(
            () => ToListAsync(Warehouse.QueryAsync(LongQuery(), TimeSpan.FromMilliseconds(500), Ct)));

        Assert.Equal(TimeSpan.FromMilliseconds(500), exception.Timeout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"stopped after {watch.Elapsed}");
        Assert.Equal(0, await RunningLongQueriesAsync());
        Assert.Single(await ToListAsync(Warehouse.QueryAsync(One(), TimeSpan.FromSeconds(30), Ct)));
    }

    private CompiledQuery LongQuery() => new(LongRunningSql, [], [new OutputColumn("n", ColumnType.Integer, "n")]);

    private static CompiledQuery One() => new("SELECT CAST(1 AS BIGINT) AS n", [], [new OutputColumn("n", ColumnType.Integer, "n")]);

    private static async Task<List<object?[]>> ToListAsync(IAsyncEnumerable<object?[]> rows)
    {
        var list = new List<object?[]>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }
        return list;
    }
}

public sealed class DuckDbWarehouseQueryTests : WarehouseQueryTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly DuckDbWarehouse _warehouse;

    public DuckDbWarehouseQueryTests() => _warehouse = new DuckDbWarehouse($"Data Source={_directory.File("warehouse.duckdb")}");

    protected override IWarehouse Warehouse => _warehouse;

    protected override string Parameter(string name) => "$" + name;

    // Ten billion joined rows: minutes of work that only an interrupt ends early.
    protected override string LongRunningSql =>
        "SELECT CAST(sum(a.range * b.range) % 7 AS BIGINT) AS n FROM range(100000) a CROSS JOIN range(100000) b";

    public void Dispose()
    {
        _warehouse.Dispose();
        _directory.Dispose();
    }
}

public sealed class PostgreSqlWarehouseQueryTests(PostgresDatabase database) : WarehouseQueryTests, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private PostgreSqlWarehouse? _warehouse;

    protected override IWarehouse Warehouse => _warehouse ??= new PostgreSqlWarehouse(database.ConnectionString);

    protected override string Parameter(string name) => "@" + name;

    protected override string LongRunningSql => "SELECT CAST(1 AS BIGINT) AS n FROM pg_sleep(300)";

    protected override async Task<long> RunningLongQueriesAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // The server may take a moment to notice the cancel request.
        for (var attempt = 0; ; attempt++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()", connection);
            var running = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            if (running == 0 || attempt == 20)
            {
                return running;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_warehouse is not null)
        {
            await _warehouse.DisposeAsync();
        }
    }
}
