using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Audit;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(256);
        builder.Property(e => e.IpAddress).HasMaxLength(45);

        // No foreign keys on purpose: the log is append-only and must outlive the users and agencies it names.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.Action);
        builder.HasIndex(e => e.AgencyId);
    }
}
