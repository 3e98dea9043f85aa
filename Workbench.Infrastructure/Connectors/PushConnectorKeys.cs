using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Connectors;

/// <summary>A push connector's current key as its page shows it; never the key itself.</summary>
public sealed record PushKeyInfo(string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>Where a push connector's key pushes (its dataset and mode) and its current key, null when none is active.</summary>
public sealed record PushKeyStatus(string DatasetKey, LoadMode Mode, PushKeyInfo? Key);

/// <summary>Where a push with a connector's key goes: the connector and the load mode it pushes with.</summary>
public sealed record PushTarget(Connector Connector, string DatasetKey, LoadMode Mode);

/// <summary>
/// A push connector's own key (issue 6 item 1c): an agency-system key of the providing agency, bound to the connector,
/// that may push rows to the connector's dataset and do nothing else. The system administrator issues it (a new one
/// revokes the one before); deleting the connector revokes it; pausing the connector only refuses its pushes.
/// </summary>
public sealed class PushConnectorKeys(IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit, TimeProvider time)
{
    /// <summary>A new key for the push connector, returned once; the connector's previous key stops working.</summary>
    public async Task<Result<string>> IssuePushKeyAsync(Caller caller, string connectorKey, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Key == connectorKey, cancellationToken) is not { } connector)
        {
            return ConnectorErrors.NotFound(connectorKey);
        }
        if (connector.Kind != ConnectorKind.Push)
        {
            return PushKeyErrors.NotPush(connector);
        }
        var now = time.GetUtcNow();
        var key = ApiKeys.NewKey();
        var name = Text.Pick("Kết nối «{0}»", "Connector '{0}'", connector.Name);
        var record = new ApiKey
        {
            Name = name.Length <= Access.ApiKeyService.MaxNameLength ? name : name[..Access.ApiKeyService.MaxNameLength],
            Prefix = ApiKeys.PrefixOf(key),
            KeyHash = ApiKeys.Hash(key),
            AgencyId = connector.ProvidingAgencyId,
            // The least role that may load the agency's datasets; the key is refused everywhere but the push anyway.
            Role = Roles.Analyst,
            ConnectorId = connector.Id,
            CreatedAt = now,
        };
        List<string> replaced;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var previous = await db.ApiKeys.Where(k => k.ConnectorId == connector.Id && k.RevokedAt == null).ToListAsync(cancellationToken);
            foreach (var old in previous)
            {
                old.RevokedAt = now;
            }
            replaced = [.. previous.Select(k => k.Prefix)];
            db.ApiKeys.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await audit.WriteAsync(caller, AuditActions.ConnectorKeyIssued, connector.Key,
            new { prefix = record.Prefix, agencyId = record.AgencyId, revoked = replaced }, cancellationToken);
        return key;
    }

    /// <summary>
    /// The push connector's dataset and mode, and its current key (prefix and dates), null when none was issued or the
    /// last one was revoked.
    /// </summary>
    public async Task<Result<PushKeyStatus>> PushKeyAsync(Caller caller, string connectorKey, CancellationToken cancellationToken)
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
                from c in db.Connectors.AsNoTracking()
                join d in db.Datasets on c.DatasetId equals d.Id
                where c.Key == connectorKey
                select new { Connector = c, DatasetKey = d.Key })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ConnectorErrors.NotFound(connectorKey);
        }
        if (found.Connector.Kind != ConnectorKind.Push)
        {
            return PushKeyErrors.NotPush(found.Connector);
        }
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.ConnectorId == found.Connector.Id && k.RevokedAt == null).ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by DateTimeOffset. Issuing keeps one active key; the newest wins if ever two.
        var current = keys.OrderByDescending(k => k.CreatedAt).Select(k => new PushKeyInfo(k.Prefix, k.CreatedAt, k.LastUsedAt)).FirstOrDefault();
        return new PushKeyStatus(found.DatasetKey, found.Connector.Mode.LoadMode(), current);
    }

    /// <summary>
    /// Whether the connector whose key made the request may push to <paramref name="datasetKey"/> with
    /// <paramref name="mode"/> (the <c>mode</c> query value; absent means the connector's own mode).
    /// </summary>
    public async Task<Result<PushTarget>> AuthorizePushAsync(int connectorId, string datasetKey, string? mode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
                from c in db.Connectors.AsNoTracking()
                join d in db.Datasets on c.DatasetId equals d.Id
                where c.Id == connectorId
                select new { Connector = c, DatasetKey = d.Key })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Connector.Kind != ConnectorKind.Push)
        {
            return PushKeyErrors.Unbound();
        }
        var connector = found.Connector;
        if (!string.Equals(found.DatasetKey, datasetKey, StringComparison.Ordinal))
        {
            return PushKeyErrors.OtherDataset(connector, found.DatasetKey, datasetKey);
        }
        if (!connector.IsActive)
        {
            return PushKeyErrors.Paused(connector);
        }
        var own = connector.Mode.LoadMode();
        if (mode is not null && !string.Equals(mode, ModeName(own), StringComparison.OrdinalIgnoreCase))
        {
            return PushKeyErrors.OtherMode(connector, mode, ModeName(own));
        }
        return new PushTarget(connector, found.DatasetKey, own);
    }

    /// <summary>The API's name of a load mode (<c>append</c>, <c>replace</c>, <c>upsert</c>).</summary>
    public static string ModeName(LoadMode mode) => mode.ToString().ToLowerInvariant();
}

/// <summary>The refusals a push connector's key meets, each saying what to do.</summary>
public static class PushKeyErrors
{
    public static Error NotPush(Connector connector) => new(ErrorKind.Invalid, "connector.not-push",
        Text.Pick("Kết nối «{0}» không phải kết nối đẩy dữ liệu nên không có khóa riêng; khóa chỉ cấp cho kết nối loại «Đẩy lên qua API».",
            "Connector '{0}' is not a push connector, so it has no key of its own; keys are issued to push connectors only.", connector.Name));

    public static Error Unbound() => new(ErrorKind.Forbidden, "push-key.unbound",
        Text.Pick("Khóa này thuộc một kết nối đẩy dữ liệu không còn tồn tại hoặc đã đổi loại; hãy nhờ quản trị hệ thống cấp khóa mới.",
            "This key belongs to a push connector that no longer exists or is no longer a push connector; ask the system administrator for a new key."));

    public static Error OtherDataset(Connector connector, string own, string requested) => new(ErrorKind.Forbidden, "push-key.other-dataset",
        Text.Pick("Khóa của kết nối «{0}» chỉ đẩy dữ liệu vào bộ dữ liệu «{1}», không vào «{2}».",
            "The key of connector '{0}' pushes rows to dataset '{1}' only, not to '{2}'.", connector.Name, own, requested));

    public static Error Paused(Connector connector) => new(ErrorKind.Forbidden, "push-key.connector-paused",
        Text.Pick("Kết nối «{0}» đang tạm dừng nên không nhận dữ liệu đẩy lên; khóa vẫn giữ nguyên. Hãy nhờ quản trị hệ thống kích hoạt lại kết nối.",
            "Connector '{0}' is paused, so it takes no pushed rows; its key stays valid. Ask the system administrator to activate the connector again.",
            connector.Name));

    public static Error OtherMode(Connector connector, string requested, string own) => new(ErrorKind.Invalid, "push-key.other-mode",
        Text.Pick("Kết nối «{0}» nạp theo chế độ «{1}», nhưng lần đẩy này yêu cầu «{2}». Hãy bỏ tham số mode hoặc dùng mode={1}.",
            "Connector '{0}' loads with mode '{1}', but this push asks for '{2}'. Leave out the mode parameter or use mode={1}.",
            connector.Name, own, requested));

    public static Error ReadRefused() => new(ErrorKind.Forbidden, "push-key.push-only",
        Text.Pick("Khóa này là khóa riêng của một kết nối đẩy dữ liệu: chỉ dùng để đẩy dòng (POST /api/v1/datasets/{{key}}/rows) vào bộ dữ liệu của kết nối, không đọc hay làm việc khác được.",
            "This key is a push connector's own: it only pushes rows (POST /api/v1/datasets/{{key}}/rows) to the connector's dataset and cannot read or do anything else."));
}
