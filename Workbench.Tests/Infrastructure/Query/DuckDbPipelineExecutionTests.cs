using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;
using Workbench.Infrastructure.Warehouse.DuckDb;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Query;

public sealed class DuckDbPipelineExecutionTests : PipelineExecutionTests, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    private string ConnectionString => $"Data Source={_directory.File("warehouse.duckdb")}";

    protected override SqlDialect Dialect { get; } = new DuckDbDialect();

    public async ValueTask InitializeAsync()
    {
        using var warehouse = new DuckDbWarehouse(ConnectionString);
        await QueryRunner.LoadTestDatasetsAsync(warehouse);
    }

    protected override Task<List<object?[]>> ExecuteAsync(CompiledQuery query) => QueryRunner.RunDuckDbAsync(ConnectionString, query);

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
