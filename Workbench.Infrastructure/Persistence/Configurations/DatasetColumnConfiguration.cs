using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class DatasetColumnConfiguration : IEntityTypeConfiguration<DatasetColumn>
{
    public void Configure(EntityTypeBuilder<DatasetColumn> builder)
    {
        builder.ToTable("DatasetColumns");
        builder.Property(c => c.Name).HasMaxLength(256);
        builder.Property(c => c.PhysicalName).HasMaxLength(32);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Description).HasMaxLength(2000);

        builder.HasIndex(c => new { c.DatasetId, c.Ordinal }).IsUnique();
        builder.HasIndex(c => new { c.DatasetId, c.PhysicalName }).IsUnique();
        builder.HasIndex(c => new { c.DatasetId, c.Name }).IsUnique();
    }
}
