using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Access;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.Property(r => r.RequesterUserId).HasMaxLength(450);
        builder.Property(r => r.RequesterName).HasMaxLength(256);
        builder.Property(r => r.Purpose).HasMaxLength(AccessRequestRules.MaxPurposeLength);
        builder.Property(r => r.WantedRights).HasConversion<int>();
        // Two administrators deciding at once, or a decision crossing a withdrawal: the second save finds the status
        // changed and fails as a whole (the approval's grant included).
        builder.Property(r => r.Status).HasConversion<int>().IsConcurrencyToken();
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.DecidedByName).HasMaxLength(256);
        builder.Property(r => r.RefusalReason).HasMaxLength(AccessRequestRules.MaxReasonLength);
        builder.Ignore(r => r.IsPending);

        // The owner's list of what waits, and the requester's own list and dataset page.
        builder.HasIndex(r => new { r.DatasetId, r.Status });
        builder.HasIndex(r => new { r.RequesterUserId, r.DatasetId });

        // A deleted dataset takes its requests along (DatasetService deletes them first, see there); agencies and
        // users are deactivated, not deleted.
        builder.HasOne(r => r.Dataset).WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.RequesterAgency).WithMany().HasForeignKey(r => r.RequesterAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(r => r.RequesterUserId).OnDelete(DeleteBehavior.Restrict);
        // Note: no cascade from grants: SQL Server refuses a second cascade path from Datasets (through DatasetGrants).
        builder.HasOne(r => r.Grant).WithMany().HasForeignKey(r => r.GrantId).OnDelete(DeleteBehavior.NoAction);
    }
}
