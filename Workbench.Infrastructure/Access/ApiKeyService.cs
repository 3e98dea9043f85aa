using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Access;

/// <summary>A key just created: the secret is in <see cref="Key"/> and is never available again.</summary>
public sealed record CreatedApiKey(ApiKey Record, string Key);

/// <summary>Creates, checks and revokes API keys. Only SHA-256 hashes are stored.</summary>
public sealed class ApiKeyService(IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<CreatedApiKey> CreateAsync(Caller createdBy, string name, int agencyId, string role, string? userId, CancellationToken cancellationToken)
    {
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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(createdBy, AuditActions.ApiKeyCreated, record.Prefix, new { name, agencyId, role, userId }, cancellationToken);
        return new CreatedApiKey(record, key);
    }

    /// <summary>The active key with this secret, or null. Marks it used.</summary>
    public async Task<ApiKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(ApiKeys.Marker, StringComparison.Ordinal) || key.Length > 200)
        {
            return null;
        }
        var hash = ApiKeys.Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
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

    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow()), cancellationToken);
        return changed > 0;
    }
}
