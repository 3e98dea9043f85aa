using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Identity;

/// <summary>Puts the user's agency and full name into the sign-in cookie, so each request knows its caller without a query.</summary>
public sealed class WorkbenchClaimsPrincipalFactory(
    UserManager<WorkbenchUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    WorkbenchDbContext db)
    : UserClaimsPrincipalFactory<WorkbenchUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WorkbenchUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WorkbenchClaims.AgencyId, user.AgencyId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(WorkbenchClaims.FullName, user.FullName));
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == user.AgencyId).Select(a => a.Name).SingleOrDefaultAsync();
        identity.AddClaim(new Claim(WorkbenchClaims.AgencyName, agency ?? ""));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(WorkbenchClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
