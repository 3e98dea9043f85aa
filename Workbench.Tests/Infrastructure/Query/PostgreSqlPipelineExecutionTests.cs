using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;
using Workbench.Infrastructure.Warehouse.PostgreSql;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Query;

public sealed class PostgreSqlPipelineExecutionTests(PostgresDatabase database) : PipelineExecutionTests, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    protected override SqlDialect Dialect { get; } = new PostgreSqlDialect();

    public async ValueTask InitializeAsync()
    {
        await using var warehouse = new PostgreSqlWarehouse(database.ConnectionString);
        await QueryRunner.LoadTestDatasetsAsync(warehouse);
    }

    protected override Task<List<object?[]>> ExecuteAsync(CompiledQuery query) => QueryRunner.RunPostgresAsync(database.ConnectionString, query);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
