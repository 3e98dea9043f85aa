using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence;

/// <summary>
/// The metadata store: agencies, accounts, datasets, scenarios, API keys, the audit log and Data Protection keys.
/// Application code depends on this class; each provider has a derived context that owns its migrations.
/// </summary>
public abstract class WorkbenchDbContext(DbContextOptions options)
    : IdentityDbContext<WorkbenchUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<DatasetColumn> DatasetColumns => Set<DatasetColumn>();

    public DbSet<DatasetDerivation> DatasetDerivations => Set<DatasetDerivation>();

    public DbSet<DerivationSource> DerivationSources => Set<DerivationSource>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<DatasetGrant> DatasetGrants => Set<DatasetGrant>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

    public DbSet<Scenario> Scenarios => Set<Scenario>();

    public DbSet<ScenarioVersion> ScenarioVersions => Set<ScenarioVersion>();

    public DbSet<ScenarioAudience> ScenarioAudiences => Set<ScenarioAudience>();

    public DbSet<Workbench.Core.Dashboards.Dashboard> Dashboards => Set<Workbench.Core.Dashboards.Dashboard>();

    public DbSet<Workbench.Core.Dashboards.DashboardVersion> DashboardVersions => Set<Workbench.Core.Dashboards.DashboardVersion>();

    public DbSet<Workbench.Core.Dashboards.DashboardAudience> DashboardAudiences => Set<Workbench.Core.Dashboards.DashboardAudience>();

    public DbSet<Workbench.Core.Dashboards.DashboardSnapshot> DashboardSnapshots => Set<Workbench.Core.Dashboards.DashboardSnapshot>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Workbench.Core.Connectors.Connector> Connectors => Set<Workbench.Core.Connectors.Connector>();

    public DbSet<Workbench.Core.Connectors.SyncRun> SyncRuns => Set<Workbench.Core.Connectors.SyncRun>();

    // Pinned: the Identity schema would otherwise follow the host's IdentityOptions.Stores.SchemaVersion, so an
    // AddIdentity call elsewhere could silently change the model under the checked-in migrations. Passkeys (Version3)
    // need the IdentityDbContext overload with a passkey type, and a migration.
    protected override Version SchemaVersion => IdentitySchemaVersions.Version2;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);
        // Here rather than in registration, so every context (app, tools, tests that build one by hand) keeps the rule.
        optionsBuilder.AddInterceptors(AuditAppendOnlyInterceptor.Instance);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkbenchDbContext).Assembly,
            type => type.Namespace == typeof(Configurations.AgencyConfiguration).Namespace);
    }
}
