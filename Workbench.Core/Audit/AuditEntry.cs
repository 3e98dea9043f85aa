namespace Workbench.Core.Audit;

/// <summary>One line of the append-only audit log (Nhật ký hệ thống).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public int? AgencyId { get; set; }

    /// <summary>What happened, from <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to, e.g. a dataset key.</summary>
    public string? Target { get; set; }

    /// <summary>Details as JSON (row counts, modes, before/after).</summary>
    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}

/// <summary>The action names written to the audit log.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignOut = "auth.sign-out";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string DatasetCreated = "dataset.created";
    public const string DatasetLoaded = "dataset.loaded";
    public const string DatasetDeleted = "dataset.deleted";
    public const string DatasetDerived = "dataset.derived";
    public const string DatasetRefreshed = "dataset.refreshed";
    public const string ApiKeyUsed = "api-key.used";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string SetupCompleted = "setup.completed";
    public const string ScenarioCreated = "scenario.created";
    public const string ScenarioSaved = "scenario.saved";
    public const string ScenarioRestored = "scenario.restored";
    public const string ScenarioDeleted = "scenario.deleted";
    public const string ScenarioPublished = "scenario.published";
    public const string ScenarioUnpublished = "scenario.unpublished";
    public const string DashboardCreated = "dashboard.created";
    public const string DashboardSaved = "dashboard.saved";
    public const string DashboardRestored = "dashboard.restored";
    public const string DashboardDeleted = "dashboard.deleted";
    public const string DashboardPublished = "dashboard.published";
    public const string DashboardUnpublished = "dashboard.unpublished";
    public const string DashboardSnapshotTaken = "dashboard.snapshot-taken";
    public const string DashboardSnapshotDeleted = "dashboard.snapshot-deleted";
    public const string GrantCreated = "grant.created";
    public const string GrantRevoked = "grant.revoked";
    public const string AccessRequestCreated = "access-request.created";
    public const string AccessRequestApproved = "access-request.approved";
    public const string AccessRequestRefused = "access-request.refused";
    public const string AccessRequestWithdrawn = "access-request.withdrawn";
    public const string QueryRun = "query.run";
    public const string QueryDownload = "query.download";
    public const string AuditExported = "audit.exported";
    public const string UserCreated = "user.created";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserPasswordChanged = "user.password-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserAgencyChanged = "user.agency-changed";
    public const string AgencyCreated = "agency.created";
    public const string AgencyRenamed = "agency.renamed";
    public const string AgencyDeactivated = "agency.deactivated";
    public const string AgencyReactivated = "agency.reactivated";
    public const string AgencyMerged = "agency.merged";
    public const string DatasetQualityRulesChanged = "dataset.quality-rules-changed";
    public const string ConnectorCreated = "connector.created";
    public const string ConnectorUpdated = "connector.updated";
    public const string ConnectorActivated = "connector.activated";
    public const string ConnectorDeactivated = "connector.deactivated";
    public const string ConnectorDeleted = "connector.deleted";
    public const string ConnectorKeyIssued = "connector.key-issued";
    public const string ConnectorFileDelivered = "connector.file-delivered";

    /// <summary>Every action above, in the order the audit log's filter offers them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignOut, SignInFailed, LockedOut,
        DatasetCreated, DatasetLoaded, DatasetDeleted, DatasetDerived, DatasetRefreshed, DatasetQualityRulesChanged,
        QueryRun, QueryDownload,
        ScenarioCreated, ScenarioSaved, ScenarioRestored, ScenarioDeleted, ScenarioPublished, ScenarioUnpublished,
        DashboardCreated, DashboardSaved, DashboardRestored, DashboardDeleted, DashboardPublished, DashboardUnpublished,
        DashboardSnapshotTaken, DashboardSnapshotDeleted,
        GrantCreated, GrantRevoked,
        AccessRequestCreated, AccessRequestApproved, AccessRequestRefused, AccessRequestWithdrawn,
        ApiKeyUsed, ApiKeyCreated, ApiKeyRevoked,
        UserCreated, UserPasswordReset, UserPasswordChanged, UserDisabled, UserEnabled, UserUnlocked, UserRoleChanged, UserAgencyChanged,
        AgencyCreated, AgencyRenamed, AgencyDeactivated, AgencyReactivated, AgencyMerged,
        ConnectorCreated, ConnectorUpdated, ConnectorActivated, ConnectorDeactivated, ConnectorDeleted, ConnectorKeyIssued, ConnectorFileDelivered,
        SetupCompleted, AuditExported,
    ];
}
