using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Configurations;

internal sealed class WorkbenchUserConfiguration : IEntityTypeConfiguration<WorkbenchUser>
{
    public void Configure(EntityTypeBuilder<WorkbenchUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(256);
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.AgencyId);
    }
}
