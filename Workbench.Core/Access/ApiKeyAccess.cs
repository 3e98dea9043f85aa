namespace Workbench.Core.Access;

/// <summary>
/// The one place that says who may list, create and revoke API keys: system administrators for any agency,
/// agency administrators for their own agency. A key never acts with more rights than the person who made it.
/// </summary>
public static class ApiKeyAccess
{
    /// <summary>Whether the caller may see, create and revoke the keys of <paramref name="agencyId"/>.</summary>
    public static bool CanManage(Caller caller, int agencyId) =>
        caller.IsSystemAdmin || (caller.Role == Roles.AgencyAdmin && caller.AgencyId == agencyId);

    /// <summary>Whether the caller may manage the keys of at least one agency (and so open the key list).</summary>
    public static bool CanManageAny(Caller caller) => CanManage(caller, caller.AgencyId);

    /// <summary>The roles a key made by the caller may act with: never more than the caller's own.</summary>
    public static IReadOnlyList<string> AssignableRoles(Caller caller) => caller.Role switch
    {
        Roles.SystemAdmin => Roles.All,
        Roles.AgencyAdmin => [Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer],
        _ => [],
    };

    /// <summary>Whether the caller may create a key of <paramref name="agencyId"/> acting as <paramref name="role"/>.</summary>
    public static bool CanCreate(Caller caller, int agencyId, string role) =>
        CanManage(caller, agencyId) && AssignableRoles(caller).Contains(role);
}
