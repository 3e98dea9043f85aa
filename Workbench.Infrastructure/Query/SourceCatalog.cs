using Microsoft.EntityFrameworkCore;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Query;

/// <summary>The compiler's view of the metadata store: a dataset with its columns and owner agency, read fresh each time so data versions are current.</summary>
public sealed class SourceCatalog(IDbContextFactory<WorkbenchDbContext> contexts) : ISourceCatalog
{
    public async Task<Dataset?> FindDatasetAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Datasets
            .AsNoTracking()
            .Include(d => d.Columns)
            .Include(d => d.OwnerAgency)
            .SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
    }
}
