using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public const int CodeMaxLength = Core.Administration.AgencyRules.MaxCodeLength;
    public const int NameMaxLength = Core.Administration.AgencyRules.MaxNameLength;

    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.Property(a => a.Code).HasMaxLength(CodeMaxLength);
        builder.Property(a => a.Name).HasMaxLength(NameMaxLength);
        builder.Property(a => a.NameEn).HasMaxLength(NameMaxLength);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
