using System.Text.Json;
using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors.Sync;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Quality;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>A sync of rows that came with the request: its recorded run and the load's result.</summary>
public sealed record RowsSynced(SyncRun Run, LoadResult Load);

/// <summary>
/// The sync job Hangfire runs for a connector, on its schedule or "run now": one run per connector at a time (the
/// database refuses a second Running row), its progress in the SyncRun row every couple of seconds and live in
/// <see cref="SyncProgressHub"/>, transient source failures retried by <c>Connectors:Retry</c>, and the outcome, counts,
/// samples, drift and error written at the end. Shutdown or deletion of the job cancels the run: a full refresh keeps
/// the old rows, an incremental one its committed batches.
/// </summary>
public sealed partial class ConnectorJobs(
    IDbContextFactory<WorkbenchDbContext> contexts,
    ConnectorService connectors,
    ConnectorSync sync,
    DatasetService datasets,
    SyncQuality quality,
    ISourceReaders readers,
    SyncProgressHub hub,
    LocalSyncRuns local,
    JobStorage storage,
    IOptions<ConnectorsOptions> options,
    TimeProvider time,
    ILogger<ConnectorJobs> logger)
{
    /// <summary>How often a running sync writes its progress into its SyncRun row.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    private TimeProvider Time => time;

    /// <summary>
    /// What Hangfire calls. It passes the <paramref name="context"/> and a <paramref name="cancellationToken"/> that
    /// fires on server shutdown and when the job is deleted (<see cref="ConnectorScheduler.CancelAsync"/>).
    /// </summary>
    /// <remarks>
    /// No Hangfire retries: the sync retries transient failures itself, and a failed run is recorded, not repeated.
    /// </remarks>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Đồng bộ kết nối {0} ({1})")]
    public async Task RunAsync(string connectorKey, SyncTrigger trigger, string? userId, PerformContext? context, CancellationToken cancellationToken)
    {
        var result = await SyncAsync(connectorKey, trigger, userId, context?.BackgroundJob.Id, cancellationToken);
        if (result.Error is { } error)
        {
            LogRefused(connectorKey, error.Code, error.Message);
        }
    }

    /// <summary>One run of the connector, start to end.</summary>
    /// <param name="jobId">The Hangfire job running it, kept on the row so another instance can tell a live run from an interrupted one.</param>
    /// <returns>The finished run, or why it did not start (not found, not a pull connector, already running).</returns>
    public async Task<Result<SyncRun>> SyncAsync(
        string connectorKey, SyncTrigger trigger, string? userId, string? jobId, CancellationToken cancellationToken)
    {
        Connector? connector;
        string? datasetKey;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            connector = await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Key == connectorKey, cancellationToken);
            if (connector is null)
            {
                return ConnectorErrors.NotFound(connectorKey);
            }
            if (connector.Kind is not (ConnectorKind.Rest or ConnectorKind.Database))
            {
                return ConnectorJobErrors.NotPulled(connector);
            }
            datasetKey = await db.Datasets.Where(d => d.Id == connector.DatasetId).Select(d => d.Key).SingleOrDefaultAsync(cancellationToken);
        }

        var started = await StartAsync(connector, trigger, userId, jobId, cancellationToken);
        if (started.Error is { } refused)
        {
            return refused;
        }
        var run = started.Value!;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        local.Started(run.Id, connector.Key, cancel);
        var progress = new RunProgress(hub, connector.Key, run, time);
        progress.Publish(SyncRunStatus.Running);
        try
        {
            var reader = readers.For(connector, connectors.SecretsJsonOf(connector));
            if (reader.Error is { } unreadable)
            {
                return await FinishAsync(run, progress, [], unreadable);
            }
            var target = new SyncTarget(datasetKey ?? "", connector.Mode, connector.CheckpointName, reader.Value!.Columns);
            var caller = new Caller(userId, Text.Pick("Kết nối «{0}»", "Connector '{0}'", connector.Name), connector.ProvidingAgencyId, Roles.SystemAdmin);
            var settings = options.Value;

            IReadOnlyList<SyncReport> attempts;
            using (var writes = new ProgressWriter(this, run.Id, progress))
            {
                attempts = await sync.RunWithRetriesAsync(caller, target, progress.Counting(reader.Value.Read), settings.Threshold,
                    settings.Retry.Policy, (delay, ct) => Task.Delay(delay, time, ct), progress, cancel.Token);
                await writes.StopAsync();
            }
            return await FinishAsync(run, progress, attempts, null, datasetId: connector.DatasetId, cancellationToken: cancel.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnexpected(exception, connector.Key);
            var error = new Error(ErrorKind.Invalid, "sync.unexpected", Text.Pick(
                "Đồng bộ dừng vì một lỗi không lường trước: {0}", "The sync stopped on an unexpected error: {0}", exception.Message));
            await FinishAsync(run, progress, [], error);
            throw;
        }
        catch (OperationCanceledException)
        {
            return await FinishAsync(run, progress, [], null, SyncRunStatus.Cancelled);
        }
        finally
        {
            local.Ended(run.Id);
        }
    }

    /// <summary>
    /// A sync whose rows arrive with the request rather than from a source (a push with the connector's key, a delivered
    /// file): recorded as a run of <paramref name="trigger"/> under the same one-run-per-connector rule (a second one
    /// meanwhile is refused as already running), loaded all or nothing, then checked for quality like every sync.
    /// </summary>
    /// <returns>The finished run and the load, or why it did not start or failed (the failure is recorded on the run).</returns>
    public async Task<Result<RowsSynced>> SyncRowsAsync(
        Connector connector, SyncTrigger trigger, string? userId, LoadMode mode, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        string? datasetKey;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            datasetKey = await db.Datasets.Where(d => d.Id == connector.DatasetId).Select(d => d.Key).SingleOrDefaultAsync(cancellationToken);
        }
        var started = await StartAsync(connector, trigger, userId, jobId: null, cancellationToken);
        if (started.Error is { } refused)
        {
            return refused;
        }
        var run = started.Value!;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        local.Started(run.Id, connector.Key, cancel);
        var progress = new RunProgress(hub, connector.Key, run, time);
        progress.Publish(SyncRunStatus.Running);
        try
        {
            var caller = new Caller(userId, Text.Pick("Kết nối «{0}»", "Connector '{0}'", connector.Name), connector.ProvidingAgencyId, Roles.SystemAdmin);
            var before = datasetKey is null ? null : await datasets.FindAsync(datasetKey, cancel.Token);
            var loaded = await datasets.LoadAsync(caller, datasetKey ?? "", mode, rows, cancel.Token);
            var rowCountBefore = before?.RowCount ?? 0;
            var report = loaded.Error is { } error
                ? new SyncReport(SyncOutcome.Failed, rows.Count, 0, 0, 0, 0, 1, 0, [], [], null, null, null, error, false)
                : new SyncReport(SyncOutcome.Succeeded, rows.Count, loaded.Value!.RowsLoaded,
                    RowsInserted: mode == LoadMode.Replace ? loaded.Value.RowCount : Math.Max(0, loaded.Value.RowCount - rowCountBefore),
                    RowsUpdated: mode == LoadMode.Upsert ? Math.Max(0, loaded.Value.RowsLoaded - (loaded.Value.RowCount - rowCountBefore)) : 0,
                    RowsDeleted: mode == LoadMode.Replace ? rowCountBefore : 0,
                    Batches: 1, 0, [], [], null, null, loaded.Value.DataVersion, null, false);
            progress.Report(new SyncProgress(rows.Count, report.RowsLoaded, 1));
            var finished = await FinishAsync(run, progress, [report], null, datasetId: connector.DatasetId, cancellationToken: cancel.Token);
            return loaded.Error is { } failed ? failed : new RowsSynced(finished.Value!, loaded.Value!);
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(run, progress, [], null, SyncRunStatus.Cancelled);
            throw;
        }
        catch (Exception exception)
        {
            LogUnexpected(exception, connector.Key);
            await FinishAsync(run, progress, [], new Error(ErrorKind.Invalid, "sync.unexpected", Text.Pick(
                "Đồng bộ dừng vì một lỗi không lường trước: {0}", "The sync stopped on an unexpected error: {0}", exception.Message)));
            throw;
        }
        finally
        {
            local.Ended(run.Id);
        }
    }

    /// <summary>
    /// Marks as Failed ("interrupted") every Running row whose run is alive neither here nor on a live Hangfire server:
    /// its process was killed. Called on start-up; a new run of the same connector does the same for that connector.
    /// </summary>
    public async Task<int> FailInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.SyncRuns.Where(r => r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken);
        var interrupted = running.Where(r => !IsAlive(r, currentJobId: null)).ToList();
        foreach (var run in interrupted)
        {
            MarkInterrupted(run);
        }
        await db.SaveChangesAsync(cancellationToken);
        return interrupted.Count;
    }

    /// <summary>
    /// Inserts the Running row; the unique filtered index refuses it while another run of the connector is alive. File
    /// deliveries start theirs here too (<see cref="FileDeliveryService"/>), so one rule keeps one run per connector.
    /// </summary>
    internal async Task<Result<SyncRun>> StartAsync(
        Connector connector, SyncTrigger trigger, string? userId, string? jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var stale in await db.SyncRuns.Where(r => r.ConnectorId == connector.Id && r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken))
        {
            if (IsAlive(stale, jobId))
            {
                return ConnectorJobErrors.AlreadyRunning(connector.Key);
            }
            MarkInterrupted(stale);
        }
        var run = new SyncRun
        {
            ConnectorId = connector.Id,
            Trigger = trigger,
            StartedByUserId = userId,
            JobId = jobId,
            StartedAt = time.GetUtcNow(),
            Status = SyncRunStatus.Running,
        };
        db.SyncRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance inserted its Running row between our look and our insert.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (await check.SyncRuns.AnyAsync(r => r.ConnectorId == connector.Id && r.Status == SyncRunStatus.Running, cancellationToken))
            {
                return ConnectorJobErrors.AlreadyRunning(connector.Key);
            }
            throw;
        }
        return run;
    }

    /// <summary>
    /// A run is alive while this process runs it, or while its Hangfire job is processing on a server still beating.
    /// The same job seen again means Hangfire re-queued it after its server died: its earlier run was interrupted.
    /// </summary>
    private bool IsAlive(SyncRun run, string? currentJobId)
    {
        if (local.IsRunningHere(run.Id))
        {
            return true;
        }
        if (run.JobId is null || run.JobId == currentJobId)
        {
            return false;
        }
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(run.JobId);
        if (state?.Name != ProcessingState.StateName || !state.Data.TryGetValue("ServerId", out var serverId))
        {
            return false;
        }
        return storage.GetMonitoringApi().Servers().Any(server => server.Name == serverId);
    }

    private void MarkInterrupted(SyncRun run)
    {
        run.Status = SyncRunStatus.Failed;
        run.EndedAt = time.GetUtcNow();
        run.ErrorCode = "sync.interrupted";
        run.ErrorMessage = Text.Pick(
            "Lần đồng bộ bị gián đoạn: tiến trình chạy nó đã dừng giữa chừng. Dữ liệu vẫn như trước lần này (hoặc ở lô cuối đã ghi).",
            "The sync was interrupted: the process running it stopped half-way. The dataset is as it was before (or at its last committed batch).");
    }

    /// <summary>Writes the run's end: the last attempt decides the status; what changed in the dataset adds up over the attempts.</summary>
    /// <param name="datasetId">The dataset the run loaded: a run that loaded data is checked against its quality rules before it ends.</param>
    private async Task<Result<SyncRun>> FinishAsync(
        SyncRun run, RunProgress progress, IReadOnlyList<SyncReport> attempts, Error? error, SyncRunStatus? status = null,
        int? datasetId = null, CancellationToken cancellationToken = default)
    {
        // A wait cancelled between attempts repeats the failed attempt's report as Cancelled; it is not an attempt.
        var real = attempts.Count > 1 && attempts[^1] == attempts[^2] with { Outcome = SyncOutcome.Cancelled, Error = null, Transient = false }
            ? attempts.Take(attempts.Count - 1).ToList()
            : attempts.ToList();
        var last = attempts.Count > 0 ? attempts[^1] : null;
        error ??= last?.Error;
        run.Status = status ?? last?.Outcome switch
        {
            SyncOutcome.Succeeded => SyncRunStatus.Succeeded,
            SyncOutcome.Cancelled => SyncRunStatus.Cancelled,
            _ => SyncRunStatus.Failed,
        };
        run.EndedAt = time.GetUtcNow();
        run.Attempts = Math.Max(progress.Attempts, real.Count);
        run.RecordsRead = real.Sum(a => a.RecordsRead);
        run.Batches = real.Sum(a => a.Batches);
        run.RowsInserted = real.Sum(a => a.RowsInserted);
        run.RowsUpdated = real.Sum(a => a.RowsUpdated);
        run.RowsDeleted = real.Sum(a => a.RowsDeleted);
        run.ProblemCount = last?.ProblemCount ?? 0;
        run.ProblemSamplesJson = last is { ProblemSamples.Count: > 0 } ? JsonSerializer.Serialize(last.ProblemSamples, JsonSerializerOptions.Web) : null;
        var unmapped = real.SelectMany(a => a.UnmappedFields).Distinct().Order(StringComparer.Ordinal).ToList();
        run.UnmappedFieldsJson = unmapped.Count > 0 ? JsonSerializer.Serialize(unmapped, JsonSerializerOptions.Web) : null;
        run.WatermarkBefore = real.FirstOrDefault()?.WatermarkBefore;
        run.WatermarkAfter = last?.WatermarkAfter;
        run.DataVersion = real.LastOrDefault(a => a.DataVersion is not null)?.DataVersion;
        run.ErrorCode = run.Status == SyncRunStatus.Failed ? error?.Code : null;
        run.ErrorMessage = run.Status == SyncRunStatus.Failed ? Truncated(error?.Message) : null;
        if (run.Status == SyncRunStatus.Succeeded && run.DataVersion is not null && datasetId is { } loaded)
        {
            // Still Running meanwhile: the check reads the rows this run loaded, not the next run's.
            await quality.RecordAsync(run, loaded, cancellationToken);
        }

        // The run's end is written even when its token fired: that is what cancelled it.
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.SyncRuns.Attach(run);
            db.Entry(run).State = EntityState.Modified;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        progress.Publish(run.Status, run.RecordsRead, run.Batches, run.ErrorMessage);
        LogFinished(run.Id, run.Status, run.Attempts, run.RecordsRead);
        return run;
    }

    private static string? Truncated(string? message) => message is { Length: > 4000 } ? message[..3999] + "…" : message;

    private async Task WriteProgressAsync(long runId, long records, int batches, int attempts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SyncRuns.Where(r => r.Id == runId && r.Status == SyncRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RecordsRead, records).SetProperty(r => r.Batches, batches).SetProperty(r => r.Attempts, attempts),
                cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {ConnectorKey}: sync not started ({ErrorCode}): {Reason}")]
    private partial void LogRefused(string connectorKey, string errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {ConnectorKey}: the sync failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string connectorKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} ended {Status} after {Attempts} attempt(s), {RecordsRead} records read")]
    private partial void LogFinished(long runId, SyncRunStatus status, int attempts, long recordsRead);

    /// <summary>The live counts of one run: each attempt's progress as the sync reports it, published to the hub at once.</summary>
    private sealed class RunProgress(SyncProgressHub hub, string connectorKey, SyncRun run, TimeProvider time) : IProgress<SyncProgress>
    {
        private readonly long _started = time.GetTimestamp();
        private SyncProgress _latest = new(0, 0, 0);
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public SyncProgress Latest => Volatile.Read(ref _latest);

        /// <summary>The read, counting each call as an attempt (the sync calls it once per attempt).</summary>
        public Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> Counting(Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> read) =>
            (since, ct) =>
            {
                Interlocked.Increment(ref _attempts);
                Volatile.Write(ref _latest, new SyncProgress(0, 0, 0));
                return read(since, ct);
            };

        public void Report(SyncProgress value)
        {
            Volatile.Write(ref _latest, value);
            Publish(SyncRunStatus.Running);
        }

        public void Publish(SyncRunStatus status) => Publish(status, Latest.RecordsRead, Latest.Batches, null);

        public void Publish(SyncRunStatus status, long records, int batches, string? error) => hub.Publish(new SyncRunProgress(
            connectorKey, run.Id, status, Math.Max(Attempts, 1), records, Latest.RowsLoaded, batches, run.StartedAt, time.GetElapsedTime(_started), error));
    }

    /// <summary>Copies the live counts into the SyncRun row every <see cref="ProgressInterval"/> while they change.</summary>
    private sealed class ProgressWriter : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ProgressWriter(ConnectorJobs jobs, long runId, RunProgress progress)
        {
            _loop = LoopAsync(jobs, runId, progress, _stop.Token);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }

        private static async Task LoopAsync(ConnectorJobs jobs, long runId, RunProgress progress, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(ProgressInterval, jobs.Time);
            var written = (progress.Latest, progress.Attempts);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var now = (progress.Latest, progress.Attempts);
                    if (now == written)
                    {
                        continue;
                    }
                    await jobs.WriteProgressAsync(runId, now.Latest.RecordsRead, now.Latest.Batches, now.Attempts, stop);
                    written = now;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // Progress is a courtesy; the run's end is written regardless.
                jobs.LogProgressFailed(exception, runId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId}: its progress could not be written")]
    private partial void LogProgressFailed(Exception exception, long runId);
}
