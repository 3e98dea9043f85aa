using Microsoft.EntityFrameworkCore;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Query;

/// <summary>
/// The compiler's view of the metadata store, read fresh each time: a dataset with its columns and owner agency (so data
/// versions are current), a scenario with its latest saved pipeline (the scenario row holds the latest version's).
/// </summary>
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

    public async Task<Scenario?> FindScenarioAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Scenarios
            .AsNoTracking()
            .Include(s => s.Audience)
            .SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
    }
}
