using Workbench.Core.Access;

namespace Workbench.Core.Scenarios;

/// <summary>
/// The one place that says what a caller may do with a scenario. The owner, the owning agency's administrators and
/// system administrators open and edit it; once published, its audience opens and runs it too. A scenario always
/// runs with the rights of whoever runs it, so opening one never widens access to its data.
/// </summary>
public static class ScenarioAccess
{
    /// <summary>Open and run: whoever may edit it, and, once published, its audience (<see cref="Scenario.Audience"/> must be loaded).</summary>
    public static bool CanOpen(Caller caller, Scenario scenario) =>
        CanEdit(caller, scenario) || IsSharedWith(caller, scenario);

    /// <summary>Published and reaching the caller through its audience.</summary>
    public static bool IsSharedWith(Caller caller, Scenario scenario) =>
        scenario.Status == ScenarioStatus.Published && scenario.Audience.Any(a => a.Reaches(caller));

    /// <summary>Publishing is the agency administrators' (Đ5.2): the owning agency's, or a system administrator.</summary>
    public static bool CanPublish(Caller caller, Scenario scenario) =>
        caller.IsSystemAdmin || (caller.AgencyId == scenario.OwnerAgencyId && caller.Role == Roles.AgencyAdmin);

    public static bool CanEdit(Caller caller, Scenario scenario) =>
        caller.IsSystemAdmin
        || (caller.UserId is not null && caller.UserId == scenario.OwnerUserId)
        || (caller.AgencyId == scenario.OwnerAgencyId && caller.Role == Roles.AgencyAdmin);

    /// <summary>
    /// Whether a pipeline of the caller may read the scenario's result as a table (<c>{ "scenario": key }</c>): whoever may
    /// view it. Its datasets are still read with the caller's own access, so this never widens access to data.
    /// </summary>
    public static bool CanUseAsSource(Caller caller, Scenario scenario) => CanOpen(caller, scenario);

    /// <summary>Analysts and administrators build analyses; viewers (leaders) run what is shared with them.</summary>
    public static bool CanCreate(Caller caller) =>
        caller.UserId is not null && caller.Role is Roles.SystemAdmin or Roles.AgencyAdmin or Roles.Analyst;
}
