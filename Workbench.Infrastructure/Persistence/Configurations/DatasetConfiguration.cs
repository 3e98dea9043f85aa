using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("Datasets");
        builder.Property(d => d.Key).HasMaxLength(DatasetKey.MaxLength);
        builder.Property(d => d.Name).HasMaxLength(256);
        builder.Property(d => d.Description).HasMaxLength(4000);
        builder.Property(d => d.Classification).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.CatalogGroup).HasMaxLength(256);
        builder.Property(d => d.ExpectedUpdateFrequency).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.TableName).HasMaxLength(128);
        builder.Ignore(d => d.OrderedColumns);

        builder.HasIndex(d => d.Key).IsUnique();
        builder.HasIndex(d => d.OwnerAgencyId);

        // An agency that still owns datasets cannot be deleted: deactivate it instead.
        builder.HasOne(d => d.OwnerAgency).WithMany().HasForeignKey(d => d.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Columns).WithOne().HasForeignKey(c => c.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
