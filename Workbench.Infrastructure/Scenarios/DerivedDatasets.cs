using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Query;

namespace Workbench.Infrastructure.Scenarios;

/// <summary>The new dataset a scenario's result becomes: its key, name and description.</summary>
public sealed record DerivedDatasetRequest(string Key, string Name, string? Description);

/// <summary>A derived dataset's lineage as its page shows it: how it was made, and what has changed since.</summary>
/// <param name="LatestScenarioVersion">The scenario's newest version, or null when the scenario is gone or hidden from the caller.</param>
public sealed record DatasetLineage(
    DatasetDerivation Derivation,
    int? LatestScenarioVersion,
    IReadOnlyList<LineageSource> Sources)
{
    /// <summary>Some source has newer data than the derived rows were made from.</summary>
    public bool SourcesChanged => Sources.Any(s => s.CurrentDataVersion is { } current && current != s.Source.DataVersion);
}

/// <summary>A source as recorded, with its data version now (null when the dataset was deleted).</summary>
public sealed record LineageSource(DerivationSource Source, long? CurrentDataVersion);

/// <summary>
/// Save as dataset (Đ4.4): a scenario's result, run with the caller's rights, becomes a dataset owned by the caller's
/// agency, with its lineage; a refresh runs it again. Rows stream from the engine into the warehouse's bulk path, and
/// the dataset changes all at once or not at all: a failed or cancelled first run leaves no dataset, a failed refresh
/// leaves the previous rows.
/// </summary>
/// <remarks>
/// The rows are exactly what the caller's access lets them see (masked columns stay masked, filtered rows stay out):
/// the query goes through the same compiler as every other read.
/// </remarks>
public sealed class DerivedDatasets(
    IDbContextFactory<WorkbenchDbContext> contexts,
    ScenarioService scenarios,
    DatasetService datasets,
    QueryService queries,
    AuditLog audit,
    TimeProvider time)
{
    /// <summary>Runs the scenario's latest version with <paramref name="arguments"/> and saves the result as a new dataset.</summary>
    public async Task<Result<Dataset>> CreateAsync(
        Caller caller,
        string scenarioKey,
        IReadOnlyDictionary<string, JsonElement> arguments,
        DerivedDatasetRequest request,
        CancellationToken cancellationToken)
    {
        if (!DatasetAccess.CanCreate(caller, caller.AgencyId))
        {
            return DatasetErrors.NoCreateRight();
        }
        var found = await scenarios.GetAsync(caller, scenarioKey, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var scenario = found.Value!;
        var run = ParseRun(scenario.PipelineJson, arguments);
        if (run.Error is { } badPipeline)
        {
            return badPipeline;
        }
        var stream = await queries.StreamAsync(caller, run.Value!, AccessPurpose.Query, cancellationToken);
        if (stream.Error is { } queryError)
        {
            return FromQuery(queryError);
        }
        var rows = stream.Value!;

        var created = await datasets.CreateAsync(caller, new NewDataset(
            request.Key, request.Name, caller.AgencyId,
            [.. rows.Columns.Select(c => new NewColumn(c.Name, c.Type))],
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Classification: Strictest(rows.Sources)), cancellationToken);
        if (created.Error is { } createError)
        {
            return createError;
        }
        var dataset = created.Value!;

        Result<LoadResult> loaded;
        try
        {
            loaded = await LoadAsync(() => datasets.LoadAsync(
                caller, dataset.Key, LoadMode.Append, rows.Rows.ToBlockingEnumerable(cancellationToken), cancellationToken));
            if (loaded.Error is null)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                db.DatasetDerivations.Add(new DatasetDerivation
                {
                    DatasetId = dataset.Id,
                    ScenarioId = scenario.Id,
                    ScenarioKey = scenario.Key,
                    ScenarioName = scenario.Name,
                    ScenarioVersion = scenario.Version,
                    ArgumentsJson = JsonSerializer.Serialize(arguments),
                    RefreshedAt = time.GetUtcNow(),
                    RefreshedByUserId = caller.UserId,
                    RefreshedByName = caller.DisplayName,
                    Sources = ToSources(rows.Sources),
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch
        {
            await datasets.DiscardNewAsync(dataset.Id, CancellationToken.None);
            throw;
        }
        if (loaded.Error is { } loadError)
        {
            await datasets.DiscardNewAsync(dataset.Id, CancellationToken.None);
            return loadError;
        }

        await audit.WriteAsync(caller, AuditActions.DatasetDerived, dataset.Key, new
        {
            scenario = scenario.Key,
            version = scenario.Version,
            arguments,
            rows = loaded.Value!.RowsLoaded,
            sources = rows.Sources.Select(s => new { s.Key, s.DataVersion }),
        }, CancellationToken.None);
        return (await datasets.FindAsync(dataset.Key, CancellationToken.None))!;
    }

    /// <summary>
    /// Runs the derivation again with its recorded arguments: the recorded scenario version, or the newest when
    /// <paramref name="latestVersion"/>. The new rows (and columns, if the result's shape changed) replace the old in one step.
    /// </summary>
    public async Task<Result<LoadResult>> RefreshAsync(
        Caller caller, string datasetKey, bool latestVersion, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindAsync(datasetKey, cancellationToken);
        if (dataset is null)
        {
            return DatasetErrors.NotFound(datasetKey);
        }
        if (!DatasetAccess.CanLoad(caller, dataset))
        {
            return DatasetErrors.NoLoadRight(dataset);
        }
        var derivation = await FindDerivationAsync(dataset.Id, cancellationToken);
        if (derivation is null)
        {
            return NotDerived(dataset);
        }
        if (derivation.ScenarioId is null)
        {
            return ScenarioGone(derivation);
        }
        var found = await scenarios.GetAsync(caller, derivation.ScenarioKey, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var scenario = found.Value!;
        var version = latestVersion ? scenario.Version : derivation.ScenarioVersion;
        var pipelineJson = scenario.PipelineJson;
        if (version != scenario.Version)
        {
            var old = await scenarios.VersionAsync(caller, scenario.Key, version, cancellationToken);
            if (old.Error is { } versionError)
            {
                return versionError;
            }
            pipelineJson = old.Value!.PipelineJson;
        }
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(derivation.ArgumentsJson) ?? [];
        var run = ParseRun(pipelineJson, arguments);
        if (run.Error is { } badPipeline)
        {
            return badPipeline;
        }
        var stream = await queries.StreamAsync(caller, run.Value!, AccessPurpose.Query, cancellationToken);
        if (stream.Error is { } queryError)
        {
            return FromQuery(queryError);
        }
        var rows = stream.Value!;

        var loaded = await LoadAsync(() => datasets.RedefineAsync(
            caller, dataset.Key, [.. rows.Columns.Select(c => new NewColumn(c.Name, c.Type))],
            rows.Rows.ToBlockingEnumerable(cancellationToken), cancellationToken));
        if (loaded.Error is not null)
        {
            return loaded;
        }

        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            var current = await db.DatasetDerivations.Include(d => d.Sources).SingleAsync(d => d.Id == derivation.Id, CancellationToken.None);
            current.ScenarioName = scenario.Name;
            current.ScenarioVersion = version;
            current.RefreshedAt = time.GetUtcNow();
            current.RefreshedByUserId = caller.UserId;
            current.RefreshedByName = caller.DisplayName;
            db.DerivationSources.RemoveRange(current.Sources);
            current.Sources = ToSources(rows.Sources);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await audit.WriteAsync(caller, AuditActions.DatasetRefreshed, dataset.Key, new
        {
            scenario = scenario.Key,
            version,
            rows = loaded.Value!.RowsLoaded,
            dataVersion = loaded.Value.DataVersion,
            sources = rows.Sources.Select(s => new { s.Key, s.DataVersion }),
        }, CancellationToken.None);
        return loaded;
    }

    /// <summary>The lineage of a derived dataset; null for a dataset loaded from files or systems.</summary>
    public async Task<DatasetLineage?> LineageAsync(Caller caller, Dataset dataset, CancellationToken cancellationToken)
    {
        var derivation = await FindDerivationAsync(dataset.Id, cancellationToken);
        if (derivation is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = derivation.Sources.Where(s => s.DatasetId is not null).Select(s => s.DatasetId!.Value).ToList();
        var versions = await db.Datasets.AsNoTracking().Where(d => ids.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.DataVersion, cancellationToken);
        int? latest = null;
        if (derivation.ScenarioId is not null
            && await scenarios.GetAsync(caller, derivation.ScenarioKey, cancellationToken) is { Value: { } scenario })
        {
            latest = scenario.Version;
        }
        return new DatasetLineage(derivation, latest, [.. derivation.Sources
            .OrderBy(s => s.Id)
            .Select(s => new LineageSource(s, s.DatasetId is { } id && versions.TryGetValue(id, out var v) ? v : null))]);
    }

    /// <summary>The datasets made from this one (downstream lineage), by name.</summary>
    public async Task<IReadOnlyList<(string Key, string Name)>> DerivedFromAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DerivationSources.AsNoTracking()
            .Where(s => s.DatasetId == dataset.Id)
            .Join(db.DatasetDerivations, s => s.DerivationId, d => d.Id, (_, d) => d.DatasetId)
            .Join(db.Datasets, id => id, d => d.Id, (_, d) => new { d.Key, d.Name })
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), ignoreCase: true))
            .Select(r => (r.Key, r.Name))];
    }

    private async Task<DatasetDerivation?> FindDerivationAsync(int datasetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DatasetDerivations.AsNoTracking().Include(d => d.Sources)
            .SingleOrDefaultAsync(d => d.DatasetId == datasetId, cancellationToken);
    }

    /// <summary>
    /// Runs a load whose rows are a blocking view of the engine's async stream. Off the caller's synchronization
    /// context (a Blazor circuit's), so the stream's continuations never wait for the thread that is blocked on them.
    /// </summary>
    private static Task<Result<LoadResult>> LoadAsync(Func<Task<Result<LoadResult>>> load) => Task.Run(load);

    private static Result<PipelineRun> ParseRun(string pipelineJson, IReadOnlyDictionary<string, JsonElement> arguments)
    {
        var parsed = PipelineJson.Parse(pipelineJson);
        if (!parsed.IsValid)
        {
            return ScenarioErrors.BadPipeline(parsed.Errors);
        }
        return new PipelineRun(parsed.Pipeline!, arguments);
    }

    /// <summary>A derived dataset is as restricted as the most restricted data it was made from.</summary>
    private static DataClassification Strictest(IReadOnlyList<Dataset> sources) =>
        sources.Count == 0 ? DataClassification.Shared : sources.Max(s => s.Classification);

    private static List<DerivationSource> ToSources(IReadOnlyList<Dataset> sources) =>
        [.. sources.Select(s => new DerivationSource
        {
            DatasetId = s.Id,
            DatasetKey = s.Key,
            DatasetName = s.Name,
            AgencyName = s.OwnerAgency?.Name ?? "",
            DataVersion = s.DataVersion,
        })];

    private static Error FromQuery(QueryError error) =>
        new(error.Kind, error.Code, error.Message,
            [.. error.Errors.Select(e => e.Step is { } step ? Text.Pick("Bước {0}: {1}", "Step {0}: {1}", step + 1, e.Message) : e.Message)]);

    private static Error NotDerived(Dataset dataset) => new(ErrorKind.Invalid, "dataset.not-derived",
        Text.Pick("Bộ dữ liệu «{0}» không được tạo từ kịch bản nên không thể làm mới theo cách này. Hãy tải tệp mới lên.",
            "Dataset '{0}' was not made from a scenario, so it cannot be refreshed this way. Upload a new file instead.", dataset.Name));

    private static Error ScenarioGone(DatasetDerivation derivation) => new(ErrorKind.Invalid, "dataset.scenario-deleted",
        Text.Pick("Kịch bản «{0}» tạo ra bộ dữ liệu này đã bị xóa nên không thể làm mới. Dữ liệu hiện có vẫn dùng được.",
            "Scenario '{0}', which made this dataset, was deleted, so it cannot be refreshed. The current rows stay usable.",
            derivation.ScenarioName));
}
