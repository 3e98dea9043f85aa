using Workbench.Core.Catalog;

namespace Workbench.Core.Access;

/// <summary>What a grant lets its grantee do with the dataset's rows.</summary>
[Flags]
public enum GrantRights
{
    /// <summary>Preview, designer, scenario runs, API queries, derived datasets.</summary>
    Query = 1,

    /// <summary>CSV and xlsx files of the rows (Đ5.3).</summary>
    Download = 2,
}

/// <summary>How a masked column reads for the grantee.</summary>
public enum MaskKind
{
    /// <summary>Null of the column's type.</summary>
    Hidden,

    /// <summary>Text shows its first 4 and last 3 characters around <c>***</c>, e.g. <c>0905***789</c>; other types read as null.</summary>
    Partial,
}

/// <summary>A masked column of a grant.</summary>
public sealed record ColumnMask(string Column, MaskKind Kind);

/// <summary>
/// A grant (cấp quyền khai thác): the owning agency gives one dataset to another agency or to one user, with rights,
/// an optional row filter and masked columns, an optional expiry, and the legal basis it rests on (Đ5.6). A revoked or
/// expired grant gives nothing; grants are never deleted, so the record of who could see what stays.
/// </summary>
public sealed class DatasetGrant
{
    public int Id { get; set; }

    public int DatasetId { get; set; }

    public Dataset? Dataset { get; set; }

    /// <summary>The agency whose users receive the grant; null when it is for one user.</summary>
    public int? GranteeAgencyId { get; set; }

    public Agency? GranteeAgency { get; set; }

    /// <summary>The one user who receives the grant; null when it is for an agency.</summary>
    public string? GranteeUserId { get; set; }

    /// <summary>The user's name as it was when granted, for lists.</summary>
    public string? GranteeUserName { get; set; }

    public GrantRights Rights { get; set; } = GrantRights.Query;

    /// <summary>An expression over the dataset's columns (PIPELINE.md); only rows where it is true are visible. Null: all rows.</summary>
    public string? RowFilter { get; set; }

    public List<ColumnMask> MaskedColumns { get; set; } = [];

    /// <summary>The last day (province time) the grant works; null: until revoked.</summary>
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>The legal basis: the document's number, e.g. <c>123/QĐ-UBND</c>.</summary>
    public required string LegalBasisNumber { get; set; }

    public DateOnly LegalBasisDate { get; set; }

    /// <summary>Who issued the document, e.g. <c>UBND tỉnh Quảng Ngãi</c>.</summary>
    public required string LegalBasisIssuer { get; set; }

    /// <summary>What the data is for, as the request or the grantor put it.</summary>
    public string? Purpose { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedByName { get; set; }

    public string? RevokeReason { get; set; }

    /// <summary>Whether the grant gives anything on <paramref name="today"/> (province date).</summary>
    public bool IsActiveOn(DateOnly today) => RevokedAt is null && (ExpiresOn is null || today <= ExpiresOn);

    /// <summary>Whether the grant is for this caller: their agency, or them by name.</summary>
    public bool IsFor(Caller caller) =>
        GranteeUserId is not null ? GranteeUserId == caller.UserId : GranteeAgencyId == caller.AgencyId;
}
