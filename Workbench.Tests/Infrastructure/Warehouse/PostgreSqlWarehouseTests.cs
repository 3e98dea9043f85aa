using Npgsql;
using Workbench.Core.Abstractions;
using Workbench.Infrastructure.Warehouse.PostgreSql;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Warehouse;

public sealed class PostgreSqlWarehouseTests(PostgresDatabase database) : WarehouseContractTests, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private NpgsqlDataSource? _dataSource;
    private PostgreSqlWarehouse? _warehouse;

    protected override IWarehouse Warehouse => _warehouse ??= new PostgreSqlWarehouse(database.ConnectionString);

    // numeric(38,10) keeps ten decimals; the values under test need fewer.
    protected override double NumberTolerance => 1e-9;

    private NpgsqlDataSource DataSource => _dataSource ??= NpgsqlDataSource.Create(database.ConnectionString);

    protected override async Task<IReadOnlyList<string>> TableNamesAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    public async ValueTask DisposeAsync()
    {
        if (_warehouse is not null)
        {
            await _warehouse.DisposeAsync();
        }
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
