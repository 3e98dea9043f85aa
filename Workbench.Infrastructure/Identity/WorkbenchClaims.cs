using System.Globalization;
using System.Security.Claims;
using Workbench.Core.Access;

namespace Workbench.Infrastructure.Identity;

/// <summary>The claims a signed-in user or an API key carries, and the <see cref="Caller"/> made from them.</summary>
public static class WorkbenchClaims
{
    public const string AgencyId = "wb:agency";
    public const string AgencyName = "wb:agency_name";
    public const string FullName = "wb:full_name";
    public const string ApiKeyId = "wb:api_key";

    /// <summary>The push connector whose own key made the request: such a key only pushes rows to that connector's dataset.</summary>
    public const string PushConnectorId = "wb:push_connector";

    /// <summary>Present (value "true") while the user must replace an administrator-set password before doing anything else.</summary>
    public const string MustChangePassword = "wb:must_change_password";

    /// <summary>Whether the signed-in user must set a new password before using the app.</summary>
    public static bool MustChangePasswordNow(this ClaimsPrincipal principal) =>
        principal.HasClaim(WorkbenchClaims.MustChangePassword, "true");

    /// <summary>The push connector whose key made the request, or null for every other caller.</summary>
    public static int? PushConnector(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(PushConnectorId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The caller behind a principal, or null when it is anonymous or lacks an agency.</summary>
    public static Caller? ToCaller(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(AgencyId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var agencyId))
        {
            return null;
        }
        var role = Roles.All.FirstOrDefault(principal.IsInRole) ?? Roles.Viewer;
        var name = principal.FindFirstValue(FullName) ?? principal.Identity.Name ?? "?";
        return new Caller(principal.FindFirstValue(ClaimTypes.NameIdentifier), name, agencyId, role);
    }
}
