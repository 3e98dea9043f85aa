using Workbench.Core.Access;

namespace Workbench.Core.Scenarios;

/// <summary>
/// The one place that says what a caller may do with a scenario. Until publishing exists (governance issue): the
/// owner, the owning agency's administrators and system administrators open and edit it; a scenario always runs
/// with the rights of whoever runs it, so opening one never widens access to its data.
/// </summary>
public static class ScenarioAccess
{
    public static bool CanOpen(Caller caller, Scenario scenario) => CanEdit(caller, scenario);

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
