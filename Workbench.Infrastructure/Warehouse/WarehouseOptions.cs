namespace Workbench.Infrastructure.Warehouse;

/// <summary>The <c>Warehouse</c> section, plus <c>ConnectionStrings:Warehouse</c>.</summary>
public sealed class WarehouseOptions
{
    public const string SectionName = "Warehouse";

    public const string ConnectionStringName = "Warehouse";

    /// <summary><c>DuckDb</c> (default), <c>PostgreSql</c> or <c>SqlServer</c>; kept as text so an unknown name can be reported by name.</summary>
    public string Provider { get; set; } = nameof(WarehouseProvider.DuckDb);

    /// <summary>From <c>ConnectionStrings:Warehouse</c>. Required except for DuckDb, which defaults to <c>App_Data/warehouse.duckdb</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder a relative DuckDB file path (and the default <c>App_Data</c>) is resolved against.</summary>
    public string? ContentRootPath { get; set; }
}
