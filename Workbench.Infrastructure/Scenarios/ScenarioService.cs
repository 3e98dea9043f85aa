using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Scenarios;

/// <summary>What a save writes: the name, the pipeline (PIPELINE.md JSON), the visuals and the parameter settings.</summary>
public sealed record ScenarioContent(
    string Name,
    string? Description,
    string PipelineJson,
    IReadOnlyList<Visual> Visuals,
    IReadOnlyList<ParameterSetting> Parameters);

/// <summary>A scenario as lists show it.</summary>
public sealed record ScenarioSummary(
    string Key, string Name, string? Description, string SourceName, ScenarioStatus Status, int Version, DateTimeOffset UpdatedAt);

/// <summary>A scenario shared with the caller, with the agency that publishes it.</summary>
public sealed record SharedScenario(ScenarioSummary Scenario, string AgencyName);

/// <summary>One audience line to publish to: the agency, a role within it (<see cref="Role"/>), or a user (<see cref="UserId"/>).</summary>
public sealed record AudienceChoice(AudienceKind Kind, string? Role = null, string? UserId = null);

/// <summary>A version as the history shows it.</summary>
public sealed record ScenarioVersionSummary(int Number, string Name, string AuthorName, DateTimeOffset CreatedAt, string? Note);

/// <summary>
/// Creates, saves, lists and restores scenarios. Every save is a new version (who, when, what) and names the version it
/// started from, so a stale editor gets a conflict instead of silently overwriting. Who may do what: <see cref="ScenarioAccess"/>.
/// </summary>
public sealed class ScenarioService(
    IDbContextFactory<WorkbenchDbContext> contexts, DatasetService datasets, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 4000;
    public const int MaxVisuals = 20;

    /// <summary>A pipeline is data a person built by hand; anything larger is not a scenario but an accident.</summary>
    public const int MaxPipelineChars = 256 * 1024;

    /// <summary>"Phân tích mới" from a dataset: a scenario whose pipeline reads the dataset and has no steps yet.</summary>
    public async Task<Result<Scenario>> CreateAsync(
        Caller caller, string name, string? description, string datasetKey, CancellationToken cancellationToken)
    {
        if (!ScenarioAccess.CanCreate(caller))
        {
            return ScenarioErrors.NoCreateRight();
        }
        var dataset = await datasets.GetQueryableAsync(caller, datasetKey, cancellationToken);
        if (dataset.Error is { } error)
        {
            return error;
        }
        name = string.IsNullOrWhiteSpace(name) ? Text.Pick("Phân tích {0}", "Analysis of {0}", dataset.Value!.Name) : name.Trim();
        var pipeline = PipelineJson.Write(new Pipeline(SourceReference.ForDataset(datasetKey), [], []));
        var content = new ScenarioContent(name, description, pipeline, [], []);
        return await AddNewAsync(caller, content, note: null, new { content.Name, source = datasetKey }, cancellationToken);
    }

    /// <summary>
    /// "Nhân bản": a copy of a scenario the caller may open, owned by the caller, as its version 1. The copy runs with
    /// the copier's rights like any scenario, so copying never widens access to data.
    /// </summary>
    public async Task<Result<Scenario>> DuplicateAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (!ScenarioAccess.CanCreate(caller))
        {
            return ScenarioErrors.NoCreateRight();
        }
        var found = await GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var original = found.Value!;
        var name = Text.Pick("{0} (bản sao)", "{0} (copy)", original.Name);
        var content = new ScenarioContent(
            name.Length <= MaxNameLength ? name : original.Name,
            original.Description,
            original.PipelineJson,
            ScenarioDocument.ReadVisuals(original.VisualsJson) ?? [],
            ScenarioDocument.ReadParameterSettings(original.ParameterSettingsJson) ?? []);
        return await AddNewAsync(caller, content,
            Text.Pick("Sao chép từ «{0}», phiên bản {1}", "Copied from '{0}', version {1}", original.Name, original.Version),
            new { content.Name, copiedFrom = original.Key, version = original.Version }, cancellationToken);
    }

    /// <summary>A new scenario owned by the caller, as version 1, under a free key made from its name.</summary>
    private async Task<Result<Scenario>> AddNewAsync(
        Caller caller, ScenarioContent content, string? note, object auditDetails, CancellationToken cancellationToken)
    {
        if (Check(content) is { } invalid)
        {
            return invalid;
        }
        // Two people naming a scenario alike at the same moment both see the same free key; the loser takes the next.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            var scenario = new Scenario
            {
                Key = await FreeKeyAsync(db, content.Name, cancellationToken),
                Name = content.Name.Trim(),
                Description = Blank(content.Description),
                OwnerUserId = caller.UserId!,
                OwnerAgencyId = caller.AgencyId,
                PipelineJson = content.PipelineJson,
                VisualsJson = ScenarioDocument.WriteVisuals(content.Visuals),
                ParameterSettingsJson = ScenarioDocument.WriteParameterSettings(content.Parameters),
                CreatedAt = now,
            };
            AddVersion(scenario, caller, content, now, note);
            db.Scenarios.Add(scenario);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                continue;
            }
            await audit.WriteAsync(caller, AuditActions.ScenarioCreated, scenario.Key, auditDetails, CancellationToken.None);
            return scenario;
        }
    }

    /// <summary>The scenarios the caller owns, most recently changed first.</summary>
    public async Task<IReadOnlyList<ScenarioSummary>> ListMineAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await db.Scenarios.AsNoTracking()
            .Where(s => s.OwnerUserId == caller.UserId)
            .ToListAsync(cancellationToken);
        var sources = await SourceNamesAsync(db, mine, cancellationToken);
        return [.. mine.OrderByDescending(s => s.UpdatedAt)
            .Select(s => new ScenarioSummary(s.Key, s.Name, s.Description, sources.GetValueOrDefault(s.Id, ""), s.Status, s.Version, s.UpdatedAt))];
    }

    /// <summary>
    /// The scenarios the caller may read as a table in a pipeline (<see cref="ScenarioAccess.CanUseAsSource"/>), by name,
    /// except <paramref name="except"/> (the one being edited: it cannot read itself).
    /// </summary>
    public async Task<IReadOnlyList<ScenarioSummary>> ListUsableAsSourceAsync(Caller caller, string? except, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only what the rule and the list need: the rule stays in ScenarioAccess, the pipelines stay in the database.
        var candidates = await db.Scenarios.AsNoTracking()
            .Where(s => s.Key != except)
            .Select(s => new { s.Id, s.Key, s.Name, s.Description, s.OwnerUserId, s.OwnerAgencyId, s.Status, s.Version, s.UpdatedAt })
            .ToListAsync(cancellationToken);
        var audiences = (await db.ScenarioAudiences.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(a => a.ScenarioId);
        var usable = candidates
            .Where(s => ScenarioAccess.CanUseAsSource(caller, new Scenario
            {
                Key = s.Key, Name = s.Name, OwnerUserId = s.OwnerUserId, OwnerAgencyId = s.OwnerAgencyId, Status = s.Status, PipelineJson = "",
                Audience = [.. audiences[s.Id]],
            }))
            .ToList();
        return [.. usable
            .OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true))
            .Select(s => new ScenarioSummary(s.Key, s.Name, s.Description, "", s.Status, s.Version, s.UpdatedAt))];
    }

    /// <summary>Published scenarios that reach the caller through their audience and are not the caller's own, newest first.</summary>
    public async Task<IReadOnlyList<SharedScenario>> ListSharedWithMeAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shared = await db.Scenarios.AsNoTracking().Include(s => s.Audience).Include(s => s.OwnerAgency)
            .Where(s => s.Status == ScenarioStatus.Published && s.OwnerUserId != caller.UserId
                        && s.Audience.Any(a => a.AgencyId == caller.AgencyId || (caller.UserId != null && a.UserId == caller.UserId)))
            .ToListAsync(cancellationToken);
        var visible = shared.Where(s => ScenarioAccess.IsSharedWith(caller, s)).ToList();
        var sources = await SourceNamesAsync(db, visible, cancellationToken);
        return [.. visible.OrderByDescending(s => s.UpdatedAt).Select(s => new SharedScenario(
            new ScenarioSummary(s.Key, s.Name, s.Description, sources.GetValueOrDefault(s.Id, ""), s.Status, s.Version, s.UpdatedAt),
            s.OwnerAgency?.Name ?? ""))];
    }

    /// <summary>
    /// Publishes the scenario to <paramref name="audience"/> (replacing any earlier audience): its agency's users, a
    /// role within its agency, or named users of any agency. Each of them then opens and runs it with their own rights.
    /// </summary>
    public async Task<Result<Scenario>> PublishAsync(
        Caller caller, string key, IReadOnlyList<AudienceChoice> audience, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scenario = await db.Scenarios.Include(s => s.Audience).SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (scenario is null)
        {
            return ScenarioErrors.NotFound(key);
        }
        if (!ScenarioAccess.CanPublish(caller, scenario))
        {
            return ScenarioErrors.NoPublishRight(scenario);
        }
        if (audience.Count == 0)
        {
            return ScenarioErrors.NoAudience();
        }
        var lines = new List<ScenarioAudience>();
        foreach (var choice in audience.Distinct())
        {
            switch (choice.Kind)
            {
                case AudienceKind.Agency:
                    lines.Add(new ScenarioAudience { Kind = AudienceKind.Agency, AgencyId = scenario.OwnerAgencyId });
                    break;
                case AudienceKind.Role when choice.Role is { } role && Roles.All.Contains(role):
                    lines.Add(new ScenarioAudience { Kind = AudienceKind.Role, AgencyId = scenario.OwnerAgencyId, Role = role });
                    break;
                case AudienceKind.User when choice.UserId is { } userId
                    && await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && !u.IsDisabled, cancellationToken) is { } user:
                    lines.Add(new ScenarioAudience { Kind = AudienceKind.User, UserId = user.Id, UserName = user.FullName });
                    break;
                default:
                    return ScenarioErrors.BadAudience(choice);
            }
        }
        var before = Describe(scenario);
        db.ScenarioAudiences.RemoveRange(scenario.Audience);
        scenario.Audience = lines;
        scenario.Status = ScenarioStatus.Published;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ScenarioPublished, key, new { before, after = Describe(scenario) }, CancellationToken.None);
        return scenario;
    }

    /// <summary>Back to a draft: its audience no longer opens it (its owner and the agency's administrators still do).</summary>
    public async Task<Result<Scenario>> UnpublishAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scenario = await db.Scenarios.Include(s => s.Audience).SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (scenario is null)
        {
            return ScenarioErrors.NotFound(key);
        }
        if (!ScenarioAccess.CanPublish(caller, scenario))
        {
            return ScenarioErrors.NoPublishRight(scenario);
        }
        var before = Describe(scenario);
        db.ScenarioAudiences.RemoveRange(scenario.Audience);
        scenario.Audience = [];
        scenario.Status = ScenarioStatus.Draft;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ScenarioUnpublished, key, new { before, after = Describe(scenario) }, CancellationToken.None);
        return scenario;
    }

    private static object Describe(Scenario scenario) => new
    {
        status = scenario.Status.ToString(),
        audience = scenario.Audience.Select(a => new { kind = a.Kind.ToString(), a.AgencyId, a.Role, a.UserId, a.UserName }),
    };

    /// <summary>The scenario, or why the caller cannot open it.</summary>
    public async Task<Result<Scenario>> GetAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scenario = await db.Scenarios.AsNoTracking().Include(s => s.OwnerAgency).Include(s => s.Audience)
            .SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (scenario is null)
        {
            return ScenarioErrors.NotFound(key);
        }
        return ScenarioAccess.CanOpen(caller, scenario) ? scenario : ScenarioErrors.NoOpenRight(scenario);
    }

    /// <summary>Saves a new version; <paramref name="basedOnVersion"/> is the version the editor started from.</summary>
    public async Task<Result<Scenario>> SaveAsync(
        Caller caller, string key, ScenarioContent content, int basedOnVersion, CancellationToken cancellationToken) =>
        await ChangeAsync(caller, key, basedOnVersion, content, note: null, AuditActions.ScenarioSaved, cancellationToken);

    /// <summary>The history, newest first.</summary>
    public async Task<Result<IReadOnlyList<ScenarioVersionSummary>>> VersionsAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.ScenarioVersions.AsNoTracking()
            .Where(v => v.ScenarioId == found.Value!.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new ScenarioVersionSummary(v.Number, v.Name, v.AuthorName, v.CreatedAt, v.Note))
            .ToListAsync(cancellationToken);
        return versions;
    }

    /// <summary>One saved version as it was, for a caller who may open the scenario.</summary>
    public async Task<Result<ScenarioVersion>> VersionAsync(Caller caller, string key, int number, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.ScenarioVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ScenarioId == found.Value!.Id && v.Number == number, cancellationToken);
        return version is null ? ScenarioErrors.NoSuchVersion(found.Value!, number) : version;
    }

    /// <summary>Makes an older version the newest again, as a new version: the history is never rewritten.</summary>
    public async Task<Result<Scenario>> RestoreAsync(
        Caller caller, string key, int number, int basedOnVersion, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var old = await db.ScenarioVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ScenarioId == found.Value!.Id && v.Number == number, cancellationToken);
        if (old is null)
        {
            return ScenarioErrors.NoSuchVersion(found.Value!, number);
        }
        var content = new ScenarioContent(old.Name, old.Description, old.PipelineJson,
            ScenarioDocument.ReadVisuals(old.VisualsJson) ?? [], ScenarioDocument.ReadParameterSettings(old.ParameterSettingsJson) ?? []);
        return await ChangeAsync(caller, key, basedOnVersion, content,
            Text.Pick("Khôi phục phiên bản {0}", "Restored version {0}", number), AuditActions.ScenarioRestored, cancellationToken);
    }

    public async Task<Result<bool>> DeleteAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var editable = await EditableAsync(db, caller, key, cancellationToken);
        if (editable.Error is { } refused)
        {
            return refused;
        }
        var scenario = editable.Value!;
        db.Scenarios.Remove(scenario);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ScenarioDeleted, key,
            new { before = new { scenario.Name, scenario.Version, scenario.PipelineJson } }, CancellationToken.None);
        return true;
    }

    private async Task<Result<Scenario>> ChangeAsync(
        Caller caller, string key, int basedOnVersion, ScenarioContent content, string? note, string action,
        CancellationToken cancellationToken)
    {
        if (Check(content) is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var editable = await EditableAsync(db, caller, key, cancellationToken);
        if (editable.Error is { } refused)
        {
            return refused;
        }
        var scenario = editable.Value!;
        if (scenario.Version != basedOnVersion)
        {
            return await StaleAsync(db, scenario, cancellationToken);
        }
        var before = new { scenario.Name, scenario.Version, scenario.PipelineJson, scenario.VisualsJson };
        scenario.Name = content.Name.Trim();
        scenario.Description = Blank(content.Description);
        scenario.PipelineJson = content.PipelineJson;
        scenario.VisualsJson = ScenarioDocument.WriteVisuals(content.Visuals);
        scenario.ParameterSettingsJson = ScenarioDocument.WriteParameterSettings(content.Parameters);
        var now = time.GetUtcNow();
        db.ScenarioVersions.Add(AddVersion(scenario, caller, content, now, note));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save won the race between our version check and our write (concurrency token or the version's unique index).
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            var current = await fresh.Scenarios.AsNoTracking().SingleAsync(s => s.Key == key, CancellationToken.None);
            return await StaleAsync(fresh, current, CancellationToken.None);
        }
        await audit.WriteAsync(caller, action, key, new
        {
            before,
            after = new { scenario.Name, scenario.Version, scenario.PipelineJson, scenario.VisualsJson },
        }, CancellationToken.None);
        return scenario;
    }

    /// <summary>The tracked scenario the caller may change, or why not.</summary>
    private static async Task<Result<Scenario>> EditableAsync(WorkbenchDbContext db, Caller caller, string key, CancellationToken cancellationToken)
    {
        var scenario = await db.Scenarios.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (scenario is null)
        {
            return ScenarioErrors.NotFound(key);
        }
        return ScenarioAccess.CanEdit(caller, scenario) ? scenario : ScenarioErrors.NoEditRight(scenario);
    }

    private static ScenarioVersion AddVersion(Scenario scenario, Caller caller, ScenarioContent content, DateTimeOffset now, string? note)
    {
        scenario.Version++;
        scenario.UpdatedAt = now;
        var version = new ScenarioVersion
        {
            Number = scenario.Version,
            Name = content.Name.Trim(),
            Description = Blank(content.Description),
            PipelineJson = content.PipelineJson,
            VisualsJson = ScenarioDocument.WriteVisuals(content.Visuals),
            ParameterSettingsJson = ScenarioDocument.WriteParameterSettings(content.Parameters),
            AuthorUserId = caller.UserId,
            AuthorName = caller.DisplayName,
            Note = note,
            CreatedAt = now,
        };
        scenario.Versions.Add(version);
        return version;
    }

    private static async Task<Error> StaleAsync(WorkbenchDbContext db, Scenario scenario, CancellationToken cancellationToken)
    {
        var latest = await db.ScenarioVersions.AsNoTracking()
            .Where(v => v.ScenarioId == scenario.Id)
            .OrderByDescending(v => v.Number)
            .FirstAsync(cancellationToken);
        return ScenarioErrors.Stale(latest);
    }

    /// <summary>A save that cannot be stored says what to fix; the pipeline must at least be in the contract's shape.</summary>
    private static Error? Check(ScenarioContent content)
    {
        if (string.IsNullOrWhiteSpace(content.Name) || content.Name.Trim().Length > MaxNameLength)
        {
            return ScenarioErrors.BadName();
        }
        if (content.Description is { Length: > MaxDescriptionLength })
        {
            return ScenarioErrors.DescriptionTooLong();
        }
        if (content.PipelineJson.Length > MaxPipelineChars)
        {
            return ScenarioErrors.PipelineTooLarge();
        }
        var parsed = PipelineJson.Parse(content.PipelineJson);
        if (!parsed.IsValid)
        {
            return ScenarioErrors.BadPipeline(parsed.Errors);
        }
        if (content.Visuals.Count > MaxVisuals)
        {
            return ScenarioErrors.TooManyVisuals();
        }
        var declared = parsed.Pipeline!.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (content.Parameters.FirstOrDefault(p => !declared.Contains(p.Name)) is { } stray)
        {
            return ScenarioErrors.UndeclaredParameter(stray.Name);
        }
        return null;
    }

    /// <summary>A unique key from the name: <c>phan-tich-dan-so</c>, then <c>-2</c>, <c>-3</c>...</summary>
    private static async Task<string> FreeKeyAsync(WorkbenchDbContext db, string name, CancellationToken cancellationToken)
    {
        var slug = Core.Catalog.DatasetKey.Slugify(name);
        var stem = slug.Length == 0 ? "kich-ban" : slug[..Math.Min(slug.Length, Core.Catalog.DatasetKey.MaxLength - 6)].TrimEnd('-');
        var taken = await db.Scenarios.AsNoTracking()
            .Where(s => s.Key == stem || s.Key.StartsWith(stem + "-"))
            .Select(s => s.Key)
            .ToListAsync(cancellationToken);
        var candidate = stem;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }
        return candidate;
    }

    private static async Task<Dictionary<int, string>> SourceNamesAsync(WorkbenchDbContext db, List<Scenario> scenarios, CancellationToken cancellationToken)
    {
        var keys = scenarios.ToDictionary(s => s.Id, s => PipelineJson.Parse(s.PipelineJson).Pipeline?.Source.Dataset);
        var wanted = keys.Values.OfType<string>().Distinct().ToList();
        var names = await db.Datasets.AsNoTracking().Where(d => wanted.Contains(d.Key))
            .ToDictionaryAsync(d => d.Key, d => d.Name, cancellationToken);
        return keys.Where(k => k.Value is not null && names.ContainsKey(k.Value))
            .ToDictionary(k => k.Key, k => names[k.Value!]);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
