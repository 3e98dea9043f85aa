using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;

namespace Workbench.Core.Dashboards;

/// <summary>Whether a dashboard is still being built or has been published to its audience.</summary>
public enum DashboardStatus
{
    Draft,
    Published,
}

/// <summary>
/// A dashboard (Bảng điều khiển): tiles of scenario results and filters for leaders, as a <see cref="DashboardDocument"/>
/// in <see cref="LayoutJson"/>. Every save is a <see cref="DashboardVersion"/>; the dashboard row holds the latest.
/// </summary>
public sealed class Dashboard
{
    public int Id { get; set; }

    /// <summary>The slug the URL shows; unique, same rules as a scenario key.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string OwnerUserId { get; set; }

    /// <summary>The owner's agency, whose administrators publish the dashboard.</summary>
    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public DashboardStatus Status { get; set; } = DashboardStatus.Draft;

    /// <summary>The tiles and filters as <see cref="DashboardDocument.Write"/> writes them.</summary>
    public string LayoutJson { get; set; } = DashboardDocument.Empty.Write();

    /// <summary>The number of the latest version; a save names the version it started from.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<DashboardVersion> Versions { get; set; } = [];

    /// <summary>Who it is published to; empty while a draft.</summary>
    public List<DashboardAudience> Audience { get; set; } = [];
}

/// <summary>One saved state of a dashboard: what it held, who saved it and when.</summary>
public sealed class DashboardVersion
{
    public int Id { get; set; }

    public int DashboardId { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string LayoutJson { get; set; }

    public string? AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    /// <summary>Why this version exists when it is not a plain save, e.g. restoring version 3.</summary>
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One line of a published dashboard's audience: its agency's users, a role within it, or one named user. The same
/// shape and rule as <see cref="ScenarioAudience"/>, kept as its own table so a dashboard's audience never touches a
/// scenario's.
/// </summary>
public sealed class DashboardAudience
{
    public int Id { get; set; }

    public int DashboardId { get; set; }

    public AudienceKind Kind { get; set; }

    /// <summary>For <see cref="AudienceKind.Agency"/> and <see cref="AudienceKind.Role"/>: the dashboard's agency.</summary>
    public int? AgencyId { get; set; }

    /// <summary>For <see cref="AudienceKind.Role"/>: one of <see cref="Access.Roles"/>.</summary>
    public string? Role { get; set; }

    /// <summary>For <see cref="AudienceKind.User"/>: the user, who may belong to any agency (a leader, say).</summary>
    public string? UserId { get; set; }

    /// <summary>The user's name as it was when published, for the owner's list.</summary>
    public string? UserName { get; set; }

    /// <summary>Whether this line reaches <paramref name="caller"/>; the rule of <see cref="ScenarioAudience.Reaches"/>.</summary>
    public bool Reaches(Access.Caller caller) => Kind switch
    {
        AudienceKind.Agency => caller.AgencyId == AgencyId,
        AudienceKind.Role => caller.AgencyId == AgencyId && caller.Role == Role,
        _ => caller.UserId is not null && caller.UserId == UserId,
    };
}

/// <summary>
/// A dashboard's results frozen for a reporting period (e.g. "Quý III/2026"): the tiles' rows as read then, the filter
/// values used, the data versions read, who and when. Later loads never change it.
/// </summary>
public sealed class DashboardSnapshot
{
    public int Id { get; set; }

    public int DashboardId { get; set; }

    /// <summary>The period's name as people say it, e.g. "Quý III/2026"; unique per dashboard.</summary>
    public required string Period { get; set; }

    /// <summary>The dashboard version whose tiles were frozen.</summary>
    public int DashboardVersion { get; set; }

    public string? AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The frozen results (<see cref="SnapshotContent"/>), as JSON or, when large, gzip of it.</summary>
    public required byte[] Content { get; set; }

    /// <summary>Whether <see cref="Content"/> is gzip-compressed.</summary>
    public bool Compressed { get; set; }
}
