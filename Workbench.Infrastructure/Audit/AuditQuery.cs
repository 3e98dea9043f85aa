using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Audit;

/// <summary>
/// What the audit log viewer filters by; every part is optional and they combine with AND.
/// <see cref="From"/> and <see cref="To"/> are days in the province's time (UTC+7), both included; <see cref="User"/>
/// and <see cref="Target"/> match part of the user name or target, ignoring case.
/// </summary>
public sealed record AuditFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    string? User = null,
    int? AgencyId = null,
    string? Action = null,
    string? Target = null)
{
    public static readonly AuditFilter None = new();

    /// <summary>The province's time zone (Asia/Ho_Chi_Minh, UTC+7, no daylight saving), in which days begin.</summary>
    public static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    /// <summary>The first moment of <see cref="From"/>, in UTC (PostgreSQL takes only UTC values).</summary>
    public DateTimeOffset? StartUtc => From is { } from ? StartOfDay(from) : null;

    /// <summary>The first moment after <see cref="To"/>, in UTC.</summary>
    public DateTimeOffset? EndUtc => To is { } to ? StartOfDay(to.AddDays(1)) : null;

    private static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ProvinceOffset).ToUniversalTime();
}

/// <summary>An audit entry as the viewer and the export show it, with its agency's name in the current UI language.</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string? UserName,
    int? AgencyId,
    string? AgencyName,
    string Action,
    string? Target,
    string? Details,
    string? IpAddress);

/// <summary>One page of the log, newest first, and how many entries the filter matches in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>The entries an export writes (newest first, at most <see cref="AuditQuery.MaxExportRows"/>) and how many matched.</summary>
public sealed record AuditExportRows(int Matching, int Limit, IAsyncEnumerable<AuditRow> Rows)
{
    public bool Truncated => Matching > Limit;
}

/// <summary>An agency the audit log can be filtered by.</summary>
public sealed record AuditAgency(int Id, string Name);

/// <summary>
/// Reads the audit log for the viewer and its export: filtered, newest first, paged on the server, and always within
/// the part of the log <see cref="AuditAccess"/> lets the caller read. It never changes an entry.
/// </summary>
public sealed class AuditQuery(IDbContextFactory<WorkbenchDbContext> contexts, AuditLog audit)
{
    public const int MaxPageSize = 200;

    /// <summary>The most entries one export writes; the newest are kept.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<Result<AuditPage>> ReadPageAsync(Caller caller, AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        if (AuditAccess.Scope(caller) is not { } scope)
        {
            return NoReadRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matching = Filtered(db, scope, filter);
        var total = await matching.CountAsync(cancellationToken);
        var entries = await Newest(matching)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        var names = await AgencyNamesAsync(db, cancellationToken);
        return new AuditPage([.. entries.Select(e => ToRow(e, names))], total);
    }

    /// <summary>
    /// The entries an export of <paramref name="filter"/> writes, read as they are enumerated (each enumeration opens
    /// its own connection), with the count of all that match so the file can say when some were left out.
    /// </summary>
    public async Task<Result<AuditExportRows>> ReadForExportAsync(Caller caller, AuditFilter filter, CancellationToken cancellationToken) =>
        await ReadForExportAsync(caller, filter, MaxExportRows, cancellationToken);

    /// <summary>As the other overload, with at most <paramref name="limit"/> entries (capped at <see cref="MaxExportRows"/>).</summary>
    public async Task<Result<AuditExportRows>> ReadForExportAsync(Caller caller, AuditFilter filter, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxExportRows);
        if (AuditAccess.Scope(caller) is not { } scope)
        {
            return NoReadRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matching = await Filtered(db, scope, filter).CountAsync(cancellationToken);
        return new AuditExportRows(matching, limit, StreamAsync(scope, filter, limit, CancellationToken.None));
    }

    /// <summary>The agencies the caller may filter by: every agency for a system administrator, their own for an agency administrator.</summary>
    public async Task<Result<IReadOnlyList<AuditAgency>>> AgenciesAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (AuditAccess.Scope(caller) is not { } scope)
        {
            return NoReadRight();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await AgencyNamesAsync(db, cancellationToken);
        return names
            .Where(n => scope.Includes(n.Key))
            .Select(n => new AuditAgency(n.Key, n.Value))
            .OrderBy(a => a.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), ignoreCase: true))
            .ToList();
    }

    /// <summary>Records an export of the log: the filter, how many entries the file holds and matched, and the file's SHA-256.</summary>
    public Task RecordExportAsync(Caller caller, AuditFilter filter, long rows, int matching, string sha256, string? ipAddress) =>
        audit.WriteAsync(caller, AuditActions.AuditExported, null, new
        {
            filter = new { filter.From, filter.To, filter.User, filter.AgencyId, filter.Action, filter.Target },
            format = "xlsx",
            rows,
            matching,
            sha256,
        }, CancellationToken.None, ipAddress);

    private async IAsyncEnumerable<AuditRow> StreamAsync(
        AuditScope scope, AuditFilter filter, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await AgencyNamesAsync(db, cancellationToken);
        await foreach (var entry in Newest(Filtered(db, scope, filter)).Take(limit).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToRow(entry, names);
        }
    }

    private static IQueryable<AuditEntry> Filtered(WorkbenchDbContext db, AuditScope scope, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        // The scope first: an agency administrator who asks for another agency gets the intersection, which is nothing.
        if (scope.AgencyId is { } own)
        {
            entries = entries.Where(e => e.AgencyId == own);
        }
        if (filter.AgencyId is { } agency)
        {
            entries = entries.Where(e => e.AgencyId == agency);
        }
        if (filter.StartUtc is { } start)
        {
            entries = entries.Where(e => e.At >= start);
        }
        if (filter.EndUtc is { } end)
        {
            entries = entries.Where(e => e.At < end);
        }
        if (Lowered(filter.User) is { } user)
        {
            // Note: SQLite's lower() folds ASCII letters only, so "Đ" matches "Đ" but not "đ" there; PostgreSQL and
            // SQL Server fold Vietnamese letters too.
            entries = entries.Where(e => e.UserName != null && e.UserName.ToLower().Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }
        if (Lowered(filter.Target) is { } target)
        {
            entries = entries.Where(e => e.Target != null && e.Target.ToLower().Contains(target));
        }
        return entries;
    }

    // Id breaks ties between entries of the same moment, so pages neither repeat nor skip an entry.
    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private static string? Lowered(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();

    // Agencies are a few dozen rows; reading them once beats a join the three providers would each have to translate.
    private static async Task<Dictionary<int, string>> AgencyNamesAsync(WorkbenchDbContext db, CancellationToken cancellationToken)
    {
        var english = Text.IsEnglish;
        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Name, a.NameEn }).ToListAsync(cancellationToken);
        return agencies.ToDictionary(a => a.Id, a => (english ? a.NameEn : null) ?? a.Name);
    }

    private static AuditRow ToRow(AuditEntry entry, Dictionary<int, string> agencies) => new(
        entry.Id,
        entry.At,
        entry.UserName,
        entry.AgencyId,
        entry.AgencyId is { } id ? agencies.GetValueOrDefault(id) : null,
        entry.Action,
        entry.Target,
        entry.Details,
        entry.IpAddress);

    private static Error NoReadRight() => new(ErrorKind.Forbidden, "audit.forbidden", Text.Pick(
        "Chỉ quản trị hệ thống và quản trị cơ quan được xem nhật ký hệ thống. Hãy liên hệ quản trị cơ quan của bạn nếu cần thông tin trong nhật ký.",
        "Only system and agency administrators may read the audit log. Ask your agency administrator if you need information from it."));
}
