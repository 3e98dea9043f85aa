using Workbench.Core.Catalog;

namespace Workbench.Core.Access;

/// <summary>Where an access request stands.</summary>
public enum AccessRequestStatus
{
    /// <summary>Waiting for the owner agency's administrators.</summary>
    Pending,

    /// <summary>Granted: <see cref="AccessRequest.GrantId"/> names the grant it created.</summary>
    Approved,

    /// <summary>Refused, with <see cref="AccessRequest.RefusalReason"/>.</summary>
    Refused,

    /// <summary>Taken back by the requester before a decision.</summary>
    Withdrawn,
}

/// <summary>
/// An access request (yêu cầu khai thác): a user who finds a dataset in the catalog that they cannot use asks its owner
/// agency for it, saying what for. The owner's administrators approve it, which creates a <see cref="DatasetGrant"/>
/// (with its legal basis, like any grant), or refuse it with a reason; the requester may withdraw it while it waits.
/// Requests are never deleted, so both sides keep the outcome.
/// </summary>
public sealed class AccessRequest
{
    public int Id { get; set; }

    public int DatasetId { get; set; }

    public Dataset? Dataset { get; set; }

    public required string RequesterUserId { get; set; }

    /// <summary>The requester's name as it was when they asked, for lists.</summary>
    public required string RequesterName { get; set; }

    /// <summary>The requester's agency when they asked; an approval may grant to it instead of the person.</summary>
    public int RequesterAgencyId { get; set; }

    public Agency? RequesterAgency { get; set; }

    /// <summary>What the data is for, in the requester's words; copied into the grant on approval.</summary>
    public required string Purpose { get; set; }

    /// <summary>The rights asked for: always <see cref="GrantRights.Query"/>, perhaps <see cref="GrantRights.Download"/> too.</summary>
    public GrantRights WantedRights { get; set; } = GrantRights.Query;

    public AccessRequestStatus Status { get; set; } = AccessRequestStatus.Pending;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was approved, refused or withdrawn.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedByUserId { get; set; }

    public string? DecidedByName { get; set; }

    /// <summary>Why it was refused; required to refuse, shown to the requester.</summary>
    public string? RefusalReason { get; set; }

    /// <summary>The grant an approval created.</summary>
    public int? GrantId { get; set; }

    public DatasetGrant? Grant { get; set; }

    public bool IsPending => Status == AccessRequestStatus.Pending;
}
