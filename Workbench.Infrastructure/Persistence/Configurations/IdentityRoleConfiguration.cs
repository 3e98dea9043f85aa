using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Access;

namespace Workbench.Infrastructure.Persistence.Configurations;

/// <summary>
/// The four roles are part of the code (authorization policies name them), not editable data,
/// so they ship in every provider's migration: a fresh database has them before any node serves a request.
/// </summary>
internal sealed class IdentityRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(role => new IdentityRole
        {
            // Fixed ids and stamps: HasData must be deterministic or every build would see a model change.
            Id = RoleId(role),
            Name = role,
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = RoleId(role),
        }));

    public static string RoleId(string role) => "role-" + role.ToLowerInvariant();
}
