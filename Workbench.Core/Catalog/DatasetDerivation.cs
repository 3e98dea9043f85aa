namespace Workbench.Core.Catalog;

/// <summary>
/// How a derived dataset (Đ4.4) was made: the scenario, its version and the arguments it ran with, and each source
/// dataset at the data version it was read. The dataset page shows it as lineage, and a refresh re-runs it.
/// One per derived dataset; a refresh updates it (the audit log keeps every earlier run).
/// </summary>
public sealed class DatasetDerivation
{
    public int Id { get; set; }

    public int DatasetId { get; set; }

    /// <summary>Null once the scenario is deleted: the lineage stays readable, the dataset can no longer be refreshed.</summary>
    public int? ScenarioId { get; set; }

    public required string ScenarioKey { get; set; }

    public required string ScenarioName { get; set; }

    /// <summary>The scenario version that ran; a refresh re-runs this one unless asked to take the latest.</summary>
    public int ScenarioVersion { get; set; }

    /// <summary>The parameter values the run used, as a JSON object (name → value), so a refresh repeats them.</summary>
    public string ArgumentsJson { get; set; } = "{}";

    public DateTimeOffset RefreshedAt { get; set; }

    public string? RefreshedByUserId { get; set; }

    public required string RefreshedByName { get; set; }

    public List<DerivationSource> Sources { get; set; } = [];
}

/// <summary>A dataset a derivation read, named as it was then, with the data version the run saw.</summary>
public sealed class DerivationSource
{
    public int Id { get; set; }

    public int DerivationId { get; set; }

    /// <summary>Null once the source dataset is deleted.</summary>
    public int? DatasetId { get; set; }

    public required string DatasetKey { get; set; }

    public required string DatasetName { get; set; }

    public required string AgencyName { get; set; }

    public long DataVersion { get; set; }
}
