using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Core.Query.Compilation;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Dashboards;

/// <summary>A snapshot as lists show it.</summary>
public sealed record SnapshotSummary(int Id, string Period, int DashboardVersion, string AuthorName, DateTimeOffset CreatedAt);

/// <summary>A snapshot with what it froze.</summary>
public sealed record SnapshotView(SnapshotSummary Summary, SnapshotContent Content);

/// <summary>
/// Period snapshots (issue 7, item 8): a dashboard's tile results frozen for a reporting period with the filter values,
/// the data versions read, who and when; stored in metadata, so later loads never change them; compared with the live
/// figures tile by tile. A snapshot holds rows read with its author's rights, so someone else sees a frozen tile only
/// when they may now read every dataset behind it whole (no row filter, no masked column); otherwise the tile shows
/// <see cref="TileState.NoAccess"/>.
/// </summary>
public sealed class DashboardSnapshots(
    IDbContextFactory<WorkbenchDbContext> contexts,
    DashboardService dashboards,
    DashboardRunner runner,
    DatasetService datasets,
    GrantService grants,
    AuditLog audit,
    IOptions<DashboardOptions> options,
    TimeProvider time)
{
    public const int MaxPeriodLength = 128;

    /// <summary>Content larger than this is stored gzip-compressed.</summary>
    public const int CompressAbove = 32 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs the dashboard with <paramref name="filterValues"/> now and freezes every scenario tile's result as <paramref name="period"/>.</summary>
    public async Task<Result<SnapshotSummary>> TakeAsync(
        Caller caller, string key, string period, IReadOnlyDictionary<string, string> filterValues, CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var dashboard = found.Value!;
        if (!DashboardAccess.CanSnapshot(caller, dashboard))
        {
            return DashboardErrors.NoEditRight(dashboard);
        }
        if (string.IsNullOrWhiteSpace(period) || period.Trim().Length > MaxPeriodLength)
        {
            return DashboardErrors.BadPeriod();
        }
        period = period.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.DashboardSnapshots.AnyAsync(s => s.DashboardId == dashboard.Id && s.Period == period, cancellationToken))
        {
            return DashboardErrors.PeriodTaken(period);
        }
        var run = await runner.RunAsync(caller, key, filterValues, [], cancellationToken);
        if (run.Error is { } runError)
        {
            return runError;
        }
        var content = new SnapshotContent(new Dictionary<string, string>(filterValues), [.. run.Value!.Tiles.Select(t => Freeze(run.Value.Document, t))]);
        var (bytes, compressed) = Encode(content);
        var snapshot = new DashboardSnapshot
        {
            DashboardId = dashboard.Id,
            Period = period,
            DashboardVersion = run.Value.Dashboard.Version,
            AuthorUserId = caller.UserId,
            AuthorName = caller.DisplayName,
            CreatedAt = time.GetUtcNow(),
            Content = bytes,
            Compressed = compressed,
        };
        db.DashboardSnapshots.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return DashboardErrors.PeriodTaken(period); // another snapshot of the same period won the race
        }
        await audit.WriteAsync(caller, AuditActions.DashboardSnapshotTaken, key, new
        {
            period,
            filterValues,
            bytes = bytes.Length,
            datasets = content.Tiles.SelectMany(t => t.Sources).DistinctBy(s => s.Key).Select(s => new { s.Key, s.DataVersion }),
        }, CancellationToken.None);
        return Summary(snapshot);
    }

    /// <summary>The dashboard's snapshots, newest first.</summary>
    public async Task<Result<IReadOnlyList<SnapshotSummary>>> ListAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshots = await db.DashboardSnapshots.AsNoTracking()
            .Where(s => s.DashboardId == found.Value!.Id)
            .Select(s => new SnapshotSummary(s.Id, s.Period, s.DashboardVersion, s.AuthorName, s.CreatedAt))
            .ToListAsync(cancellationToken);
        return snapshots.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).ToList();
    }

    /// <summary>One snapshot as frozen, its tiles limited to what the caller may read whole now.</summary>
    public async Task<Result<SnapshotView>> GetAsync(Caller caller, string key, int id, CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.DashboardSnapshots.AsNoTracking()
            .SingleOrDefaultAsync(s => s.DashboardId == found.Value!.Id && s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return DashboardErrors.NoSuchSnapshot(found.Value!, id);
        }
        var content = Decode(snapshot.Content, snapshot.Compressed);
        if (caller.UserId != snapshot.AuthorUserId)
        {
            content = content with { Tiles = await LimitAsync(caller, content.Tiles, cancellationToken) };
        }
        return new SnapshotView(Summary(snapshot), content);
    }

    public async Task<Result<bool>> DeleteAsync(Caller caller, string key, int id, CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        if (!DashboardAccess.CanSnapshot(caller, found.Value!))
        {
            return DashboardErrors.NoEditRight(found.Value!);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.DashboardSnapshots.SingleOrDefaultAsync(s => s.DashboardId == found.Value!.Id && s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return DashboardErrors.NoSuchSnapshot(found.Value!, id);
        }
        db.DashboardSnapshots.Remove(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.DashboardSnapshotDeleted, key,
            new { snapshot.Period, snapshot.AuthorName, snapshot.CreatedAt }, CancellationToken.None);
        return true;
    }

    /// <summary>The snapshot against the live figures (the dashboard run now with the snapshot's filter values), tile by tile.</summary>
    public async Task<Result<IReadOnlyList<TileComparison>>> CompareAsync(Caller caller, string key, int id, CancellationToken cancellationToken)
    {
        var view = await GetAsync(caller, key, id, cancellationToken);
        if (view.Error is { } error)
        {
            return error;
        }
        var then = view.Value!.Content;
        var live = await runner.RunAsync(caller, key, then.FilterValues, [], cancellationToken);
        if (live.Error is { } liveError)
        {
            return liveError;
        }
        var now = live.Value!.Tiles.Select(t => Freeze(live.Value.Document, t)).ToList();
        return SnapshotComparison.Compare(live.Value.Document, then, now).ToList();
    }

    private SnapshotTile Freeze(DashboardDocument document, TileResult tile)
    {
        var title = document.Tile(tile.TileId)?.Title ?? tile.TileId;
        var message = tile.Truncated
            ? Text.Pick("Ảnh chụp chỉ giữ {0} dòng đầu của ô này; kết quả đầy đủ có nhiều dòng hơn.",
                "The snapshot keeps only the first {0} rows of this tile; the full result has more.", options.Value.MaxTileRows)
            : tile.Message;
        return new SnapshotTile(tile.TileId, title, tile.State, message, tile.Columns, tile.Rows, tile.Truncated,
            [.. tile.Freshness.Select(f => new TileSource(f.Key, f.Name, f.OwnerAgency, f.DataVersion, f.LastLoadedAt))]);
    }

    private async Task<IReadOnlyList<SnapshotTile>> LimitAsync(Caller caller, IReadOnlyList<SnapshotTile> tiles, CancellationToken cancellationToken)
    {
        var access = AccessContext.For(caller, await grants.ForCallerAsync(caller, cancellationToken), AccessPurpose.Query);
        var whole = new Dictionary<string, bool>(StringComparer.Ordinal);
        var limited = new List<SnapshotTile>();
        foreach (var tile in tiles)
        {
            var readable = true;
            foreach (var source in tile.Sources)
            {
                if (!whole.TryGetValue(source.Key, out var ok))
                {
                    var dataset = await datasets.FindAsync(source.Key, cancellationToken);
                    whole[source.Key] = ok = dataset is not null && access.For(dataset) is { Allowed: true, RowFilter: null, Masks.Count: 0 };
                }
                readable &= ok;
            }
            limited.Add(readable ? tile : tile with
            {
                State = TileState.NoAccess,
                Rows = [],
                Message = Text.Pick(
                    "Bạn chưa được xem toàn bộ dữ liệu của ô này nên không xem được số liệu đã chụp. Hãy đề nghị cơ quan cung cấp dữ liệu cấp quyền.",
                    "You may not read all the data behind this tile, so its frozen figures are not shown. Ask the providing agency for a grant."),
            });
        }
        return limited;
    }

    internal static (byte[] Bytes, bool Compressed) Encode(SnapshotContent content)
    {
        var stored = new StoredContent(content.FilterValues,
            [.. content.Tiles.Select(t => new StoredTile(t.TileId, t.Title, t.State, t.Message, t.Columns, t.Rows, t.Truncated, t.Sources))]);
        var json = JsonSerializer.SerializeToUtf8Bytes(stored, Json);
        if (json.Length <= CompressAbove)
        {
            return (json, false);
        }
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }
        return (buffer.ToArray(), true);
    }

    internal static SnapshotContent Decode(byte[] bytes, bool compressed)
    {
        if (compressed)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }
        var stored = JsonSerializer.Deserialize<StoredRead>(bytes, Json)!;
        return new SnapshotContent(stored.FilterValues, [.. stored.Tiles.Select(t => new SnapshotTile(
            t.TileId, t.Title, t.State, t.Message, t.Columns,
            [.. t.Rows.Select(row => row.Select((cell, i) => Cell(cell, t.Columns[i].Type)).ToArray())],
            t.Truncated, t.Sources))]);
    }

    // Cells come back as the CLR values a live result holds, so a frozen tile and a live one compare and render alike.
    private static object? Cell(JsonElement cell, ColumnType type) => cell.ValueKind == JsonValueKind.Null ? null : type switch
    {
        ColumnType.Integer => cell.GetInt64(),
        ColumnType.Number => cell.GetDouble(),
        ColumnType.Boolean => cell.GetBoolean(),
        ColumnType.Date => DateOnly.ParseExact(cell.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ColumnType.DateTime => cell.GetDateTime(),
        _ => cell.GetString(),
    };

    private static SnapshotSummary Summary(DashboardSnapshot s) => new(s.Id, s.Period, s.DashboardVersion, s.AuthorName, s.CreatedAt);

    private sealed record StoredContent(IReadOnlyDictionary<string, string> FilterValues, IReadOnlyList<StoredTile> Tiles);

    private sealed record StoredTile(
        string TileId, string Title, TileState State, string? Message, IReadOnlyList<StepColumn> Columns,
        IReadOnlyList<object?[]> Rows, bool Truncated, IReadOnlyList<TileSource> Sources);

    private sealed record StoredRead(Dictionary<string, string> FilterValues, List<StoredReadTile> Tiles);

    private sealed record StoredReadTile(
        string TileId, string Title, TileState State, string? Message, List<StepColumn> Columns,
        List<JsonElement[]> Rows, bool Truncated, List<TileSource> Sources);
}
