using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;

namespace Workbench.Infrastructure.Catalog;

/// <summary>
/// Creates the sample datasets of <see cref="SampleData"/> through the same service as any upload, so demo data
/// exercises the real path. Idempotent: a dataset whose key exists is left alone.
/// </summary>
public sealed partial class SampleDataLoader(DatasetService datasets, WorkbenchDbContext db, ILogger<SampleDataLoader> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var sample in SampleData.All)
        {
            if (await db.Datasets.AnyAsync(d => d.Key == sample.Key, cancellationToken))
            {
                continue;
            }
            var owner = await db.Agencies.SingleAsync(a => a.Code == sample.OwnerAgencyCode, cancellationToken);
            var seeder = new Caller(null, "Dữ liệu mẫu", owner.Id, Roles.SystemAdmin);
            var created = await datasets.CreateAsync(seeder, new NewDataset(
                sample.Key,
                sample.Name,
                owner.Id,
                [.. sample.Columns.Select(c => new NewColumn(c.Name, c.Type, c.IsKey, c.Description))],
                sample.Description,
                sample.CatalogGroup,
                DataClassification.Shared,
                sample.Frequency,
                IsSample: true), cancellationToken);
            if (created.Error is { } error)
            {
                throw new InvalidOperationException($"Sample dataset {sample.Key} could not be created: {error.Message}");
            }
            var loaded = await datasets.LoadAsync(seeder, sample.Key, LoadMode.Append, sample.Rows(), cancellationToken);
            LogLoaded(sample.Key, loaded.Value?.RowCount ?? 0);
        }
    }

    [LoggerMessage(LogLevel.Information, "Loaded sample dataset {Key} with {Rows} rows")]
    private partial void LogLoaded(string key, long rows);
}
