using Workbench.Core.Access;

namespace Workbench.Core.Audit;

/// <summary>
/// The one place that says whose audit entries a caller may read (Nhật ký hệ thống): a system administrator the
/// whole log, an agency administrator the entries of their own agency, anyone else none.
/// </summary>
public static class AuditAccess
{
    /// <summary>Whether the caller may open the audit log at all.</summary>
    public static bool CanRead(Caller caller) => Scope(caller) is not null;

    /// <summary>
    /// The part of the log the caller may read: <see cref="AuditScope.Everything"/>, one agency's entries, or null
    /// when the caller may read none.
    /// </summary>
    public static AuditScope? Scope(Caller caller) => caller.Role switch
    {
        Roles.SystemAdmin => AuditScope.Everything,
        Roles.AgencyAdmin => AuditScope.OfAgency(caller.AgencyId),
        _ => null,
    };

    /// <summary>Whether the caller may read <paramref name="entry"/>.</summary>
    public static bool CanRead(Caller caller, AuditEntry entry) => Scope(caller)?.Includes(entry.AgencyId) == true;
}

/// <summary>A readable part of the audit log: every entry (<see cref="AgencyId"/> null) or those of one agency.</summary>
public sealed record AuditScope(int? AgencyId)
{
    public static readonly AuditScope Everything = new((int?)null);

    public static AuditScope OfAgency(int agencyId) => new(agencyId);

    /// <summary>Whether an entry recorded for <paramref name="entryAgencyId"/> falls in this scope.</summary>
    public bool Includes(int? entryAgencyId) => AgencyId is null || entryAgencyId == AgencyId;
}
