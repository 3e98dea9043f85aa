using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class DashboardConfiguration : IEntityTypeConfiguration<Dashboard>
{
    public void Configure(EntityTypeBuilder<Dashboard> builder)
    {
        builder.ToTable("Dashboards");
        builder.Property(d => d.Key).HasMaxLength(DatasetKey.MaxLength);
        builder.Property(d => d.Name).HasMaxLength(256);
        builder.Property(d => d.Description).HasMaxLength(4000);
        builder.Property(d => d.OwnerUserId).HasMaxLength(450);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        // Two saves racing from the same version: the second fails instead of overwriting the first.
        builder.Property(d => d.Version).IsConcurrencyToken();

        builder.HasIndex(d => d.Key).IsUnique();
        builder.HasIndex(d => d.OwnerUserId);
        builder.HasIndex(d => d.AgencyId);

        builder.HasOne(d => d.Agency).WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(d => d.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DashboardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Audience).WithOne().HasForeignKey(a => a.DashboardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<DashboardSnapshot>().WithOne().HasForeignKey(s => s.DashboardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DashboardAudienceConfiguration : IEntityTypeConfiguration<DashboardAudience>
{
    public void Configure(EntityTypeBuilder<DashboardAudience> builder)
    {
        builder.ToTable("DashboardAudiences");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        // "Được chia sẻ với tôi" looks dashboards up by the caller's agency and by the caller.
        builder.HasIndex(a => a.AgencyId);
        builder.HasIndex(a => a.UserId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkbenchUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DashboardVersionConfiguration : IEntityTypeConfiguration<DashboardVersion>
{
    public void Configure(EntityTypeBuilder<DashboardVersion> builder)
    {
        builder.ToTable("DashboardVersions");
        builder.Property(v => v.Name).HasMaxLength(256);
        builder.Property(v => v.Description).HasMaxLength(4000);
        builder.Property(v => v.AuthorUserId).HasMaxLength(450);
        builder.Property(v => v.AuthorName).HasMaxLength(256);
        builder.Property(v => v.Note).HasMaxLength(512);
        builder.HasIndex(v => new { v.DashboardId, v.Number }).IsUnique();
    }
}

internal sealed class DashboardSnapshotConfiguration : IEntityTypeConfiguration<DashboardSnapshot>
{
    public void Configure(EntityTypeBuilder<DashboardSnapshot> builder)
    {
        builder.ToTable("DashboardSnapshots");
        builder.Property(s => s.Period).HasMaxLength(128);
        builder.Property(s => s.AuthorUserId).HasMaxLength(450);
        builder.Property(s => s.AuthorName).HasMaxLength(256);
        builder.HasIndex(s => new { s.DashboardId, s.Period }).IsUnique();
    }
}
