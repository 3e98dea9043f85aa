using Workbench.Core.Catalog;

namespace Workbench.Core.Abstractions;

/// <summary>Where the compiler finds the sources a pipeline names. Infrastructure implements it over the metadata store.</summary>
public interface ISourceCatalog
{
    /// <summary>The dataset with this key, with its columns; null when there is none.</summary>
    Task<Dataset?> FindDatasetAsync(string key, CancellationToken cancellationToken);
}
