namespace Workbench.Infrastructure.Warehouse;

/// <summary>The engines that can hold the warehouse (<c>Warehouse:Provider</c>).</summary>
public enum WarehouseProvider
{
    DuckDb,
    PostgreSql,
    SqlServer,
}
