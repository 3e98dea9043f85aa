using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> builder)
    {
        builder.ToTable("Scenarios");
        builder.Property(s => s.Key).HasMaxLength(DatasetKey.MaxLength);
        builder.Property(s => s.Name).HasMaxLength(256);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.Property(s => s.OwnerUserId).HasMaxLength(450);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        // Two saves racing from the same version: the second fails instead of overwriting the first.
        builder.Property(s => s.Version).IsConcurrencyToken();

        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => s.OwnerUserId);
        builder.HasIndex(s => s.OwnerAgencyId);

        builder.HasOne(s => s.OwnerAgency).WithMany().HasForeignKey(s => s.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        // Accounts are disabled, not deleted, while they own scenarios.
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(s => s.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.ScenarioId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Audience).WithOne().HasForeignKey(a => a.ScenarioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScenarioAudienceConfiguration : IEntityTypeConfiguration<ScenarioAudience>
{
    public void Configure(EntityTypeBuilder<ScenarioAudience> builder)
    {
        builder.ToTable("ScenarioAudiences");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        // "Được chia sẻ với tôi" looks scenarios up by the caller's agency and by the caller.
        builder.HasIndex(a => a.AgencyId);
        builder.HasIndex(a => a.UserId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioVersionConfiguration : IEntityTypeConfiguration<ScenarioVersion>
{
    public void Configure(EntityTypeBuilder<ScenarioVersion> builder)
    {
        builder.ToTable("ScenarioVersions");
        builder.Property(v => v.Name).HasMaxLength(256);
        builder.Property(v => v.Description).HasMaxLength(4000);
        builder.Property(v => v.AuthorUserId).HasMaxLength(450);
        builder.Property(v => v.AuthorName).HasMaxLength(256);
        builder.Property(v => v.Note).HasMaxLength(512);
        builder.HasIndex(v => new { v.ScenarioId, v.Number }).IsUnique();
    }
}
