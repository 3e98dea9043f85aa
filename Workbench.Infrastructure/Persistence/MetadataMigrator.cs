using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Infrastructure.Persistence.Seeding;

namespace Workbench.Infrastructure.Persistence;

/// <summary>Startup steps for the metadata store; call from Program.cs after <c>Build()</c> and before <c>Run()</c>.</summary>
public static class MetadataMigrator
{
    /// <summary>Applies pending migrations of the configured provider, then seeds the agency list if it is empty.</summary>
    public static async Task MigrateMetadataAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        // EF Core takes a database lock around migrations, so several nodes starting together apply them once.
        await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<AgencySeeder>().SeedAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the demo accounts of <see cref="DemoSeed"/> that do not exist yet; call in Development only, after
    /// <see cref="MigrateMetadataAsync"/>. Needs ASP.NET Core Identity registered with <c>AddEntityFrameworkStores&lt;WorkbenchDbContext&gt;()</c>.
    /// </summary>
    /// <returns>The number of accounts created.</returns>
    public static async Task<int> SeedDemoAccountsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(cancellationToken);
    }
}
