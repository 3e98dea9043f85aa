using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 256;

    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.Property(a => a.Code).HasMaxLength(CodeMaxLength);
        builder.Property(a => a.Name).HasMaxLength(NameMaxLength);
        builder.Property(a => a.NameEn).HasMaxLength(NameMaxLength);
        builder.HasIndex(a => a.Code).IsUnique();
    }
}
