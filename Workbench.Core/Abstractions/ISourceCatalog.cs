using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;

namespace Workbench.Core.Abstractions;

/// <summary>Where the compiler finds the sources a pipeline names. Infrastructure implements it over the metadata store.</summary>
public interface ISourceCatalog
{
    /// <summary>The dataset with this key, with its columns; null when there is none.</summary>
    Task<Dataset?> FindDatasetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// The saved scenario with this key, read fresh: its latest saved pipeline (<see cref="Scenario.PipelineJson"/>), its
    /// owner, owner agency and status (what <see cref="ScenarioAccess"/> decides on); no versions. Null when there is none.
    /// </summary>
    Task<Scenario?> FindScenarioAsync(string key, CancellationToken cancellationToken);
}
