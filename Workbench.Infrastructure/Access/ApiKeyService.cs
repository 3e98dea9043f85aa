using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Access;

/// <summary>A key just created: the secret is in <see cref="Key"/> and is never available again.</summary>
public sealed record CreatedApiKey(ApiKey Record, string Key);

/// <summary>A key as the key list shows it; never the secret or its hash.</summary>
/// <param name="AgencyName">In the current UI language.</param>
public sealed record ApiKeySummary(
    int Id,
    string Name,
    string Prefix,
    int AgencyId,
    string AgencyName,
    string Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>An agency the caller may create keys for.</summary>
public sealed record ApiKeyAgency(int Id, string Name);

/// <summary>
/// Creates, lists, checks and revokes API keys. Only SHA-256 hashes are stored; who may do what is decided by
/// <see cref="ApiKeyAccess"/>.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 128;

    /// <summary>The keys the caller may manage: all for a system administrator, the own agency's for an agency administrator.</summary>
    public async Task<Result<IReadOnlyList<ApiKeySummary>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!ApiKeyAccess.CanManageAny(caller))
        {
            return ApiKeyErrors.NoManageRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = db.ApiKeys.AsNoTracking();
        if (!caller.IsSystemAdmin)
        {
            keys = keys.Where(k => k.AgencyId == caller.AgencyId);
        }
        var english = Text.IsEnglish;
        var rows = await keys
            .Join(db.Agencies, k => k.AgencyId, a => a.Id, (k, a) => new { Key = k, a.Name, a.NameEn })
            .ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by DateTimeOffset.
        return rows
            .Select(r => new ApiKeySummary(r.Key.Id, r.Key.Name, r.Key.Prefix, r.Key.AgencyId,
                (english ? r.NameEn : null) ?? r.Name, r.Key.Role, r.Key.CreatedAt, r.Key.LastUsedAt, r.Key.RevokedAt))
            .OrderBy(k => k.IsActive ? 0 : 1)
            .ThenByDescending(k => k.CreatedAt)
            .ToList();
    }

    /// <summary>The agencies the caller may create keys for, by name.</summary>
    public async Task<IReadOnlyList<ApiKeyAgency>> ListAgenciesAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive || a.Id == caller.AgencyId).ToListAsync(cancellationToken);
        var english = Text.IsEnglish;
        return [.. agencies
            .Where(a => ApiKeyAccess.CanManage(caller, a.Id))
            .Select(a => new ApiKeyAgency(a.Id, (english ? a.NameEn : null) ?? a.Name))
            .OrderBy(a => a.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), ignoreCase: true))];
    }

    /// <summary>A new key of <paramref name="agencyId"/> acting as <paramref name="role"/>; the secret is returned once.</summary>
    public async Task<Result<CreatedApiKey>> CreateAsync(Caller caller, string name, int agencyId, string role, string? userId, CancellationToken cancellationToken)
    {
        if (!ApiKeyAccess.CanManage(caller, agencyId))
        {
            return ApiKeyErrors.NoManageRight();
        }
        if (!Roles.All.Contains(role))
        {
            return ApiKeyErrors.UnknownRole(role);
        }
        if (!ApiKeyAccess.CanCreate(caller, agencyId, role))
        {
            return ApiKeyErrors.RoleTooHigh(role);
        }
        name = name.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return ApiKeyErrors.BadName();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, cancellationToken))
        {
            return new Error(ErrorKind.Invalid, "agency.not-found",
                Text.Pick("Không tìm thấy cơ quan (mã {0}).", "Agency {0} was not found.", agencyId));
        }

        var key = ApiKeys.NewKey();
        var record = new ApiKey
        {
            Name = name,
            Prefix = ApiKeys.PrefixOf(key),
            KeyHash = ApiKeys.Hash(key),
            AgencyId = agencyId,
            UserId = userId,
            Role = role,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ApiKeyCreated, record.Prefix, new { name, agencyId, role, userId }, cancellationToken);
        return new CreatedApiKey(record, key);
    }

    /// <summary>The active key with this secret, of an active agency, or null. Marks it used.</summary>
    public async Task<ApiKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(ApiKeys.Marker, StringComparison.Ordinal) || key.Length > 200)
        {
            return null;
        }
        var hash = ApiKeys.Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A deactivated agency's keys stop with it; they work again if it is reactivated.
        var record = await db.ApiKeys.SingleOrDefaultAsync(
            k => k.KeyHash == hash && k.RevokedAt == null && db.Agencies.Any(a => a.Id == k.AgencyId && a.IsActive), cancellationToken);
        if (record is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        // Write the last-used time at most once a minute: a busy integration must not turn every read into a write.
        if (record.LastUsedAt is null || now - record.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            record.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return record;
    }

    /// <summary>Stops the key from authenticating. True when it was revoked now, false when it already was.</summary>
    public async Task<Result<bool>> RevokeAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return ApiKeyErrors.NotFound(id);
        }
        if (!ApiKeyAccess.CanManage(caller, key.AgencyId))
        {
            return ApiKeyErrors.NoManageRight();
        }
        var changed = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow()), cancellationToken);
        if (changed == 0)
        {
            return false;
        }
        await audit.WriteAsync(caller, AuditActions.ApiKeyRevoked, key.Prefix, new { key.Name, key.AgencyId, key.Role }, cancellationToken);
        return true;
    }
}

/// <summary>The expected failures of <see cref="ApiKeyService"/>, in the current UI language.</summary>
public static class ApiKeyErrors
{
    public static Error NotFound(int id) => new(ErrorKind.NotFound, "api-key.not-found",
        Text.Pick("Không tìm thấy khóa API (mã {0}).", "API key {0} was not found.", id));

    public static Error NoManageRight() => new(ErrorKind.Forbidden, "api-key.no-manage-right",
        Text.Pick("Chỉ quản trị cơ quan (cho cơ quan của mình) và quản trị hệ thống được quản lý khóa API.",
            "Only agency administrators (for their own agency) and system administrators may manage API keys."));

    public static Error RoleTooHigh(string role) => new(ErrorKind.Forbidden, "api-key.role-too-high",
        Text.Pick("Khóa API không được có quyền cao hơn người tạo: bạn không thể tạo khóa với vai trò «{0}». Hãy nhờ quản trị hệ thống.",
            "An API key may not have more rights than its creator: you cannot create a key with role '{0}'. Ask a system administrator.", role));

    public static Error UnknownRole(string role) => new(ErrorKind.Invalid, "api-key.unknown-role",
        Text.Pick("Vai trò «{0}» không tồn tại; hãy chọn một trong: {1}.", "Role '{0}' does not exist; choose one of: {1}.",
            role, string.Join(", ", Roles.All)));

    public static Error BadName() => new(ErrorKind.Invalid, "api-key.bad-name",
        Text.Pick("Hãy đặt tên cho khóa (tối đa {0} ký tự), ví dụ tên hệ thống sẽ dùng khóa.",
            "Give the key a name (at most {0} characters), e.g. the system that will use it.", ApiKeyService.MaxNameLength));
}
