using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Infrastructure.Connectors.Database;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Connectors.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on the metadata provider's database, the connector sync job and its scheduler. The processing server
    /// is the host's choice (<see cref="ServerOptions"/>; the web app adds it when <c>Jobs:Enabled</c>).
    /// </summary>
    /// <remarks>
    /// Storage, activator and clients are this host's own services rather than Hangfire's globals
    /// (<c>JobStorage.Current</c>, <c>JobActivator.Current</c>), so two hosts in one process (the tests) never run
    /// each other's jobs.
    /// </remarks>
    public static IHostApplicationBuilder AddWorkbenchJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConnectorsOptions>().BindConfiguration(ConnectorsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Retry.FirstDelay >= TimeSpan.Zero && o.Retry.MaxDelay >= o.Retry.FirstDelay,
                "Connectors:Retry: FirstDelay must be at least 0 and MaxDelay at least FirstDelay.")
            .ValidateOnStart();

        var provider = MetadataOptions.ParseProvider(builder.Configuration[$"{MetadataOptions.SectionName}:{nameof(MetadataOptions.Provider)}"]);
        var connectionString = builder.Configuration.GetConnectionString(MetadataOptions.ConnectionStringName);
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton<JobStorage>(sp => CreateStorage(provider, connectionString, contentRoot, sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, configuration) =>
        {
            HangfireLogging.Instance.Use(sp.GetRequiredService<ILoggerFactory>());
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogging.Instance);
        });

        services.AddHttpClient(RestSource.HttpClientName);
        services.AddSingleton(sp => new RestSource(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new DatabaseSource());
        services.AddSingleton<ISourceReaders, SourceReaders>();
        services.AddSingleton<SyncProgressHub>();
        services.AddSingleton<LocalSyncRuns>();
        services.AddSingleton<ConnectorJobs>();
        services.AddSingleton<ConnectorScheduler>();
        services.AddSingleton<IConnectorScheduler>(sp => sp.GetRequiredService<ConnectorScheduler>());
        services.AddHostedService<ConnectorJobsStartup>();
        return builder;
    }

    /// <summary>The processing server's options from <c>Jobs</c>, with this host's activator.</summary>
    public static BackgroundJobServerOptions ServerOptions(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        return new BackgroundJobServerOptions
        {
            WorkerCount = jobs.WorkerCount,
            SchedulePollingInterval = jobs.PollInterval,
            CancellationCheckInterval = jobs.PollInterval,
            Activator = services.GetRequiredService<JobActivator>(),
        };
    }

    private static JobStorage CreateStorage(MetadataProvider provider, string? connectionString, string contentRoot, JobsOptions jobs)
    {
        switch (provider)
        {
            case MetadataProvider.SqlServer:
                return new SqlServerStorage(connectionString, new SqlServerStorageOptions
                {
                    SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
                    SchemaName = "hangfire",
                    QueuePollInterval = jobs.PollInterval,
                    PrepareSchemaIfNecessary = true,
                });
            case MetadataProvider.PostgreSql:
                var postgreSql = new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = jobs.PollInterval, PrepareSchemaIfNecessary = true };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, postgreSql), postgreSql);
            default:
                return new SQLiteStorage(SqliteStoragePath(connectionString, contentRoot), new SQLiteStorageOptions
                {
                    QueuePollInterval = jobs.PollInterval,
                    JournalMode = SQLiteStorageOptions.JournalModes.WAL,
                });
        }
    }

    /// <summary>
    /// A file of its own next to the metadata database. Note: Hangfire.Storage.SQLite opens the file through
    /// sqlite-net with its own journal mode and polls it; sharing EF's file would put its write locks in the way of the
    /// metadata writes (SQLITE_BUSY) and its tables outside the migrations.
    /// </summary>
    internal static string SqliteStoragePath(string? metadataConnectionString, string contentRoot)
    {
        var source = string.IsNullOrWhiteSpace(metadataConnectionString) ? null : new SqliteConnectionStringBuilder(metadataConnectionString).DataSource;
        var folder = string.IsNullOrWhiteSpace(source) || source == ":memory:"
            ? Directory.CreateDirectory(Path.Combine(contentRoot, "App_Data")).FullName
            : Path.GetDirectoryName(Path.GetFullPath(source))!;
        var name = string.IsNullOrWhiteSpace(source) || source == ":memory:" ? "workbench" : Path.GetFileNameWithoutExtension(source);
        return Path.Combine(folder, name + ".hangfire.db");
    }

    /// <summary>On start-up: runs a killed process left Running are marked interrupted, and every schedule is brought in step.</summary>
    private sealed class ConnectorJobsStartup(ConnectorJobs jobs, ConnectorScheduler scheduler) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await jobs.FailInterruptedRunsAsync(cancellationToken);
            await scheduler.SyncAllAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
