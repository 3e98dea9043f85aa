using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Setup;

/// <summary>What the first-run page asks for.</summary>
public sealed record SystemAdminRequest(string FullName, string UserName, string Email, string Password, int AgencyId);

/// <summary>
/// First start in Production: until a system administrator exists, every page leads to the setup page.
/// Once one exists the answer is cached: setup never reopens.
/// </summary>
public sealed class SetupService(IServiceScopeFactory scopes)
{
    /// <summary>The operator of the platform (Đ4.2): the Department of Information and Communications.</summary>
    public const string OperatorAgencyCode = "STTTT";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task<bool> NeedsSetupAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return false;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var exists = await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where role.Name == Roles.SystemAdmin
                            select userRole).AnyAsync(cancellationToken);
        _done = exists;
        return !exists;
    }

    /// <summary>The agency that bootstrap keys and the first administrator belong to by default.</summary>
    public async Task<int> OperatorAgencyIdAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Agencies.Where(a => a.Code == OperatorAgencyCode).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken)
            ?? await db.Agencies.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Agency>> AgenciesAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    public async Task<Result<string>> CreateSystemAdminAsync(SystemAdminRequest request, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!await NeedsSetupAsync(cancellationToken))
            {
                return new Error(ErrorKind.Conflict, "setup.done",
                    Text.Pick("Hệ thống đã có quản trị hệ thống. Hãy đăng nhập.", "A system administrator already exists. Sign in instead."));
            }
            using var scope = scopes.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
            var user = new WorkbenchUser
            {
                UserName = request.UserName.Trim(),
                Email = request.Email.Trim(),
                EmailConfirmed = true,
                FullName = request.FullName.Trim(),
                AgencyId = request.AgencyId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var created = await users.CreateAsync(user, request.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, Roles.SystemAdmin);
            }
            if (!created.Succeeded)
            {
                var problems = created.Errors.Select(e => e.Description).ToList();
                return new Error(ErrorKind.Invalid, "setup.invalid", problems[0], problems);
            }
            _done = true;
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.WriteAsync(new Caller(user.Id, user.FullName, user.AgencyId, Roles.SystemAdmin),
                AuditActions.SetupCompleted, user.UserName, null, CancellationToken.None);
            return user.Id;
        }
        finally
        {
            _gate.Release();
        }
    }
}
