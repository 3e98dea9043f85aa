using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Infrastructure.Identity;

/// <summary>Who signed in at the organisation's identity provider: its stable object id and the email it vouches for.</summary>
public sealed record ExternalIdentity(string ObjectId, string? Email);

/// <summary>
/// Maps an identity from Microsoft Entra ID to a local user: by the object id linked at an earlier sign-in, else by
/// an email that exactly one local user has (the link is then recorded, so a later change of email does not matter).
/// Local users are created by administrators; an identity that maps to none gets no account.
/// </summary>
public sealed class ExternalAccounts(UserManager<WorkbenchUser> users)
{
    public const string Provider = "EntraId";
    public const string ProviderDisplayName = "Microsoft Entra ID";

    public async Task<WorkbenchUser?> FindAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        if (await users.FindByLoginAsync(Provider, identity.ObjectId) is { } linked)
        {
            return linked;
        }
        if (string.IsNullOrWhiteSpace(identity.Email))
        {
            return null;
        }
        var email = users.NormalizeEmail(identity.Email.Trim());
        var matches = await users.Users.Where(u => u.NormalizedEmail == email).Take(2).ToListAsync(cancellationToken);
        // Two local users with one email cannot tell us which one this is; one already linked to another object id
        // belongs to someone else. Either way an administrator has to decide.
        if (matches is not [var user] || (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == Provider))
        {
            return null;
        }
        var result = await users.AddLoginAsync(user, new UserLoginInfo(Provider, identity.ObjectId, ProviderDisplayName));
        return result.Succeeded ? user : null;
    }
}
