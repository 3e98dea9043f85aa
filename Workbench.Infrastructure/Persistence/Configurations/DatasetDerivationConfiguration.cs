using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class DatasetDerivationConfiguration : IEntityTypeConfiguration<DatasetDerivation>
{
    public void Configure(EntityTypeBuilder<DatasetDerivation> builder)
    {
        builder.ToTable("DatasetDerivations");
        builder.Property(d => d.ScenarioKey).HasMaxLength(DatasetKey.MaxLength);
        builder.Property(d => d.ScenarioName).HasMaxLength(256);
        builder.Property(d => d.RefreshedByUserId).HasMaxLength(450);
        builder.Property(d => d.RefreshedByName).HasMaxLength(256);

        builder.HasIndex(d => d.DatasetId).IsUnique();
        builder.HasIndex(d => d.ScenarioId);

        builder.HasOne<Dataset>().WithOne().HasForeignKey<DatasetDerivation>(d => d.DatasetId).OnDelete(DeleteBehavior.Cascade);
        // Deleting the scenario keeps the lineage (by name and key); only the refresh stops working.
        builder.HasOne<Scenario>().WithMany().HasForeignKey(d => d.ScenarioId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(d => d.RefreshedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(d => d.Sources).WithOne().HasForeignKey(s => s.DerivationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DerivationSourceConfiguration : IEntityTypeConfiguration<DerivationSource>
{
    public void Configure(EntityTypeBuilder<DerivationSource> builder)
    {
        builder.ToTable("DerivationSources");
        builder.Property(s => s.DatasetKey).HasMaxLength(DatasetKey.MaxLength);
        builder.Property(s => s.DatasetName).HasMaxLength(256);
        builder.Property(s => s.AgencyName).HasMaxLength(256);
        // Which derived datasets read this one: the governance issue's grant ceilings walk this index.
        builder.HasIndex(s => s.DatasetId);
        // SQL Server refuses two cascade paths to one table (Datasets → Derivations → Sources and Datasets → Sources),
        // so deleting a source dataset leaves its name here and clears the id in code (DatasetService.DeleteAsync).
        builder.HasOne<Dataset>().WithMany().HasForeignKey(s => s.DatasetId).OnDelete(DeleteBehavior.NoAction);
    }
}
