using Workbench.Infrastructure.Warehouse.PostgreSql;
using Workbench.Tests.Engine.Reference;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Query;

/// <summary>
/// The engine on the real PostgreSQL against the reference evaluator, on the generated cases. Skipped locally when
/// WORKBENCH_TEST_POSTGRES is unset; fails in CI.
/// </summary>
public sealed class PostgreSqlDifferentialTests(PostgresDatabase database)
    : DifferentialTests, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private PostgreSqlWarehouse? _warehouse;

    // The connection string is read here, inside the test, so a missing server skips (or fails) the test.
    protected override IPipelineRunner CreateRunner()
    {
        _warehouse = new PostgreSqlWarehouse(database.ConnectionString);
        return new EnginePipelineRunner(_warehouse);
    }

    public ValueTask DisposeAsync() => _warehouse?.DisposeAsync() ?? ValueTask.CompletedTask;
}
