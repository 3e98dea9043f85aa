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
