using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Administration;

/// <summary>Where an account stands: it can sign in, an administrator turned it off, or too many wrong passwords paused it.</summary>
public enum UserStatus
{
    Active,
    Disabled,
    LockedOut,
}

/// <summary>An account as the user list shows it.</summary>
/// <param name="AgencyName">In the current UI language.</param>
/// <param name="LastSignInAt">The last successful sign-in the audit log recorded, or null.</param>
/// <param name="MustChangePassword">Still holds an administrator-set password.</param>
public sealed record UserSummary(
    string Id,
    string UserName,
    string FullName,
    string? Email,
    int AgencyId,
    string AgencyName,
    string Role,
    UserStatus Status,
    DateTimeOffset? LockoutEnd,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    bool MustChangePassword);

/// <summary>Which accounts the list shows; null or blank means any.</summary>
/// <param name="Search">Part of the full name or the user name.</param>
public sealed record UserFilter(int? AgencyId = null, string? Role = null, UserStatus? Status = null, string? Search = null);

/// <summary>An account to create. An agency administrator's accounts always go to their own agency.</summary>
public sealed record NewUser(string UserName, string FullName, string? Email, int AgencyId, string Role);

/// <summary>A temporary password just set: shown once, then only its hash is kept.</summary>
public sealed record IssuedPassword(UserSummary User, string TemporaryPassword);

/// <summary>An agency an account may belong to, as a picker shows it.</summary>
public sealed record UserAgency(int Id, string Name);

/// <summary>
/// User accounts (Người dùng): list, create with a temporary password, reset it, disable and enable, unlock, change
/// the role, move to another agency, and a user's own password change. Who may do what is
/// <see cref="UserAdministration"/>'s rule. A change that takes rights away or replaces the password renews the
/// security stamp, so sessions opened before it end. Each change writes one audit entry with before and after.
/// </summary>
/// <remarks>
/// A singleton like the other application services; Identity's <see cref="UserManager{TUser}"/> is scoped, so each
/// call opens its own scope.
/// </remarks>
public sealed class UserAdministrationService(
    IServiceScopeFactory scopes,
    IDbContextFactory<WorkbenchDbContext> contexts,
    AuditLog audit,
    TimeProvider time)
{
    public const int MaxUserNameLength = 64;
    public const int MaxFullNameLength = 256;
    public const int MaxEmailLength = 256;

    private static readonly CompareInfo Vietnamese = new CultureInfo("vi-VN").CompareInfo;

    /// <summary>The accounts the caller may manage that match <paramref name="filter"/>, by full name.</summary>
    public async Task<Result<IReadOnlyList<UserSummary>>> ListAsync(Caller caller, UserFilter filter, CancellationToken cancellationToken)
    {
        if (!UserAdministration.CanManageAny(caller))
        {
            return UserErrors.NoManageRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!caller.IsSystemAdmin)
        {
            users = users.Where(u => u.AgencyId == caller.AgencyId);
        }
        else if (filter.AgencyId is { } agencyId)
        {
            users = users.Where(u => u.AgencyId == agencyId);
        }
        var summaries = await SummariesAsync(db, users, cancellationToken);
        var search = filter.Search?.Trim();
        return summaries
            .Where(u => string.IsNullOrEmpty(filter.Role) || u.Role == filter.Role)
            .Where(u => filter.Status is null || u.Status == filter.Status)
            .Where(u => string.IsNullOrEmpty(search)
                        || Vietnamese.IndexOf(u.FullName, search, CompareOptions.IgnoreCase) >= 0
                        || Vietnamese.IndexOf(u.UserName, search, CompareOptions.IgnoreCase) >= 0)
            .OrderBy(u => u.FullName, StringComparer.Create(new CultureInfo("vi-VN"), ignoreCase: true))
            .ToList();
    }

    /// <summary>The active agencies the caller may put accounts in: all for a system administrator, their own otherwise.</summary>
    public async Task<IReadOnlyList<UserAgency>> ListAgenciesAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).ToListAsync(cancellationToken);
        var english = Text.IsEnglish;
        return [.. agencies
            .Where(a => UserAdministration.CanManage(caller, a.Id))
            .Select(a => new UserAgency(a.Id, (english ? a.NameEn : null) ?? a.Name))
            .OrderBy(a => a.Name, StringComparer.Create(new CultureInfo("vi-VN"), ignoreCase: true))];
    }

    /// <summary>A new account with a temporary password it must replace at first sign-in; the password is returned once.</summary>
    public async Task<Result<IssuedPassword>> CreateAsync(Caller caller, NewUser request, CancellationToken cancellationToken)
    {
        var agencyId = caller.IsSystemAdmin ? request.AgencyId : caller.AgencyId;
        if (UserAdministration.CreateRefusal(caller, agencyId, request.Role) is { } refusal)
        {
            return refusal;
        }
        var userName = request.UserName.Trim();
        var fullName = request.FullName.Trim();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var problems = new List<string>();
        if (userName.Length == 0 || userName.Length > MaxUserNameLength)
        {
            problems.Add(Text.Pick("Hãy nhập tên đăng nhập (tối đa {0} ký tự), ví dụ nguyenvan.a.", "Enter a user name (at most {0} characters), e.g. nguyenvan.a.", MaxUserNameLength));
        }
        if (fullName.Length == 0 || fullName.Length > MaxFullNameLength)
        {
            problems.Add(Text.Pick("Hãy nhập họ và tên (tối đa {0} ký tự).", "Enter the full name (at most {0} characters).", MaxFullNameLength));
        }
        if (email is not null && (email.Length > MaxEmailLength || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal)))
        {
            problems.Add(Text.Pick("Địa chỉ thư điện tử «{0}» không hợp lệ; hãy sửa hoặc để trống.", "Email address '{0}' is not valid; fix it or leave it empty.", email));
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId && a.IsActive, cancellationToken))
        {
            problems.Add(Text.Pick("Cơ quan (mã {0}) không tồn tại hoặc đã ngừng hoạt động; hãy chọn cơ quan khác.",
                "Agency {0} does not exist or is no longer active; choose another.", agencyId));
        }
        if (userName.Length > 0 && await users.FindByNameAsync(userName) is not null)
        {
            problems.Add(Text.Pick("Tên đăng nhập «{0}» đã có người dùng. Hãy chọn tên khác.", "User name '{0}' is taken. Choose another.", userName));
        }
        if (problems.Count > 0)
        {
            return UserErrors.Invalid(problems);
        }

        var password = TemporaryPasswords.New();
        var user = new WorkbenchUser
        {
            UserName = userName,
            FullName = fullName,
            Email = email,
            EmailConfirmed = email is not null,
            AgencyId = agencyId,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return UserErrors.Invalid([.. created.Errors.Select(e => e.Description)]);
            }
            Check(await users.AddToRoleAsync(user, request.Role));
            await transaction.CommitAsync(CancellationToken.None);
        }
        var summary = await SummaryAsync(user.Id, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.UserCreated, userName,
            new { after = new { userName, fullName, email, agencyId, role = request.Role, mustChangePassword = true } }, CancellationToken.None);
        return new IssuedPassword(summary, password);
    }

    /// <summary>Replaces the password with a new temporary one (returned once), clears a lockout, and ends the user's sessions.</summary>
    public async Task<Result<IssuedPassword>> ResetPasswordAsync(Caller caller, string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var found = await FindAsync(users, userId);
        if (found.Error is { } error)
        {
            return error;
        }
        var (user, managed) = found.Value;
        if (UserAdministration.ResetPasswordRefusal(caller, managed) is { } refusal)
        {
            return refusal;
        }
        var before = new { mustChangePassword = user.MustChangePassword, lockedOut = IsLockedOut(user) };
        var password = TemporaryPasswords.New();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return UserErrors.Invalid([.. reset.Errors.Select(e => e.Description)]);
        }
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.WriteAsync(caller, AuditActions.UserPasswordReset, user.UserName,
            new { before, after = new { mustChangePassword = true, lockedOut = false } }, CancellationToken.None);
        return new IssuedPassword(await SummaryAsync(user.Id, cancellationToken), password);
    }

    /// <summary>Turns the account off: it can no longer sign in, and its open sessions end.</summary>
    public Task<Result<UserSummary>> DisableAsync(Caller caller, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, AuditActions.UserDisabled, cancellationToken, async (users, db, user, managed) =>
        {
            if (UserAdministration.DisableRefusal(caller, managed, await ActiveSystemAdminsAsync(users)) is { } refusal)
            {
                return refusal;
            }
            if (user.IsDisabled)
            {
                return UserErrors.AlreadyDisabled(managed.UserName);
            }
            user.IsDisabled = true;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            return new { before = new { isDisabled = false }, after = new { isDisabled = true } };
        });

    /// <summary>Turns a disabled account back on.</summary>
    public Task<Result<UserSummary>> EnableAsync(Caller caller, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, AuditActions.UserEnabled, cancellationToken, async (users, db, user, managed) =>
        {
            if (UserAdministration.ManageRefusal(caller, managed) is { } refusal)
            {
                return refusal;
            }
            if (!user.IsDisabled)
            {
                return UserErrors.NotDisabled(managed.UserName);
            }
            user.IsDisabled = false;
            Check(await users.UpdateAsync(user));
            return new { before = new { isDisabled = true }, after = new { isDisabled = false } };
        });

    /// <summary>Ends a lockout after too many wrong passwords, so the user may try again at once.</summary>
    public Task<Result<UserSummary>> UnlockAsync(Caller caller, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, AuditActions.UserUnlocked, cancellationToken, async (users, db, user, managed) =>
        {
            if (UserAdministration.ManageRefusal(caller, managed) is { } refusal)
            {
                return refusal;
            }
            if (!IsLockedOut(user))
            {
                return UserErrors.NotLockedOut(managed.UserName);
            }
            var lockoutEnd = user.LockoutEnd;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            Check(await users.UpdateAsync(user));
            return new { before = new { lockoutEnd }, after = new { lockoutEnd = (DateTimeOffset?)null } };
        });

    /// <summary>Gives the account <paramref name="role"/> in place of its current one (every account holds exactly one).</summary>
    public Task<Result<UserSummary>> ChangeRoleAsync(Caller caller, string userId, string role, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, AuditActions.UserRoleChanged, cancellationToken, async (users, db, user, managed) =>
        {
            if (UserAdministration.RoleChangeRefusal(caller, managed, role, await ActiveSystemAdminsAsync(users)) is { } refusal)
            {
                return refusal;
            }
            if (managed.Role == role)
            {
                return UserErrors.SameRole(managed.UserName);
            }
            var current = await users.GetRolesAsync(user);
            Check(await users.RemoveFromRolesAsync(user, current));
            Check(await users.AddToRoleAsync(user, role));
            Check(await users.UpdateSecurityStampAsync(user));
            return new { before = new { role = managed.Role }, after = new { role } };
        });

    /// <summary>Moves the account to another active agency (system administrators only); its sessions end.</summary>
    public Task<Result<UserSummary>> MoveAsync(Caller caller, string userId, int agencyId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, userId, AuditActions.UserAgencyChanged, cancellationToken, async (users, db, user, managed) =>
        {
            if (UserAdministration.MoveRefusal(caller, managed, agencyId) is { } refusal)
            {
                return refusal;
            }
            if (!await db.Agencies.AnyAsync(a => a.Id == agencyId && a.IsActive, cancellationToken))
            {
                return UserErrors.AgencyUnavailable(agencyId);
            }
            user.AgencyId = agencyId;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            return new { before = new { agencyId = managed.AgencyId }, after = new { agencyId } };
        });

    /// <summary>
    /// The signed-in user replaces their password: the current one must be right, the new one must meet the policy and
    /// differ from the current one. Clears the forced change; the caller then renews their sign-in cookie.
    /// </summary>
    public async Task<Result<bool>> ChangeOwnPasswordAsync(Caller caller, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = caller.UserId is null ? null : await users.FindByIdAsync(caller.UserId);
        if (user is null || user.IsDisabled)
        {
            return UserErrors.NotFound(caller.UserId ?? "?");
        }
        if (currentPassword == newPassword)
        {
            return UserErrors.Invalid([Text.Pick("Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one.")]);
        }
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return UserErrors.Invalid([.. changed.Errors.Select(e => e.Description)]);
        }
        var wasForced = user.MustChangePassword;
        user.MustChangePassword = false;
        Check(await users.UpdateAsync(user));
        await audit.WriteAsync(caller, AuditActions.UserPasswordChanged, user.UserName,
            new { before = new { mustChangePassword = wasForced }, after = new { mustChangePassword = false } }, CancellationToken.None);
        return true;
    }

    private async Task<Result<UserSummary>> ChangeAsync(
        Caller caller,
        string userId,
        string action,
        CancellationToken cancellationToken,
        Func<UserManager<WorkbenchUser>, WorkbenchDbContext, WorkbenchUser, ManagedUser, Task<Result<object>>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var found = await FindAsync(users, userId);
        if (found.Error is { } error)
        {
            return error;
        }
        var (user, managed) = found.Value;
        Result<object> details;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            details = await change(users, db, user, managed);
            if (details.Error is not null)
            {
                return details.Error;
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        await audit.WriteAsync(caller, action, user.UserName, details.Value, CancellationToken.None);
        return await SummaryAsync(user.Id, cancellationToken);
    }

    private static async Task<Result<(WorkbenchUser User, ManagedUser Managed)>> FindAsync(UserManager<WorkbenchUser> users, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserErrors.NotFound(userId);
        }
        var roles = await users.GetRolesAsync(user);
        return (user, new ManagedUser(user.Id, user.UserName ?? "", user.AgencyId, MainRole(roles), user.IsDisabled));
    }

    private static async Task<int> ActiveSystemAdminsAsync(UserManager<WorkbenchUser> users) =>
        (await users.GetUsersInRoleAsync(Roles.SystemAdmin)).Count(u => !u.IsDisabled);

    private async Task<UserSummary> SummaryAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await SummariesAsync(db, db.Users.AsNoTracking().Where(u => u.Id == userId), cancellationToken)).Single();
    }

    private async Task<List<UserSummary>> SummariesAsync(WorkbenchDbContext db, IQueryable<WorkbenchUser> users, CancellationToken cancellationToken)
    {
        var rows = await users
            .Join(db.Agencies, u => u.AgencyId, a => a.Id, (u, a) => new { User = u, a.Name, a.NameEn })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.User.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? "");
        // Sign-ins are on the record already; the newest per user is the last sign-in.
        var signIns = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.Action == AuditActions.SignIn && e.UserId != null && ids.Contains(e.UserId))
                .GroupBy(e => e.UserId!)
                .Select(g => new { UserId = g.Key, At = g.Max(e => e.At) })
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.UserId, s => s.At);
        var english = Text.IsEnglish;
        return [.. rows.Select(r => new UserSummary(
            r.User.Id,
            r.User.UserName ?? "",
            r.User.FullName,
            r.User.Email,
            r.User.AgencyId,
            (english ? r.NameEn : null) ?? r.Name,
            MainRole([.. roles[r.User.Id]]),
            r.User.IsDisabled ? UserStatus.Disabled : IsLockedOut(r.User) ? UserStatus.LockedOut : UserStatus.Active,
            r.User.LockoutEnd,
            r.User.CreatedAt,
            signIns.TryGetValue(r.User.Id, out var at) ? at : null,
            r.User.MustChangePassword))];
    }

    private bool IsLockedOut(WorkbenchUser user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    // Every account holds one role; should a database hold more, the highest one is what the account can do.
    private static string MainRole(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet();
        return Roles.All.FirstOrDefault(held.Contains) ?? Roles.Viewer;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused a user change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}

/// <summary>The expected failures of <see cref="UserAdministrationService"/>, in the current UI language.</summary>
public static class UserErrors
{
    public static Error NoManageRight() => new(ErrorKind.Forbidden, "user.no-manage-right", Text.Pick(
        "Chỉ quản trị cơ quan (cho cơ quan của mình) và quản trị hệ thống được quản lý người dùng.",
        "Only agency administrators (for their own agency) and system administrators may manage users."));

    public static Error NotFound(string id) => new(ErrorKind.NotFound, "user.not-found", Text.Pick(
        "Không tìm thấy người dùng (mã {0}); có thể danh sách đã cũ, hãy tải lại trang.",
        "User {0} was not found; the list may be out of date, reload the page.", id));

    public static Error Invalid(IReadOnlyList<string> problems) => new(ErrorKind.Invalid, "user.invalid", Text.Pick(
        "Thông tin người dùng chưa hợp lệ: {0}", "The user's details are not valid: {0}", string.Join(" ", problems)), problems);

    public static Error AlreadyDisabled(string userName) => new(ErrorKind.Conflict, "user.already-disabled", Text.Pick(
        "Tài khoản «{0}» đã bị vô hiệu hóa.", "'{0}' is already disabled.", userName));

    public static Error NotDisabled(string userName) => new(ErrorKind.Conflict, "user.not-disabled", Text.Pick(
        "Tài khoản «{0}» đang hoạt động.", "'{0}' is already active.", userName));

    public static Error NotLockedOut(string userName) => new(ErrorKind.Conflict, "user.not-locked-out", Text.Pick(
        "Tài khoản «{0}» không bị tạm khóa.", "'{0}' is not locked out.", userName));

    public static Error SameRole(string userName) => new(ErrorKind.Conflict, "user.same-role", Text.Pick(
        "Người dùng «{0}» đã có vai trò này.", "'{0}' already has this role.", userName));

    public static Error AgencyUnavailable(int agencyId) => new(ErrorKind.Invalid, "user.agency-unavailable", Text.Pick(
        "Cơ quan (mã {0}) không tồn tại hoặc đã ngừng hoạt động; hãy chọn cơ quan khác.",
        "Agency {0} does not exist or is no longer active; choose another.", agencyId));
}
