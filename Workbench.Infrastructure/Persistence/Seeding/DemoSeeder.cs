using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Infrastructure.Identity;

namespace Workbench.Infrastructure.Persistence.Seeding;

/// <summary>
/// Creates the <see cref="DemoSeed"/> accounts through <see cref="UserManager{TUser}"/> so passwords are hashed
/// and validated like any other. Idempotent: an account that exists is left as it is.
/// </summary>
public sealed partial class DemoSeeder(
    WorkbenchDbContext db,
    UserManager<WorkbenchUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    /// <returns>The number of accounts created.</returns>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            // The migrations seed the roles; this only repairs a database where someone deleted one.
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var created = 0;
        foreach (var account in DemoSeed.Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }
            var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Code == account.AgencyCode, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"Demo account {account.UserName} needs agency {account.AgencyCode}, which is not in the Agencies table.");
            var user = new WorkbenchUser
            {
                UserName = account.UserName,
                FullName = account.FullName,
                AgencyId = agency.Id,
                EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, DemoSeed.Password), $"user {account.UserName}");
            Check(await users.AddToRoleAsync(user, account.Role), $"role of {account.UserName}");
            LogCreated(account.UserName, account.Role, account.AgencyCode);
            created++;
        }
        return created;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo seed could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(LogLevel.Information, "Created demo account {UserName} ({Role}, {AgencyCode})")]
    private partial void LogCreated(string userName, string role, string agencyCode);
}
