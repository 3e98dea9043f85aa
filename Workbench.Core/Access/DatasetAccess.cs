using Workbench.Core.Catalog;

namespace Workbench.Core.Access;

/// <summary>
/// The one place that says what a caller may do with a dataset. Until grants exist (governance issue),
/// the owning agency and system administrators may query; everyone else is refused.
/// </summary>
public static class DatasetAccess
{
    /// <summary>Whether the caller may read the dataset's rows (preview, API, downloads).</summary>
    public static bool CanQuery(Caller caller, Dataset dataset) =>
        caller.IsSystemAdmin || caller.AgencyId == dataset.OwnerAgencyId;

    /// <summary>Whether the caller may download the dataset's rows.</summary>
    public static bool CanDownload(Caller caller, Dataset dataset) => CanQuery(caller, dataset);

    /// <summary>Whether the caller may load rows into the dataset (append, replace, upsert).</summary>
    public static bool CanLoad(Caller caller, Dataset dataset) =>
        caller.IsSystemAdmin
        || (caller.AgencyId == dataset.OwnerAgencyId && caller.Role is Roles.AgencyAdmin or Roles.Analyst);

    /// <summary>Whether the caller may create a dataset owned by <paramref name="ownerAgencyId"/>.</summary>
    public static bool CanCreate(Caller caller, int ownerAgencyId) =>
        caller.IsSystemAdmin
        || (caller.AgencyId == ownerAgencyId && caller.Role is Roles.AgencyAdmin or Roles.Analyst);

    /// <summary>Whether the caller may delete the dataset and its rows.</summary>
    public static bool CanDelete(Caller caller, Dataset dataset) =>
        caller.IsSystemAdmin || (caller.AgencyId == dataset.OwnerAgencyId && caller.Role == Roles.AgencyAdmin);
}
