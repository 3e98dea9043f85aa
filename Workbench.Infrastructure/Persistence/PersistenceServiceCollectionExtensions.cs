using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workbench.Infrastructure.Persistence.Seeding;

namespace Workbench.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the metadata store from configuration: <c>Metadata:Provider</c> and <c>ConnectionStrings:Metadata</c>.
    /// Fails fast on an unknown provider or a missing connection string.
    /// </summary>
    public static IHostApplicationBuilder AddWorkbenchMetadata(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetadataOptions.SectionName).Get<MetadataOptions>() ?? new MetadataOptions();
        builder.Services.AddWorkbenchMetadata(
            options.Provider,
            builder.Configuration.GetConnectionString(MetadataOptions.ConnectionStringName),
            builder.Environment.ContentRootPath);
        builder.Services.AddOptions<MetadataOptions>().BindConfiguration(MetadataOptions.SectionName);
        return builder;
    }

    /// <summary>
    /// Registers the provider's derived context, <see cref="WorkbenchDbContext"/> resolving to it (scoped),
    /// <see cref="IDbContextFactory{WorkbenchDbContext}"/> for Blazor components and background work,
    /// Data Protection keys in the database, and the agency seeder.
    /// </summary>
    /// <param name="provider"><c>Sqlite</c>, <c>SqlServer</c> or <c>PostgreSql</c>; blank means <c>Sqlite</c>.</param>
    /// <param name="connectionString">Required except for SQLite, which defaults to <c>App_Data/workbench.db</c>.</param>
    /// <param name="contentRoot">The app's content root, where SQLite's <c>App_Data</c> folder goes.</param>
    public static IServiceCollection AddWorkbenchMetadata(this IServiceCollection services, string provider, string? connectionString, string contentRoot)
    {
        switch (MetadataOptions.ParseProvider(provider))
        {
            case MetadataProvider.Sqlite:
                var sqlite = string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString(contentRoot) : connectionString;
                services.AddMetadataContext<SqliteWorkbenchDbContext>(builder => SqliteWorkbenchDbContext.Configure(builder, sqlite));
                break;
            case MetadataProvider.SqlServer:
                var sqlServer = RequireConnectionString(MetadataProvider.SqlServer, connectionString);
                services.AddMetadataContext<SqlServerWorkbenchDbContext>(builder => SqlServerWorkbenchDbContext.Configure(builder, sqlServer));
                break;
            case MetadataProvider.PostgreSql:
                var postgreSql = RequireConnectionString(MetadataProvider.PostgreSql, connectionString);
                services.AddMetadataContext<PostgreSqlWorkbenchDbContext>(builder => PostgreSqlWorkbenchDbContext.Configure(builder, postgreSql));
                break;
        }

        // Every node behind the load balancer must read the others' cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("Workbench").PersistKeysToDbContext<WorkbenchDbContext>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AgencySeeder>();
        // DemoSeeder is not registered: it needs Identity, which the host may add later or not at all, and an
        // unresolvable registration would fail ValidateOnBuild in Development. MigrateMetadata creates it on demand.
        return services;
    }

    private static void AddMetadataContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : WorkbenchDbContext
    {
        // The factory also registers TContext itself as scoped.
        services.AddDbContextFactory<TContext>(configure);
        services.AddScoped<WorkbenchDbContext>(provider => provider.GetRequiredService<TContext>());
        services.AddSingleton<IDbContextFactory<WorkbenchDbContext>, MetadataContextFactory<TContext>>();
    }

    private static string RequireConnectionString(MetadataProvider provider, string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"{MetadataOptions.SectionName}:{nameof(MetadataOptions.Provider)} is {provider}, which needs the connection string " +
                $"ConnectionStrings:{MetadataOptions.ConnectionStringName}; set it in appsettings or the environment (ConnectionStrings__{MetadataOptions.ConnectionStringName}).")
            : connectionString;

    private static string DefaultSqliteConnectionString(string contentRoot)
    {
        var folder = Directory.CreateDirectory(Path.Combine(contentRoot, "App_Data")).FullName;
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "workbench.db") }.ToString();
    }

    private sealed class MetadataContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<WorkbenchDbContext>
        where TContext : WorkbenchDbContext
    {
        public WorkbenchDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
