using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Name).HasMaxLength(128);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.UserId).HasMaxLength(450);
        builder.Property(k => k.Role).HasMaxLength(32);

        builder.HasIndex(k => k.KeyHash).IsUnique();

        builder.HasOne<Agency>().WithMany().HasForeignKey(k => k.AgencyId).OnDelete(DeleteBehavior.Restrict);
        // A user's keys die with the account; agency-system keys have no user.
        // A push connector's key outlives its connector only as a revoked row of the history.
        builder.HasOne<Workbench.Core.Connectors.Connector>().WithMany().HasForeignKey(k => k.ConnectorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
