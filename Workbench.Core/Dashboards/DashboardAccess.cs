using Workbench.Core.Access;

namespace Workbench.Core.Dashboards;

/// <summary>
/// The one place that says what a caller may do with a dashboard, mirroring <see cref="Scenarios.ScenarioAccess"/>:
/// analysts and administrators build; the owner, the agency's administrators and system administrators edit; the
/// agency's administrators publish; once published, its audience (leaders, say) views it. Its tiles always run with the
/// viewer's rights, so viewing never widens access to data.
/// </summary>
public static class DashboardAccess
{
    /// <summary>Open and run: whoever may edit it and, once published, its audience (<see cref="Dashboard.Audience"/> must be loaded).</summary>
    public static bool CanView(Caller caller, Dashboard dashboard) =>
        CanEdit(caller, dashboard) || IsSharedWith(caller, dashboard);

    public static bool IsSharedWith(Caller caller, Dashboard dashboard) =>
        dashboard.Status == DashboardStatus.Published && dashboard.Audience.Any(a => a.Reaches(caller));

    public static bool CanCreate(Caller caller) =>
        caller.UserId is not null && caller.Role is Roles.SystemAdmin or Roles.AgencyAdmin or Roles.Analyst;

    public static bool CanEdit(Caller caller, Dashboard dashboard) =>
        caller.IsSystemAdmin
        || (caller.UserId is not null && caller.UserId == dashboard.OwnerUserId)
        || (caller.AgencyId == dashboard.AgencyId && caller.Role == Roles.AgencyAdmin);

    /// <summary>Publishing is the agency administrators' (Đ5.2): the owning agency's, or a system administrator.</summary>
    public static bool CanPublish(Caller caller, Dashboard dashboard) =>
        caller.IsSystemAdmin || (caller.AgencyId == dashboard.AgencyId && caller.Role == Roles.AgencyAdmin);

    /// <summary>Freezing a period's figures is an editor's act; deleting a snapshot too.</summary>
    public static bool CanSnapshot(Caller caller, Dashboard dashboard) => CanEdit(caller, dashboard);
}
