using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Infrastructure;
using Workbench.Infrastructure.Setup;

namespace Workbench.Bench;

/// <summary>The product as the app runs it, for benchmarks: a real host, migrated metadata (SQLite), the configured warehouse.</summary>
public static class BenchHost
{
    /// <summary>The PostgreSQL server a benchmark may use: <c>WORKBENCH_BENCH_POSTGRES</c>, else the tests' <c>WORKBENCH_TEST_POSTGRES</c>.</summary>
    public static readonly string[] PostgresVariables = ["WORKBENCH_BENCH_POSTGRES", "WORKBENCH_TEST_POSTGRES"];

    public static string? PostgresServer() =>
        PostgresVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <param name="provider"><c>DuckDb</c> or <c>PostgreSql</c>.</param>
    /// <param name="settings">More configuration, e.g. <c>Query:CacheMegabytes</c>.</param>
    public static async Task<IHost> StartAsync(
        string work, string name, string provider, string warehouse, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = work,
            DisableDefaults = true,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Metadata:Provider"] = "Sqlite",
            ["ConnectionStrings:Metadata"] = $"Data Source={Path.Combine(work, $"meta-{name}.db")}",
            ["Warehouse:Provider"] = provider,
            ["ConnectionStrings:Warehouse"] = warehouse,
            ["Demo:Enabled"] = "false",
            ["Imports:TempFolder"] = Path.Combine(work, "uploads"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkbenchInfrastructure();
        var host = builder.Build();
        await host.InitializeWorkbenchAsync(cancellationToken);
        return host;
    }

    /// <summary>A system administrator of the operator agency.</summary>
    public static async Task<Caller> CallerAsync(IHost host, CancellationToken cancellationToken) =>
        new(null, "bench", await host.Services.GetRequiredService<SetupService>().OperatorAgencyIdAsync(cancellationToken), Roles.SystemAdmin);
}
