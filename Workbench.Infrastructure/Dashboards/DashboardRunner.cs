using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.Infrastructure.Dashboards;

/// <summary>Section <c>Dashboards</c>: how tiles run.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboards";

    /// <summary>Tiles of one dashboard run at the same time at most; the rest wait their turn. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrentTiles { get; set; } = 4;

    /// <summary>Rows a tile holds (and a snapshot freezes) at most; more set <c>truncated</c>. Default 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxTileRows { get; set; } = 2_000;
}

/// <summary>A dataset behind a tile: who provides it, its data version, its last load and whether that is older than expected.</summary>
public sealed record DatasetFreshness(
    string Key, string Name, string OwnerAgency, long DataVersion, DateTimeOffset? LastLoadedAt, UpdateFrequency Expected, bool Overdue);

/// <summary>
/// One tile's run. <see cref="TileState.Ok"/>: the columns and rows (at most <see cref="DashboardOptions.MaxTileRows"/>,
/// <see cref="Truncated"/> when there were more) and the freshness of its datasets; otherwise <see cref="Message"/> says
/// why. A KPI compared with the previous period also has that period's rows.
/// </summary>
public sealed record TileResult(
    string TileId,
    TileState State,
    string? Message,
    IReadOnlyList<StepColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    bool Truncated,
    bool Cached,
    IReadOnlyList<DatasetFreshness> Freshness,
    IReadOnlyList<object?[]>? PreviousPeriodRows = null)
{
    internal static TileResult Failed(string tileId, TileState state, string message) => new(tileId, state, message, [], [], false, false, []);
}

/// <summary>
/// A scenario tile ready to run: its saved scenario, the run with the filters' arguments and the chips' conditions, and
/// for a KPI compared with the previous period that period's run.
/// </summary>
public sealed record PreparedTile(DashboardTile Tile, Workbench.Core.Scenarios.Scenario Scenario, PipelineRun Run, PipelineRun? PreviousPeriodRun)
{
    /// <summary>The scenario visual a visual tile draws (its <see cref="DashboardTile.VisualIndex"/>, else the first); null when it has none.</summary>
    public Workbench.Core.Scenarios.Visual? Visual =>
        Tile.Kind == TileKind.Visual && Workbench.Core.Scenarios.ScenarioDocument.ReadVisuals(Scenario.VisualsJson) is { Count: > 0 } visuals
            ? visuals[Math.Clamp(Tile.VisualIndex ?? 0, 0, visuals.Count - 1)]
            : null;
}

/// <summary>A dashboard's run: its document as run and each scenario tile's result, in the document's order.</summary>
public sealed record DashboardRun(Dashboard Dashboard, DashboardDocument Document, IReadOnlyList<TileResult> Tiles);

/// <summary>A dataset a dashboard reads and its current data version, for a page to notice changes.</summary>
public sealed record DatasetVersion(int DatasetId, string Key, long DataVersion);

/// <summary>
/// Runs a dashboard's tiles for a viewer: each tile through its saved scenario's pipeline (<see cref="ScenarioRuns"/>)
/// and <see cref="QueryService"/>, so the viewer's grants, row filters and masks apply and identical queries share the
/// query cache (keyed by the sources' data versions); tiles run in parallel, at most
/// <see cref="DashboardOptions.MaxConcurrentTiles"/> at a time. A tile the viewer may not read is a state, not an error.
/// </summary>
public sealed partial class DashboardRunner(
    DashboardService dashboards,
    ScenarioRuns runs,
    QueryService queries,
    IDbContextFactory<WorkbenchDbContext> contexts,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<DashboardRunner> logger)
{
    private readonly DashboardOptions _options = options.Value;

    /// <summary>Test hook: awaited as a tile starts running (inside the concurrency bound).</summary>
    internal Func<string, Task>? TileStarting { get; set; }

    /// <summary>Test hook: called as a tile finishes.</summary>
    internal Action<string>? TileFinished { get; set; }

    /// <summary>
    /// Runs the dashboard's scenario tiles (<paramref name="onlyTiles"/>: just those, e.g. the ones a data change
    /// affects) with the filter bar's values (by filter name, as text; absent ones take their defaults) and the
    /// cross-filter chips.
    /// </summary>
    public async Task<Result<DashboardRun>> RunAsync(
        Caller caller,
        string key,
        IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters,
        CancellationToken cancellationToken,
        IReadOnlySet<string>? onlyTiles = null)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var dashboard = found.Value!;
        var document = DashboardDocument.Read(dashboard.LayoutJson) ?? DashboardDocument.Empty;
        var tiles = document.Tiles.Where(t => t.Kind != TileKind.Text && (onlyTiles is null || onlyTiles.Contains(t.Id))).ToList();
        using var bound = new SemaphoreSlim(_options.MaxConcurrentTiles);
        var results = await Task.WhenAll(tiles.Select(async tile =>
        {
            await bound.WaitAsync(cancellationToken);
            try
            {
                if (TileStarting is { } starting)
                {
                    await starting(tile.Id);
                }
                return await RunTileAsync(caller, document, tile, filterValues, crossFilters, cancellationToken);
            }
            finally
            {
                TileFinished?.Invoke(tile.Id);
                bound.Release();
            }
        }));
        return new DashboardRun(dashboard, document, results);
    }

    /// <summary>
    /// The datasets behind the dashboard's tiles (through scenarios, joins and unions) with their current data versions:
    /// one small metadata read, so a page can poll it to notice loads made by another app instance, and subscribe to
    /// <see cref="Catalog.DatasetChanges"/> by these ids for loads made in this one.
    /// </summary>
    public async Task<Result<IReadOnlyList<DatasetVersion>>> DataVersionsAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var document = DashboardDocument.Read(found.Value!.LayoutJson) ?? DashboardDocument.Empty;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var datasetKeys = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(document.Tiles.Select(t => t.ScenarioKey).OfType<string>());
        while (pending.TryDequeue(out var scenarioKey))
        {
            if (!seen.Add(scenarioKey))
            {
                continue;
            }
            var json = await db.Scenarios.AsNoTracking().Where(s => s.Key == scenarioKey).Select(s => s.PipelineJson).SingleOrDefaultAsync(cancellationToken);
            if (json is null || PipelineJson.Parse(json).Pipeline is not { } pipeline)
            {
                continue;
            }
            var references = pipeline.Steps
                .Select(s => s switch { JoinStep j => (j.Dataset, j.Scenario), UnionStep u => (u.Dataset, u.Scenario), _ => (null, null) })
                .Append((pipeline.Source.Dataset, pipeline.Source.Scenario));
            foreach (var (dataset, scenario) in references)
            {
                if (dataset is not null)
                {
                    datasetKeys.Add(dataset);
                }
                if (scenario is not null)
                {
                    pending.Enqueue(scenario);
                }
            }
        }
        return await db.Datasets.AsNoTracking()
            .Where(d => datasetKeys.Contains(d.Key))
            .OrderBy(d => d.Id)
            .Select(d => new DatasetVersion(d.Id, d.Key, d.DataVersion))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The rows behind a value clicked on a tile (see <see cref="DrillDown"/>), with the filter bar's values and the
    /// other tiles' chips, read with the viewer's rights; at most <see cref="DashboardOptions.MaxTileRows"/> rows.
    /// </summary>
    public async Task<Result<TileResult>> DrillAsync(
        Caller caller,
        string key,
        IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters,
        CrossFilter clicked,
        CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var document = DashboardDocument.Read(found.Value!.LayoutJson) ?? DashboardDocument.Empty;
        if (document.Tile(clicked.TileId) is not { ScenarioKey: not null } tile)
        {
            return DashboardErrors.NoSuchTile(found.Value, clicked.TileId);
        }
        return await GuardAsync(tile, async () =>
        {
            var prepared = await PrepareRunAsync(caller, document, tile, filterValues, crossFilters, cancellationToken);
            if (prepared.Refused is { } refused)
            {
                return refused;
            }
            var behind = DrillDown.Behind(prepared.Run!, new TileCondition(clicked.Column, clicked.Type, clicked.Value), prepared.Conditions);
            if (behind is null)
            {
                return TileResult.Failed(tile.Id, TileState.Invalid, Text.Pick(
                    "Cột «{0}» của ô «{1}» được tính sau khi tổng hợp nên không có dòng chi tiết nào đứng sau giá trị này.",
                    "Column '{0}' of tile '{1}' is computed after grouping, so no detail rows stand behind this value.", clicked.Column, tile.Title));
            }
            return await ReadAsync(caller, tile, behind, previousRun: null, cancellationToken);
        });
    }

    /// <summary>
    /// A tile's scenario run with the filter bar's values and the chips that filter its source already applied, or why
    /// it cannot run; and the conditions other tiles' chips put on its result.
    /// </summary>
    private sealed record TileRun(PipelineRun? Run, Workbench.Core.Scenarios.Scenario? Scenario, TileResult? Refused, IReadOnlyList<TileCondition> Conditions);

    private async Task<TileRun> PrepareRunAsync(
        Caller caller, DashboardDocument document, DashboardTile tile, IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters, CancellationToken cancellationToken)
    {
        var arguments = CrossFiltering.ForTiles(document, filterValues, [], new Dictionary<string, IReadOnlyList<StepColumn>>())
            .Single(t => t.TileId == tile.Id);
        var prepared = await runs.PrepareAsync(caller, tile.ScenarioKey!, arguments.Arguments, cancellationToken);
        if (prepared.Error is { } refused)
        {
            return new(null, null, TileResult.Failed(tile.Id, refused.Kind == ErrorKind.Forbidden ? TileState.NoAccess : TileState.Invalid, refused.Message), []);
        }
        var run = prepared.Value.Run;
        if (!crossFilters.Any(c => c.TileId != tile.Id))
        {
            return new(run, prepared.Value.Scenario, null, []);
        }
        var columns = await queries.ColumnsOfAsync(caller, SourceReference.ForScenario(tile.ScenarioKey!), cancellationToken);
        if (columns.Error is { } columnsError)
        {
            return new(null, null, Refused(tile, columnsError), []);
        }
        var conditions = CrossFiltering.ForTiles(document, filterValues, crossFilters,
                new Dictionary<string, IReadOnlyList<StepColumn>> { [tile.Id] = columns.Value! })
            .Single(t => t.TileId == tile.Id).Conditions;
        if (crossFilters.Any(c => c.TileId != tile.Id && conditions.All(a => a.Column != c.Column)))
        {
            var sourceColumns = await queries.ColumnsOfAsync(caller, run.Pipeline.Source, cancellationToken);
            if (sourceColumns.Error is { } sourceError)
            {
                return new(null, null, Refused(tile, sourceError), []);
            }
            run = CrossFiltering.ApplyAtSource(run, CrossFiltering.ForSource(tile.Id, crossFilters, conditions, sourceColumns.Value!));
        }
        return new(run, prepared.Value.Scenario, null, conditions);
    }

    /// <summary>
    /// The run of tile <paramref name="tileId"/> of dashboard <paramref name="key"/> as <see cref="RunAsync"/> would run it
    /// with these filter values and chips (for a download of the tile's full result): its scenario, its pipeline with the
    /// filters' arguments and the chips' conditions, and a KPI's previous-period run. An error when the dashboard or
    /// tile does not exist, the tile is text, or the caller may not run it.
    /// </summary>
    public async Task<Result<PreparedTile>> PrepareTileAsync(
        Caller caller, string key, string tileId, IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters, CancellationToken cancellationToken)
    {
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var document = DashboardDocument.Read(found.Value!.LayoutJson) ?? DashboardDocument.Empty;
        if (document.Tile(tileId) is not { } tile)
        {
            return DashboardErrors.NoSuchTile(found.Value, tileId);
        }
        if (tile.Kind == TileKind.Text || tile.ScenarioKey is null)
        {
            return DashboardErrors.TextTile(tile);
        }
        var (prepared, failure) = await PrepareTileAsync(caller, document, tile, filterValues, crossFilters, cancellationToken);
        return prepared is not null ? prepared
            : new Error(failure!.State == TileState.NoAccess ? ErrorKind.Forbidden : ErrorKind.Invalid, "dashboard.tile-refused", failure.Message!);
    }

    /// <summary>
    /// One scenario tile's run prepared from the filter values and the chips (see <see cref="PrepareRunAsync"/>); or,
    /// when the caller may not run it, the tile's failed result.
    /// </summary>
    internal async Task<(PreparedTile? Prepared, TileResult? Failure)> PrepareTileAsync(
        Caller caller, DashboardDocument document, DashboardTile tile, IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters, CancellationToken cancellationToken)
    {
        var prepared = await PrepareRunAsync(caller, document, tile, filterValues, crossFilters, cancellationToken);
        if (prepared.Refused is { } refused)
        {
            return (null, refused);
        }
        var run = CrossFiltering.Apply(prepared.Run!, prepared.Conditions);
        var previous = tile.Kpi?.Comparison is { Kind: ComparisonKind.PreviousPeriod, PeriodParameter: { } period }
            ? CrossFiltering.PreviousPeriod(run, period)
            : null;
        return (new PreparedTile(tile, prepared.Scenario!, run, previous), null);
    }

    private Task<TileResult> RunTileAsync(
        Caller caller, DashboardDocument document, DashboardTile tile, IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters, CancellationToken cancellationToken) => GuardAsync(tile, async () =>
    {
        var (prepared, failure) = await PrepareTileAsync(caller, document, tile, filterValues, crossFilters, cancellationToken);
        return failure ?? await ReadAsync(caller, tile, prepared!.Run, prepared.PreviousPeriodRun, cancellationToken);
    });

    /// <summary>Runs <paramref name="run"/> (and the previous period's, for a KPI) as the viewer: rows capped, with the sources' freshness.</summary>
    private async Task<TileResult> ReadAsync(Caller caller, DashboardTile tile, PipelineRun run, PipelineRun? previousRun, CancellationToken cancellationToken)
    {
        var outcome = await queries.RunAsync(caller, run, cancellationToken);
        if (outcome.Error is { } queryError)
        {
            return Refused(tile, queryError);
        }
        var result = outcome.Value!;
        IReadOnlyList<object?[]>? previous = null;
        if (previousRun is not null && await queries.RunAsync(caller, previousRun, cancellationToken) is { Value: { } previousResult })
        {
            previous = [.. previousResult.Rows.Take(_options.MaxTileRows)];
        }
        var now = time.GetUtcNow();
        return new TileResult(
            tile.Id,
            TileState.Ok,
            null,
            result.Columns,
            [.. result.Rows.Take(_options.MaxTileRows)],
            result.Truncated || result.Rows.Count > _options.MaxTileRows,
            result.Cached,
            [.. result.Sources.Select(d => new DatasetFreshness(d.Key, d.Name, d.OwnerAgency?.Name ?? "", d.DataVersion, d.LastLoadedAt,
                d.ExpectedUpdateFrequency, DataFreshness.IsOverdue(d.ExpectedUpdateFrequency, d.LastLoadedAt, now)))],
            previous);
    }

    /// <summary>A tile that fails for a reason of the system's own is a tile state, logged, never an exception on the page.</summary>
    private async Task<TileResult> GuardAsync(DashboardTile tile, Func<Task<TileResult>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTileFailed(logger, exception, tile.Id, tile.ScenarioKey);
            return TileResult.Failed(tile.Id, TileState.Failed, Text.Pick(
                "Không chạy được ô «{0}» do lỗi hệ thống. Hãy thử lại sau; nếu vẫn lỗi, hãy báo quản trị hệ thống.",
                "Tile '{0}' could not run because of a system error. Try again later; if it keeps failing, tell the system administrator.", tile.Title));
        }
    }

    private static TileResult Refused(DashboardTile tile, QueryError error) => TileResult.Failed(tile.Id, error switch
    {
        { Kind: ErrorKind.Forbidden } => TileState.NoAccess,
        { Code: QueryError.TimeoutCode } => TileState.Failed,
        _ => TileState.Invalid,
    }, error.Message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard tile {TileId} over scenario {ScenarioKey} failed")]
    private static partial void LogTileFailed(ILogger logger, Exception exception, string tileId, string? scenarioKey);
}
