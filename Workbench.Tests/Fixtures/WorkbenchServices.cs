using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbench.Infrastructure;

namespace Workbench.Tests.Fixtures;

/// <summary>
/// The application services without the web: <c>AddWorkbenchInfrastructure</c> on a SQLite metadata store in a
/// temp folder and the warehouse a subclass names, initialised as the app starts them (no demo data).
/// One per test class; the host is built on first use so a missing database skips the test, not the class.
/// </summary>
public abstract class WorkbenchServices : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private IHost? _host;

    protected TempDirectory Folder => _folder;

    /// <summary>The warehouse settings: <c>Warehouse:Provider</c> and <c>ConnectionStrings:Warehouse</c>.</summary>
    protected abstract IReadOnlyDictionary<string, string?> WarehouseSettings();

    public async Task<IServiceProvider> ServicesAsync()
    {
        if (_host is null)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                DisableDefaults = true,
                EnvironmentName = Environments.Production,
                ContentRootPath = _folder.Path,
            });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Metadata:Provider"] = "Sqlite",
                ["ConnectionStrings:Metadata"] = $"Data Source={_folder.File("workbench.db")}",
                ["Demo:Enabled"] = "false",
                ["Imports:TempFolder"] = _folder.Path,
            }.Concat(WarehouseSettings()));
            builder.AddWorkbenchInfrastructure();
            var host = builder.Build();
            await host.InitializeWorkbenchAsync(TestContext.Current.CancellationToken);
            _host = host;
        }
        return _host.Services;
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            // Note: asynchronously, as the warehouse singletons are IAsyncDisposable; they hold the files open until then.
            if (_host is IAsyncDisposable host)
            {
                await host.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The services on a DuckDB warehouse file.</summary>
public sealed class DuckDbWorkbenchServices : WorkbenchServices
{
    protected override IReadOnlyDictionary<string, string?> WarehouseSettings() => new Dictionary<string, string?>
    {
        ["Warehouse:Provider"] = "DuckDb",
        ["ConnectionStrings:Warehouse"] = $"Data Source={Folder.File("warehouse.duckdb")}",
    };
}

/// <summary>The services on a fresh database of the real PostgreSQL (skipped when none is configured).</summary>
public sealed class PostgreSqlWorkbenchServices : WorkbenchServices
{
    private readonly PostgresDatabase _database = new();

    protected override IReadOnlyDictionary<string, string?> WarehouseSettings() => new Dictionary<string, string?>
    {
        ["Warehouse:Provider"] = "PostgreSql",
        ["ConnectionStrings:Warehouse"] = _database.ConnectionString,
    };

    public override ValueTask InitializeAsync() => _database.InitializeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
