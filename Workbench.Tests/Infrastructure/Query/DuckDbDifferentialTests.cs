using Workbench.Infrastructure.Warehouse.DuckDb;
using Workbench.Tests.Engine.Reference;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Query;

/// <summary>The engine on a DuckDB warehouse file against the reference evaluator, on the generated cases.</summary>
public sealed class DuckDbDifferentialTests : DifferentialTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private DuckDbWarehouse? _warehouse;

    protected override IPipelineRunner CreateRunner()
    {
        _warehouse = new DuckDbWarehouse($"Data Source={_directory.File("warehouse.duckdb")}");
        return new EnginePipelineRunner(_warehouse);
    }

    public void Dispose()
    {
        _warehouse?.Dispose();
        _directory.Dispose();
    }
}
