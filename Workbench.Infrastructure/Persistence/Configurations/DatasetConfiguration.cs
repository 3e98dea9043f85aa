using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;
using Workbench.Core.Quality;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

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
        // A handful of rules, always read with the dataset: one JSON column.
        builder.Property(d => d.QualityRules)
            .HasConversion(
                rules => JsonSerializer.Serialize(rules, Json),
                // Datasets from before quality rules existed have an empty column.
                json => string.IsNullOrEmpty(json) ? new List<QualityRule>() : JsonSerializer.Deserialize<List<QualityRule>>(json, Json) ?? new List<QualityRule>(),
                new ValueComparer<List<QualityRule>>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    rules => JsonSerializer.Serialize(rules, Json).GetHashCode(),
                    rules => rules.ToList()));

        builder.HasIndex(d => d.Key).IsUnique();
        builder.HasIndex(d => d.OwnerAgencyId);

        // An agency that still owns datasets cannot be deleted: deactivate it instead.
        builder.HasOne(d => d.OwnerAgency).WithMany().HasForeignKey(d => d.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Columns).WithOne().HasForeignKey(c => c.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
