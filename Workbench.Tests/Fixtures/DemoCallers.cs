using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Tests.Fixtures;

/// <summary>The demo accounts as callers, read from the app's metadata store.</summary>
public static class DemoCallers
{
    public static async Task<Caller> CallerAsync(this IServiceProvider services, string userName)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName, ct);
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).SingleAsync(ct);
        return new Caller(user.Id, user.FullName, user.AgencyId, role);
    }
}
