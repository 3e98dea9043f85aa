using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Identity;

/// <summary>
/// Whether a signed-in session still stands: its user exists and is not disabled, their agency is active, and nothing
/// changed their security stamp since (an administrator resetting the password, changing the role or the agency).
/// Open Blazor circuits ask it periodically, since a circuit never sends the cookie again.
/// </summary>
public sealed class SessionCheck(IDbContextFactory<WorkbenchDbContext> contexts, IOptions<IdentityOptions> identity)
{
    public const string Disabled = "disabled";
    public const string AgencyDeactivated = "agency-deactivated";

    /// <summary>Why this user may not start a session (<see cref="Disabled"/>, <see cref="AgencyDeactivated"/>), or null when they may.</summary>
    public async Task<string?> RefusalAsync(WorkbenchUser user, CancellationToken cancellationToken)
    {
        if (user.IsDisabled)
        {
            return Disabled;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AnyAsync(a => a.Id == user.AgencyId && a.IsActive, cancellationToken) ? null : AgencyDeactivated;
    }

    public async Task<bool> StillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (userId is null)
        {
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.IsDisabled, u.SecurityStamp, AgencyActive = db.Agencies.Any(a => a.Id == u.AgencyId && a.IsActive) })
            .SingleOrDefaultAsync(cancellationToken);
        return user is { IsDisabled: false, AgencyActive: true }
            && user.SecurityStamp == principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }
}
