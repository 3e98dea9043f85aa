using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Imports;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Infrastructure.Setup;
using Workbench.Infrastructure.Warehouse;

namespace Workbench.Infrastructure;

/// <summary>Everything behind the pages and the API: both stores, identity, and the application services.</summary>
public static class DependencyInjection
{
    public static IHostApplicationBuilder AddWorkbenchInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddWorkbenchMetadata();

        var warehouse = builder.Configuration.GetSection(WarehouseOptions.SectionName).Get<WarehouseOptions>() ?? new WarehouseOptions();
        warehouse.ConnectionString ??= builder.Configuration.GetConnectionString(WarehouseOptions.ConnectionStringName);
        warehouse.ContentRootPath ??= builder.Environment.ContentRootPath;
        services.AddWorkbenchWarehouse(warehouse);

        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        services.AddFileImports();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

        services.AddIdentityCore<WorkbenchUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkbenchDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<WorkbenchClaimsPrincipalFactory>();

        services.AddSingleton<SessionCheck>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<DatasetLoadLocks>();
        services.AddSingleton<DatasetChanges>();
        services.AddSingleton<DatasetService>();
        services.AddSingleton<FileImportService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<Administration.UserAdministrationService>();
        services.AddSingleton<SetupService>();
        services.AddOptions<QueryOptions>().BindConfiguration(QueryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Workbench.Core.Abstractions.ISourceCatalog, SourceCatalog>();
        services.AddSingleton<QueryService>();
        services.AddSingleton<DownloadProvenance>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<ScenarioRuns>();
        services.AddSingleton<DerivedDatasets>();
        services.AddOptions<Dashboards.DashboardOptions>().BindConfiguration(Dashboards.DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Dashboards.DashboardService>();
        services.AddSingleton<Dashboards.DashboardRunner>();
        services.AddSingleton<Dashboards.DashboardSnapshots>();
        services.AddSingleton<Dashboards.DashboardExport>();
        services.AddSingleton<Access.GrantService>();
        services.AddSingleton<Access.AccessRequestService>();
        services.AddSingleton<Connectors.Sync.ConnectorSync>();
        services.AddSingleton<Connectors.ConnectorService>();
        services.AddSingleton<Connectors.ConnectorDryRuns>();
        services.AddSingleton<Connectors.PushConnectorKeys>();
        services.AddSingleton<Connectors.FileDeliveryService>();
        services.AddSingleton<Quality.QualityChecker>();
        services.AddSingleton<Quality.SyncQuality>();
        services.AddSingleton<Administration.AgencyService>();
        services.AddSingleton(XlsxRowLimits.Default);
        builder.AddWorkbenchJobs();
        services.AddScoped<SampleDataLoader>();
        services.AddSingleton<Dashboards.DemoDashboardLoader>();
        services.AddScoped<ExternalAccounts>();
        return builder;
    }

    /// <summary>
    /// Startup: migrate the metadata store, seed the agencies, and where demo data is on (Development by default)
    /// the demo accounts and sample datasets.
    /// </summary>
    public static async Task InitializeWorkbenchAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        var services = host.Services;
        await services.MigrateMetadataAsync(cancellationToken);
        var environment = services.GetRequiredService<IHostEnvironment>();
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled ?? environment.IsDevelopment())
        {
            await services.SeedDemoAccountsAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SampleDataLoader>().LoadAsync(cancellationToken);
            if (demo.Dashboards)
            {
                await services.GetRequiredService<Dashboards.DemoDashboardLoader>().LoadAsync(cancellationToken);
            }
        }
    }
}

/// <summary>Section <c>Demo</c>: demo accounts and sample datasets. Unset means on in Development, off elsewhere.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool? Enabled { get; set; }

    /// <summary>
    /// Whether the demo data includes the leader's dashboard (<see cref="Dashboards.DemoDashboardLoader"/>) with its
    /// scenarios and grants. Default on; the tests turn it off where they need the leader without grants.
    /// </summary>
    public bool Dashboards { get; set; } = true;
}
