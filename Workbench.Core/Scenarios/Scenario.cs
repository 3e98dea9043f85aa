using Workbench.Core.Catalog;

namespace Workbench.Core.Scenarios;

/// <summary>Whether a scenario is still being built or has been published to its audience.</summary>
public enum ScenarioStatus
{
    Draft,
    Published,
}

/// <summary>
/// A scenario (Kịch bản phân tích): a saved pipeline with its visuals and the designer's parameter settings.
/// Every save is a <see cref="ScenarioVersion"/>; the scenario row holds the latest.
/// </summary>
public sealed class Scenario
{
    public int Id { get; set; }

    /// <summary>The slug pipelines use as <c>{ "scenario": key }</c> and the URL shows; unique, same rules as a dataset key.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string OwnerUserId { get; set; }

    public int OwnerAgencyId { get; set; }

    public Agency? OwnerAgency { get; set; }

    public ScenarioStatus Status { get; set; } = ScenarioStatus.Draft;

    /// <summary>The pipeline in PIPELINE.md's format, its parameters included.</summary>
    public required string PipelineJson { get; set; }

    /// <summary>The visuals as <see cref="ScenarioDocument"/> writes them.</summary>
    public string VisualsJson { get; set; } = "[]";

    /// <summary>The designer's settings per parameter (label, allowed values) as <see cref="ScenarioDocument"/> writes them.</summary>
    public string ParameterSettingsJson { get; set; } = "[]";

    /// <summary>The number of the latest version; a save names the version it started from, so two editors cannot overwrite each other.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ScenarioVersion> Versions { get; set; } = [];

    /// <summary>Who it is published to; empty while a draft.</summary>
    public List<ScenarioAudience> Audience { get; set; } = [];
}

/// <summary>One saved state of a scenario: what it held, who saved it and when.</summary>
public sealed class ScenarioVersion
{
    public int Id { get; set; }

    public int ScenarioId { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string PipelineJson { get; set; }

    public string VisualsJson { get; set; } = "[]";

    public string ParameterSettingsJson { get; set; } = "[]";

    public string? AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    /// <summary>Why this version exists when it is not a plain save, e.g. restoring version 3.</summary>
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who a published scenario reaches: its agency's users, one role within that agency, or one named user.</summary>
public enum AudienceKind
{
    Agency,
    Role,
    User,
}

/// <summary>One line of a published scenario's audience (Đ5.2: agency admins publish scenarios to their users).</summary>
public sealed class ScenarioAudience
{
    public int Id { get; set; }

    public int ScenarioId { get; set; }

    public AudienceKind Kind { get; set; }

    /// <summary>For <see cref="AudienceKind.Agency"/> and <see cref="AudienceKind.Role"/>: the scenario's agency.</summary>
    public int? AgencyId { get; set; }

    /// <summary>For <see cref="AudienceKind.Role"/>: one of <see cref="Access.Roles"/>.</summary>
    public string? Role { get; set; }

    /// <summary>For <see cref="AudienceKind.User"/>: the user, who may belong to any agency (a leader, say).</summary>
    public string? UserId { get; set; }

    /// <summary>The user's name as it was when published, for the owner's list.</summary>
    public string? UserName { get; set; }

    /// <summary>Whether this line reaches <paramref name="caller"/>.</summary>
    public bool Reaches(Access.Caller caller) => Kind switch
    {
        AudienceKind.Agency => caller.AgencyId == AgencyId,
        AudienceKind.Role => caller.AgencyId == AgencyId && caller.Role == Role,
        _ => caller.UserId is not null && caller.UserId == UserId,
    };
}
