using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Access;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class DatasetGrantConfiguration : IEntityTypeConfiguration<DatasetGrant>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<DatasetGrant> builder)
    {
        builder.ToTable("DatasetGrants");
        builder.Property(g => g.GranteeUserId).HasMaxLength(450);
        builder.Property(g => g.GranteeUserName).HasMaxLength(256);
        builder.Property(g => g.Rights).HasConversion<int>();
        builder.Property(g => g.RowFilter).HasMaxLength(GrantRules.MaxRowFilterLength);
        // A handful of columns per grant, always read with it: one JSON column, e.g. [{"column":"Số điện thoại","kind":"Partial"}].
        builder.Property(g => g.MaskedColumns)
            .HasConversion(
                masks => JsonSerializer.Serialize(masks, Json),
                json => JsonSerializer.Deserialize<List<ColumnMask>>(json, Json) ?? new List<ColumnMask>(),
                new ValueComparer<List<ColumnMask>>(
                    (a, b) => a!.SequenceEqual(b!),
                    masks => masks.Aggregate(0, (hash, mask) => HashCode.Combine(hash, mask.GetHashCode())),
                    masks => masks.ToList()))
            .HasMaxLength(4000);
        builder.Property(g => g.LegalBasisNumber).HasMaxLength(GrantRules.MaxLegalBasisLength);
        builder.Property(g => g.LegalBasisIssuer).HasMaxLength(GrantRules.MaxIssuerLength);
        builder.Property(g => g.Purpose).HasMaxLength(GrantRules.MaxPurposeLength);
        builder.Property(g => g.CreatedByUserId).HasMaxLength(450);
        builder.Property(g => g.CreatedByName).HasMaxLength(256);
        builder.Property(g => g.RevokedByName).HasMaxLength(256);
        builder.Property(g => g.RevokeReason).HasMaxLength(1000);

        // Every query reads the caller's grants: by agency and by user.
        builder.HasIndex(g => new { g.GranteeAgencyId, g.RevokedAt });
        builder.HasIndex(g => new { g.GranteeUserId, g.RevokedAt });
        builder.HasIndex(g => g.DatasetId);

        // A deleted dataset takes its grants along; the audit log keeps who could see what. Agencies and users with
        // grants are deactivated, not deleted.
        builder.HasOne(g => g.Dataset).WithMany().HasForeignKey(g => g.DatasetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(g => g.GranteeAgency).WithMany().HasForeignKey(g => g.GranteeAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(g => g.GranteeUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
