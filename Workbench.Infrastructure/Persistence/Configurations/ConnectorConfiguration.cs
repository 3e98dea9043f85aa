using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class ConnectorConfiguration : IEntityTypeConfiguration<Connector>
{
    public void Configure(EntityTypeBuilder<Connector> builder)
    {
        builder.ToTable("Connectors");
        builder.Property(c => c.Key).HasMaxLength(DatasetKey.MaxLength);
        builder.Property(c => c.Name).HasMaxLength(ConnectorRules.MaxNameLength);
        builder.Property(c => c.Description).HasMaxLength(ConnectorRules.MaxDescriptionLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Mode).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Schedule).HasMaxLength(64);
        builder.Property(c => c.SettingsJson);
        builder.Property(c => c.ProtectedSecrets);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(450);
        builder.Ignore(c => c.CheckpointName);
        // The two documents are columns of the connector, as the grant's legal basis is of the grant.
        builder.OwnsOne(c => c.Request, document => Document(document, "Request"));
        builder.OwnsOne(c => c.Agreement, document => Document(document, "Agreement"));

        builder.HasIndex(c => c.Key).IsUnique();
        builder.HasIndex(c => c.DatasetId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.ProvidingAgencyId).OnDelete(DeleteBehavior.Restrict);
        // A dataset fed by a connector is not deleted under it: the connector goes first.
        builder.HasOne<Dataset>().WithMany().HasForeignKey(c => c.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }

    private static void Document<T>(OwnedNavigationBuilder<T, LegalDocument> document, string prefix) where T : class
    {
        document.Property(d => d.Number).HasColumnName(prefix + "Number").HasMaxLength(GrantRules.MaxLegalBasisLength);
        document.Property(d => d.Date).HasColumnName(prefix + "Date");
        document.Property(d => d.Issuer).HasColumnName(prefix + "Issuer").HasMaxLength(GrantRules.MaxIssuerLength);
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public const string OneRunningIndex = "IX_SyncRuns_OneRunningPerConnector";

    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("SyncRuns");
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.StartedByUserId).HasMaxLength(450);
        builder.Property(r => r.JobId).HasMaxLength(100);
        builder.Property(r => r.WatermarkBefore).HasMaxLength(256);
        builder.Property(r => r.WatermarkAfter).HasMaxLength(256);
        builder.Property(r => r.ErrorCode).HasMaxLength(128);
        builder.Property(r => r.ErrorMessage).HasMaxLength(4000);

        // History pages and the health overview read a connector's latest runs first.
        builder.HasIndex(r => new { r.ConnectorId, r.StartedAt });
        // At most one run per connector at a time, whichever app instance starts it: the second Running row is refused
        // by the database itself. The quoted identifier reads the same on SQLite, PostgreSQL and SQL Server.
        builder.HasIndex(r => r.ConnectorId).IsUnique().HasFilter("\"Status\" = 'Running'").HasDatabaseName(OneRunningIndex);
        builder.HasOne<Connector>().WithMany().HasForeignKey(r => r.ConnectorId).OnDelete(DeleteBehavior.Cascade);
    }
}
