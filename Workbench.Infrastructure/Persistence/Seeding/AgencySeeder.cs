using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Persistence.Seeding;

/// <summary>Fills an empty Agencies table with <see cref="AgencySeed.All"/>; does nothing once any agency exists.</summary>
public sealed partial class AgencySeeder(WorkbenchDbContext db, TimeProvider clock, ILogger<AgencySeeder> logger)
{
    /// <returns>The number of agencies added: 24 on first start, 0 afterwards.</returns>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Agencies.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        db.Agencies.AddRange(AgencySeed.All.Select(entry => new Agency
        {
            Code = entry.Code,
            Name = entry.Name,
            NameEn = entry.NameEn,
            CreatedAt = now,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two nodes starting on an empty database both see no agencies; the unique code lets one insert win.
            db.ChangeTracker.Clear();
            if (await db.Agencies.AnyAsync(cancellationToken))
            {
                return 0;
            }
            throw;
        }
        LogSeeded(AgencySeed.All.Count);
        return AgencySeed.All.Count;
    }

    [LoggerMessage(LogLevel.Information, "Seeded {Count} participating agencies on first start")]
    private partial void LogSeeded(int count);
}
