using Workbench.Core.Catalog;

namespace Workbench.Core.Access;

/// <summary>Why rows are read: queries (preview, designer, runs, API JSON, derived data) or files (CSV, xlsx).</summary>
public enum AccessPurpose
{
    Query,
    Download,
}

/// <summary>
/// The active grants that reach one caller, read fresh for every decision: a revoked or expired grant stops working
/// at the next query, wherever it comes from (an open designer, a dashboard, an API key).
/// </summary>
public sealed class CallerGrants(IReadOnlyList<DatasetGrant> grants, DateOnly today)
{
    /// <summary>No grants: only owners and system administrators see rows.</summary>
    public static CallerGrants None { get; } = new([], DateOnly.MinValue);

    public DateOnly Today { get; } = today;

    /// <summary>The grants of <paramref name="dataset"/> that work for <paramref name="caller"/> today.</summary>
    public IEnumerable<DatasetGrant> For(Caller caller, Dataset dataset) =>
        grants.Where(g => g.DatasetId == dataset.Id && g.IsFor(caller) && g.IsActiveOn(Today));
}

/// <summary>
/// The one place that says what a caller may do with a dataset. The owning agency's users and system administrators
/// see every row; anyone else sees what their active grants give: a row visible under any of them, a column masked
/// only if every one of them masks it.
/// </summary>
public static class DatasetAccess
{
    /// <summary>The owner agency and system administrators: every row, every column, every right.</summary>
    public static bool IsOwner(Caller caller, Dataset dataset) =>
        caller.IsSystemAdmin || caller.AgencyId == dataset.OwnerAgencyId;

    /// <summary>What the caller sees of the dataset's rows for <paramref name="purpose"/>; the compiler applies it at the source.</summary>
    public static DatasetPolicy Policy(Caller caller, Dataset dataset, CallerGrants grants, AccessPurpose purpose)
    {
        if (IsOwner(caller, dataset))
        {
            return DatasetPolicy.Everything;
        }
        var right = purpose == AccessPurpose.Download ? GrantRights.Download : GrantRights.Query;
        var applicable = grants.For(caller, dataset).Where(g => g.Rights.HasFlag(right)).ToList();
        if (applicable.Count == 0)
        {
            return DatasetPolicy.Denied;
        }
        var rowFilter = applicable.Any(g => string.IsNullOrWhiteSpace(g.RowFilter))
            ? null
            : string.Join(" or ", applicable.Select(g => $"({g.RowFilter})"));
        var masks = new Dictionary<string, MaskKind>(StringComparer.Ordinal);
        foreach (var mask in applicable[0].MaskedColumns)
        {
            var kinds = applicable.Select(g => g.MaskedColumns.FirstOrDefault(m => m.Column == mask.Column)?.Kind).ToList();
            if (kinds.All(k => k is not null))
            {
                // The least hidden form any grant allows.
                masks[mask.Column] = kinds.Any(k => k == MaskKind.Partial) ? MaskKind.Partial : MaskKind.Hidden;
            }
        }
        return new DatasetPolicy(true, rowFilter, masks);
    }

    /// <summary>Whether the caller may read the dataset's rows (preview, API, scenarios).</summary>
    public static bool CanQuery(Caller caller, Dataset dataset, CallerGrants grants) =>
        Policy(caller, dataset, grants, AccessPurpose.Query).Allowed;

    /// <summary>Whether the caller may download the dataset's rows as files.</summary>
    public static bool CanDownload(Caller caller, Dataset dataset, CallerGrants grants) =>
        Policy(caller, dataset, grants, AccessPurpose.Download).Allowed;

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

    /// <summary>Whether the caller may grant the dataset to others and revoke its grants: its owner agency's administrators.</summary>
    public static bool CanGrant(Caller caller, Dataset dataset) =>
        caller.IsSystemAdmin || (caller.AgencyId == dataset.OwnerAgencyId && caller.Role == Roles.AgencyAdmin);
}
