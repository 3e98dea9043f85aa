using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Infrastructure.Warehouse.DuckDb;
using Workbench.Infrastructure.Warehouse.PostgreSql;
using Workbench.Infrastructure.Warehouse.SqlServer;

namespace Workbench.Infrastructure.Warehouse;

public static class WarehouseServiceCollectionExtensions
{
    public const string DefaultDuckDbFile = "App_Data/warehouse.duckdb";

    /// <summary>
    /// Registers the configured <see cref="IWarehouse"/> as a singleton. Fails fast: an unknown provider or a
    /// missing connection string throws <see cref="InvalidOperationException"/> here, not on first use.
    /// </summary>
    public static IServiceCollection AddWorkbenchWarehouse(this IServiceCollection services, WarehouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = ParseProvider(options.Provider);
        switch (provider)
        {
            case WarehouseProvider.DuckDb:
                var duckDb = DuckDbConnectionString(options);
                services.AddSingleton<IWarehouse>(_ => new DuckDbWarehouse(duckDb));
                break;
            case WarehouseProvider.PostgreSql:
                var postgres = RequiredConnectionString(options, provider);
                services.AddSingleton<IWarehouse>(_ => new PostgreSqlWarehouse(postgres));
                break;
            case WarehouseProvider.SqlServer:
                var sqlServer = RequiredConnectionString(options, provider);
                services.AddSingleton<IWarehouse>(_ => new SqlServerWarehouse(sqlServer));
                break;
        }
        return services;
    }

    private static WarehouseProvider ParseProvider(string? name) =>
        Enum.TryParse<WarehouseProvider>(name?.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(name, out _)
            ? provider
            : throw new InvalidOperationException(
                $"Warehouse:Provider '{name}' is not known; use one of {string.Join(", ", Enum.GetNames<WarehouseProvider>())}.");

    private static string RequiredConnectionString(WarehouseOptions options, WarehouseProvider provider) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException(
                $"The {provider} warehouse needs a connection string: set ConnectionStrings:{WarehouseOptions.ConnectionStringName}.")
            : options.ConnectionString;

    /// <summary>The DuckDB connection string with its file made absolute under the content root, and the file's folder created.</summary>
    internal static string DuckDbConnectionString(WarehouseOptions options)
    {
        var root = string.IsNullOrWhiteSpace(options.ContentRootPath) ? Directory.GetCurrentDirectory() : options.ContentRootPath;
        var builder = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString ?? "" };
        var key = builder.ContainsKey("Data Source") ? "Data Source" : builder.ContainsKey("DataSource") ? "DataSource" : "Data Source";
        var file = builder.TryGetValue(key, out var value) && value is string { Length: > 0 } text ? text : DefaultDuckDbFile;
        if (file != ":memory:" && !file.StartsWith(":memory:", StringComparison.Ordinal))
        {
            file = Path.GetFullPath(file, root);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }
        builder[key] = file;
        return builder.ConnectionString;
    }
}
