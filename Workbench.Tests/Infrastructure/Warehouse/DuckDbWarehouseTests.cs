using DuckDB.NET.Data;
using Workbench.Core.Abstractions;
using Workbench.Infrastructure.Warehouse.DuckDb;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Warehouse;

public sealed class DuckDbWarehouseTests : WarehouseContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly DuckDbWarehouse _warehouse;

    public DuckDbWarehouseTests() => _warehouse = new DuckDbWarehouse($"Data Source={_directory.File("warehouse.duckdb")}");

    protected override IWarehouse Warehouse => _warehouse;

    protected override async Task<IReadOnlyList<string>> TableNamesAsync()
    {
        await using var connection = new DuckDBConnection($"Data Source={_directory.File("warehouse.duckdb")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    public void Dispose()
    {
        _warehouse.Dispose();
        _directory.Dispose();
    }
}
