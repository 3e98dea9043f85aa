using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.Infrastructure.Dashboards;

/// <summary>What a save writes: the name, the description and the tiles and filters.</summary>
public sealed record DashboardContent(string Name, string? Description, DashboardDocument Document);

/// <summary>A dashboard as lists show it, with the agency that owns it.</summary>
public sealed record DashboardSummary(
    string Key, string Name, string? Description, string AgencyName, DashboardStatus Status, int Version, int Tiles, DateTimeOffset UpdatedAt);

/// <summary>A version as the history shows it.</summary>
public sealed record DashboardVersionSummary(int Number, string Name, string AuthorName, DateTimeOffset CreatedAt, string? Note);

/// <summary>
/// Creates, saves, lists, restores, publishes and deletes dashboards. Every save is a new version and names the version
/// it started from, so a stale editor gets a conflict; every change is audited. Who may do what: <see cref="DashboardAccess"/>.
/// </summary>
public sealed class DashboardService(
    IDbContextFactory<WorkbenchDbContext> contexts, ScenarioService scenarios, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 4000;

    /// <summary>A new, empty dashboard owned by the caller, as version 1, under a free key made from its name.</summary>
    public async Task<Result<Dashboard>> CreateAsync(Caller caller, string name, string? description, CancellationToken cancellationToken)
    {
        if (!DashboardAccess.CanCreate(caller))
        {
            return DashboardErrors.NoCreateRight();
        }
        var content = new DashboardContent(name, description, DashboardDocument.Empty);
        if (CheckText(content) is { } invalid)
        {
            return invalid;
        }
        // Two people naming a dashboard alike at the same moment both see the same free key; the loser takes the next.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            var dashboard = new Dashboard
            {
                Key = await FreeKeyAsync(db, content.Name, cancellationToken),
                Name = content.Name.Trim(),
                Description = Blank(content.Description),
                OwnerUserId = caller.UserId!,
                AgencyId = caller.AgencyId,
                LayoutJson = content.Document.Write(),
                CreatedAt = now,
            };
            AddVersion(dashboard, caller, content, now, note: null);
            db.Dashboards.Add(dashboard);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                continue;
            }
            await audit.WriteAsync(caller, AuditActions.DashboardCreated, dashboard.Key, new { dashboard.Name }, CancellationToken.None);
            return dashboard;
        }
    }

    /// <summary>The dashboards the caller owns, most recently changed first.</summary>
    public async Task<IReadOnlyList<DashboardSummary>> ListMineAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await db.Dashboards.AsNoTracking().Include(d => d.Agency)
            .Where(d => d.OwnerUserId == caller.UserId)
            .ToListAsync(cancellationToken);
        return [.. mine.OrderByDescending(d => d.UpdatedAt).Select(Summary)];
    }

    /// <summary>Published dashboards that reach the caller through their audience and are not the caller's own, newest first.</summary>
    public async Task<IReadOnlyList<DashboardSummary>> ListSharedWithMeAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shared = await db.Dashboards.AsNoTracking().Include(d => d.Audience).Include(d => d.Agency)
            .Where(d => d.Status == DashboardStatus.Published && d.OwnerUserId != caller.UserId
                        && d.Audience.Any(a => a.AgencyId == caller.AgencyId || (caller.UserId != null && a.UserId == caller.UserId)))
            .ToListAsync(cancellationToken);
        return [.. shared.Where(d => DashboardAccess.IsSharedWith(caller, d)).OrderByDescending(d => d.UpdatedAt).Select(Summary)];
    }

    /// <summary>The dashboard, or why the caller cannot view it.</summary>
    public async Task<Result<Dashboard>> GetAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dashboard = await db.Dashboards.AsNoTracking().Include(d => d.Agency).Include(d => d.Audience)
            .SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dashboard is null)
        {
            return DashboardErrors.NotFound(key);
        }
        return DashboardAccess.CanView(caller, dashboard) ? dashboard : DashboardErrors.NoViewRight(dashboard);
    }

    /// <summary>
    /// Saves a new version; <paramref name="basedOnVersion"/> is the version the editor started from. Refused with every
    /// problem at once when the document is malformed, names a scenario that does not exist or that the dashboard's owner
    /// may not open, a visual the scenario lacks, or binds a filter to a parameter the scenario does not declare.
    /// </summary>
    public Task<Result<Dashboard>> SaveAsync(
        Caller caller, string key, DashboardContent content, int basedOnVersion, CancellationToken cancellationToken) =>
        ChangeAsync(caller, key, basedOnVersion, content, note: null, AuditActions.DashboardSaved, cancellationToken);

    /// <summary>The history, newest first.</summary>
    public async Task<Result<IReadOnlyList<DashboardVersionSummary>>> VersionsAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DashboardVersions.AsNoTracking()
            .Where(v => v.DashboardId == found.Value!.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new DashboardVersionSummary(v.Number, v.Name, v.AuthorName, v.CreatedAt, v.Note))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Makes an older version the newest again, as a new version: the history is never rewritten.</summary>
    public async Task<Result<Dashboard>> RestoreAsync(Caller caller, string key, int number, int basedOnVersion, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var old = await db.DashboardVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.DashboardId == found.Value!.Id && v.Number == number, cancellationToken);
        if (old is null || DashboardDocument.Read(old.LayoutJson) is not { } document)
        {
            return DashboardErrors.NoSuchVersion(found.Value!, number);
        }
        return await ChangeAsync(caller, key, basedOnVersion, new DashboardContent(old.Name, old.Description, document),
            Text.Pick("Khôi phục phiên bản {0}", "Restored version {0}", number), AuditActions.DashboardRestored, cancellationToken);
    }

    public async Task<Result<bool>> DeleteAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var editable = await EditableAsync(db, caller, key, cancellationToken);
        if (editable.Error is { } refused)
        {
            return refused;
        }
        var dashboard = editable.Value!;
        db.Dashboards.Remove(dashboard);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.DashboardDeleted, key,
            new { before = new { dashboard.Name, dashboard.Version, dashboard.LayoutJson } }, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Publishes the dashboard to <paramref name="audience"/> (replacing any earlier audience): its agency's users, a role
    /// within its agency, or named users of any agency. Each of them then views it with their own rights.
    /// </summary>
    public async Task<Result<Dashboard>> PublishAsync(
        Caller caller, string key, IReadOnlyList<AudienceChoice> audience, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dashboard = await db.Dashboards.Include(d => d.Audience).SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dashboard is null)
        {
            return DashboardErrors.NotFound(key);
        }
        if (!DashboardAccess.CanPublish(caller, dashboard))
        {
            return DashboardErrors.NoPublishRight(dashboard);
        }
        if (audience.Count == 0)
        {
            return DashboardErrors.NoAudience();
        }
        var lines = new List<DashboardAudience>();
        foreach (var choice in audience.Distinct())
        {
            switch (choice.Kind)
            {
                case AudienceKind.Agency:
                    lines.Add(new DashboardAudience { Kind = AudienceKind.Agency, AgencyId = dashboard.AgencyId });
                    break;
                case AudienceKind.Role when choice.Role is { } role && Roles.All.Contains(role):
                    lines.Add(new DashboardAudience { Kind = AudienceKind.Role, AgencyId = dashboard.AgencyId, Role = role });
                    break;
                case AudienceKind.User when choice.UserId is { } userId
                    && await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && !u.IsDisabled, cancellationToken) is { } user:
                    lines.Add(new DashboardAudience { Kind = AudienceKind.User, UserId = user.Id, UserName = user.FullName });
                    break;
                default:
                    return DashboardErrors.BadAudience(choice);
            }
        }
        var before = Describe(dashboard);
        db.DashboardAudiences.RemoveRange(dashboard.Audience);
        dashboard.Audience = lines;
        dashboard.Status = DashboardStatus.Published;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.DashboardPublished, key, new { before, after = Describe(dashboard) }, CancellationToken.None);
        return dashboard;
    }

    /// <summary>Back to a draft: its audience no longer views it (its owner and the agency's administrators still do).</summary>
    public async Task<Result<Dashboard>> UnpublishAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dashboard = await db.Dashboards.Include(d => d.Audience).SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dashboard is null)
        {
            return DashboardErrors.NotFound(key);
        }
        if (!DashboardAccess.CanPublish(caller, dashboard))
        {
            return DashboardErrors.NoPublishRight(dashboard);
        }
        var before = Describe(dashboard);
        db.DashboardAudiences.RemoveRange(dashboard.Audience);
        dashboard.Audience = [];
        dashboard.Status = DashboardStatus.Draft;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.DashboardUnpublished, key, new { before, after = Describe(dashboard) }, CancellationToken.None);
        return dashboard;
    }

    private async Task<Result<Dashboard>> ChangeAsync(
        Caller caller, string key, int basedOnVersion, DashboardContent content, string? note, string action, CancellationToken cancellationToken)
    {
        if (CheckText(content) is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var editable = await EditableAsync(db, caller, key, cancellationToken);
        if (editable.Error is { } refused)
        {
            return refused;
        }
        var dashboard = editable.Value!;
        if (dashboard.Version != basedOnVersion)
        {
            return await StaleAsync(db, dashboard, cancellationToken);
        }
        var problems = content.Document.Validate().ToList();
        problems.AddRange(await CheckScenariosAsync(db, caller, dashboard, content.Document, cancellationToken));
        if (problems.Count > 0)
        {
            return DashboardErrors.BadDocument(problems);
        }
        var before = new { dashboard.Name, dashboard.Version, dashboard.LayoutJson };
        dashboard.Name = content.Name.Trim();
        dashboard.Description = Blank(content.Description);
        dashboard.LayoutJson = content.Document.Write();
        db.DashboardVersions.Add(AddVersion(dashboard, caller, content, time.GetUtcNow(), note));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save won the race between our version check and our write (concurrency token or the version's unique index).
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            var current = await fresh.Dashboards.AsNoTracking().SingleAsync(d => d.Key == key, CancellationToken.None);
            return await StaleAsync(fresh, current, CancellationToken.None);
        }
        await audit.WriteAsync(caller, action, key, new { before, after = new { dashboard.Name, dashboard.Version, dashboard.LayoutJson } },
            CancellationToken.None);
        return dashboard;
    }

    /// <summary>
    /// The scenarios behind the tiles, checked as the dashboard's owner sees them (a dashboard is built from what its owner
    /// may open; each viewer still runs it with their own rights).
    /// </summary>
    private async Task<List<DocumentProblem>> CheckScenariosAsync(
        WorkbenchDbContext db, Caller caller, Dashboard dashboard, DashboardDocument document, CancellationToken cancellationToken)
    {
        var problems = new List<DocumentProblem>();
        var owner = caller.UserId == dashboard.OwnerUserId ? caller : await OwnerAsync(db, dashboard, cancellationToken);
        var opened = new Dictionary<string, Result<Scenario>>(StringComparer.Ordinal);
        for (var i = 0; i < document.Tiles.Count; i++)
        {
            var tile = document.Tiles[i];
            if (tile.Kind == TileKind.Text || string.IsNullOrWhiteSpace(tile.ScenarioKey))
            {
                continue;
            }
            if (!opened.TryGetValue(tile.ScenarioKey, out var found))
            {
                opened[tile.ScenarioKey] = found = owner is null
                    ? ScenarioErrors.NotFound(tile.ScenarioKey)
                    : await scenarios.GetAsync(owner, tile.ScenarioKey, cancellationToken);
            }
            var field = $"tiles[{i}].scenarioKey";
            if (found.Error is { Kind: ErrorKind.NotFound })
            {
                problems.Add(new DocumentProblem(field, Text.Pick("Ô «{0}»: không có kịch bản «{1}».", "Tile '{0}': there is no scenario '{1}'.", tile.Id, tile.ScenarioKey)));
                continue;
            }
            if (found.Error is not null)
            {
                problems.Add(new DocumentProblem(field, Text.Pick(
                    "Ô «{0}»: người tạo bảng điều khiển không được mở kịch bản «{1}».",
                    "Tile '{0}': the dashboard's owner may not open scenario '{1}'.", tile.Id, tile.ScenarioKey)));
                continue;
            }
            var scenario = found.Value!;
            if (tile.VisualIndex is { } index && index >= (ScenarioDocument.ReadVisuals(scenario.VisualsJson)?.Count ?? 0))
            {
                problems.Add(new DocumentProblem($"tiles[{i}].visualIndex", Text.Pick(
                    "Ô «{0}»: kịch bản «{1}» không có biểu đồ thứ {2}.", "Tile '{0}': scenario '{1}' has no visual number {2}.", tile.Id, scenario.Name, index + 1)));
            }
            var declared = PipelineJson.Parse(scenario.PipelineJson).Pipeline?.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var filter in document.Filters)
            {
                foreach (var binding in filter.Bindings.Where(b => b.TileId == tile.Id && !declared.Contains(b.ParameterName)))
                {
                    problems.Add(new DocumentProblem("filters", Text.Pick(
                        "Bộ lọc «{0}»: kịch bản «{1}» của ô «{2}» không có tham số «{3}».",
                        "Filter '{0}': scenario '{1}' of tile '{2}' has no parameter '{3}'.", filter.Name, scenario.Name, tile.Id, binding.ParameterName)));
                }
            }
        }
        return problems;
    }

    private static async Task<Caller?> OwnerAsync(WorkbenchDbContext db, Dashboard dashboard, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == dashboard.OwnerUserId, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var role = await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .FirstOrDefaultAsync(cancellationToken);
        return new Caller(user.Id, user.FullName, user.AgencyId, role ?? Roles.Viewer);
    }

    private static async Task<Result<Dashboard>> EditableAsync(WorkbenchDbContext db, Caller caller, string key, CancellationToken cancellationToken)
    {
        var dashboard = await db.Dashboards.SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (dashboard is null)
        {
            return DashboardErrors.NotFound(key);
        }
        return DashboardAccess.CanEdit(caller, dashboard) ? dashboard : DashboardErrors.NoEditRight(dashboard);
    }

    private static DashboardVersion AddVersion(Dashboard dashboard, Caller caller, DashboardContent content, DateTimeOffset now, string? note)
    {
        dashboard.Version++;
        dashboard.UpdatedAt = now;
        var version = new DashboardVersion
        {
            Number = dashboard.Version,
            Name = content.Name.Trim(),
            Description = Blank(content.Description),
            LayoutJson = content.Document.Write(),
            AuthorUserId = caller.UserId,
            AuthorName = caller.DisplayName,
            Note = note,
            CreatedAt = now,
        };
        dashboard.Versions.Add(version);
        return version;
    }

    private static async Task<Error> StaleAsync(WorkbenchDbContext db, Dashboard dashboard, CancellationToken cancellationToken)
    {
        var latest = await db.DashboardVersions.AsNoTracking()
            .Where(v => v.DashboardId == dashboard.Id)
            .OrderByDescending(v => v.Number)
            .FirstAsync(cancellationToken);
        return DashboardErrors.Stale(latest);
    }

    private static Error? CheckText(DashboardContent content)
    {
        if (string.IsNullOrWhiteSpace(content.Name) || content.Name.Trim().Length > MaxNameLength)
        {
            return DashboardErrors.BadName();
        }
        return content.Description is { Length: > MaxDescriptionLength } ? DashboardErrors.DescriptionTooLong() : null;
    }

    /// <summary>A unique key from the name: <c>bang-dieu-khien-dan-so</c>, then <c>-2</c>, <c>-3</c>...</summary>
    private static async Task<string> FreeKeyAsync(WorkbenchDbContext db, string name, CancellationToken cancellationToken)
    {
        var slug = Core.Catalog.DatasetKey.Slugify(name);
        var stem = slug.Length == 0 ? "bang-dieu-khien" : slug[..Math.Min(slug.Length, Core.Catalog.DatasetKey.MaxLength - 6)].TrimEnd('-');
        var taken = await db.Dashboards.AsNoTracking()
            .Where(d => d.Key == stem || d.Key.StartsWith(stem + "-"))
            .Select(d => d.Key)
            .ToListAsync(cancellationToken);
        var candidate = stem;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }
        return candidate;
    }

    private static DashboardSummary Summary(Dashboard d) => new(
        d.Key, d.Name, d.Description, d.Agency?.Name ?? "", d.Status, d.Version, DashboardDocument.Read(d.LayoutJson)?.Tiles.Count ?? 0, d.UpdatedAt);

    private static object Describe(Dashboard dashboard) => new
    {
        status = dashboard.Status.ToString(),
        audience = dashboard.Audience.Select(a => new { kind = a.Kind.ToString(), a.AgencyId, a.Role, a.UserId, a.UserName }),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
