using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;

namespace Workbench.Infrastructure.Connectors.Sync;

/// <summary>
/// Where a sync writes: the dataset, how, and the name its watermark is kept under in the warehouse.
/// <see cref="Columns"/> names the dataset column of each value in a source row (the connector's mappings, in order);
/// null means the rows already have every dataset column in the dataset's order. Dataset columns no mapping fills stay empty.
/// </summary>
public sealed record SyncTarget(string DatasetKey, SyncMode Mode, string CheckpointName, IReadOnlyList<string>? Columns = null);

/// <summary>How far a running sync has come, for the live progress in the UI.</summary>
public sealed record SyncProgress(long RecordsRead, long RowsLoaded, int Batches);

public enum SyncOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// What one sync did. Rows inserted/updated/deleted are derived from the dataset's row counts (an upsert's updates are
/// its loaded rows that did not add one). <see cref="Transient"/> says a retry may succeed.
/// </summary>
public sealed record SyncReport(
    SyncOutcome Outcome,
    long RecordsRead,
    long RowsLoaded,
    long RowsInserted,
    long RowsUpdated,
    long RowsDeleted,
    int Batches,
    long ProblemCount,
    IReadOnlyList<ConversionProblem> ProblemSamples,
    IReadOnlyList<string> UnmappedFields,
    string? WatermarkBefore,
    string? WatermarkAfter,
    long? DataVersion,
    Error? Error,
    bool Transient);

/// <summary>
/// Runs one sync attempt from a source's batches into a dataset, never leaving it half-written: a full refresh streams
/// every batch into one replacing load, so any failure leaves the previous rows; an incremental sync commits batch by
/// batch with its watermark in the same warehouse transaction, so a failure leaves the dataset at its last committed
/// batch and the next attempt resumes from there. Retrying is the caller's decision (<see cref="SyncReport.Transient"/>).
/// </summary>
public sealed class ConnectorSync(DatasetService datasets, IWarehouse warehouse)
{
    /// <summary>The watermark the next incremental read starts after, or null before the first committed batch.</summary>
    public Task<string?> WatermarkAsync(SyncTarget target, CancellationToken cancellationToken) =>
        warehouse.ReadCheckpointAsync(target.CheckpointName, cancellationToken);

    public async Task<SyncReport> RunAsync(
        Caller caller,
        SyncTarget target,
        Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> read,
        ConversionThreshold threshold,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindAsync(target.DatasetKey, cancellationToken);
        if (dataset is null)
        {
            return new Tally(null, 0, threshold).Report(SyncOutcome.Failed, DatasetErrors.NotFound(target.DatasetKey));
        }
        var since = target.Mode.IsIncremental() ? await WatermarkAsync(target, cancellationToken) : null;
        var tally = new Tally(since, dataset.RowCount, threshold);
        var columns = dataset.OrderedColumns.Select(c => c.Name).ToList();
        if (target.Columns?.FirstOrDefault(c => !columns.Contains(c)) is { } unknown)
        {
            return tally.Report(SyncOutcome.Failed, new Error(ErrorKind.Invalid, "sync.unknown-column", Text.Pick(
                "Bộ dữ liệu «{0}» không có cột «{1}» mà kết nối ánh xạ tới. Hãy sửa ánh xạ cột của kết nối.",
                "Dataset '{0}' has no column '{1}', which the connector maps to. Fix the connector's column mapping.", dataset.Name, unknown)));
        }
        Func<SourceBatch, SourceBatch> arrange = target.Columns is null ? batch => batch : InDatasetOrder(target.Columns, columns);
        try
        {
            var error = target.Mode.IsIncremental()
                ? await IncrementalAsync(caller, target, Arranged(read(since, cancellationToken), arrange, cancellationToken), tally, progress, cancellationToken)
                : await FullRefreshAsync(caller, target, Arranged(read(null, cancellationToken), arrange, cancellationToken), tally, progress, cancellationToken);
            return tally.Report(error is null ? SyncOutcome.Succeeded : SyncOutcome.Failed, error);
        }
        catch (SourceReadException exception)
        {
            var error = new Error(ErrorKind.Invalid, "sync.source-" + exception.Kind.ToString().ToLowerInvariant(), exception.Message);
            return tally.Report(SyncOutcome.Failed, error, exception.IsTransient);
        }
        catch (ThresholdExceededException)
        {
            return tally.Report(SyncOutcome.Failed, threshold.Failure(tally.Problems, tally.Records));
        }
        // Note: a warehouse stopped mid-statement by the cancellation answers with its own error (DuckDB "INTERRUPT",
        // PostgreSQL 57014) rather than OperationCanceledException; the load rolled back either way.
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return tally.Report(SyncOutcome.Cancelled, null);
        }
    }

    /// <summary>
    /// Runs attempts until one succeeds, fails for good, or <paramref name="retry"/> gives up; between attempts it
    /// waits through <paramref name="wait"/> (<c>Task.Delay</c> on the app's clock; tests record the delays). An
    /// incremental retry resumes after the last committed batch; a full refresh starts again.
    /// </summary>
    /// <returns>Every attempt's report, the last one deciding the sync's outcome.</returns>
    public async Task<IReadOnlyList<SyncReport>> RunWithRetriesAsync(
        Caller caller,
        SyncTarget target,
        Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> read,
        ConversionThreshold threshold,
        RetryPolicy retry,
        Func<TimeSpan, CancellationToken, Task> wait,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        var attempts = new List<SyncReport>();
        for (var attempt = 1; ; attempt++)
        {
            var report = await RunAsync(caller, target, read, threshold, progress, cancellationToken);
            attempts.Add(report);
            if (report.Outcome != SyncOutcome.Failed || !retry.ShouldRetry(report.Transient, attempt))
            {
                return attempts;
            }
            try
            {
                await wait(retry.Delay(attempt), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                attempts.Add(report with { Outcome = SyncOutcome.Cancelled, Error = null, Transient = false });
                return attempts;
            }
        }
    }

    /// <summary>Batches a full refresh reads ahead of the warehouse load: the two overlap, and memory stays a few batches.</summary>
    private const int ReadAhead = 2;

    private async Task<Error?> FullRefreshAsync(
        Caller caller, SyncTarget target, IAsyncEnumerable<SourceBatch> batches, Tally tally, IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        Exception? failure = null;
        // The source reads (and converts) the next batches on its own task while the warehouse writes this one; the
        // load still sees one stream of rows, so the refresh stays all or nothing.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ahead = Channel.CreateBounded<SourceBatch>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        ExceptionDispatchInfo? readFailure = null;
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in batches.WithCancellation(stopReading.Token))
                {
                    await ahead.Writer.WriteAsync(batch, stopReading.Token);
                }
            }
            catch (Exception exception)
            {
                readFailure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                ahead.Writer.Complete();
            }
        }, CancellationToken.None);

        IEnumerable<object?[]> Rows()
        {
            while (true)
            {
                SourceBatch batch;
                try
                {
                    if (!ahead.Reader.TryRead(out var next))
                    {
                        if (!ahead.Reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                        {
                            readFailure?.Throw();
                            break;
                        }
                        continue;
                    }
                    batch = next;
                    tally.Add(batch);
                }
                catch (Exception exception)
                {
                    // Kept to rethrow as it was: the warehouse may wrap what its row stream throws.
                    failure = exception;
                    throw;
                }
                foreach (var row in batch.Rows)
                {
                    yield return row;
                }
                tally.Loaded += batch.Rows.Count;
                progress?.Report(tally.Progress);
            }
        }

        // The warehouse pulls the rows on a pool thread; a source failure ends the load there and the old rows stay.
        Result<LoadResult> loaded;
        try
        {
            loaded = await Task.Run(() => datasets.LoadAsync(caller, target.DatasetKey, target.Mode.LoadMode(), Rows(), cancellationToken),
                cancellationToken);
        }
        catch (Exception) when (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
            throw;
        }
        finally
        {
            // A load that ended early (refused rows, cancelled) stops the read; the source closes before the sync returns.
            await stopReading.CancelAsync();
            await reading;
        }
        if (loaded.Error is { } error)
        {
            return error;
        }
        tally.RowsInserted = loaded.Value!.RowCount;
        tally.RowsDeleted = tally.RowCountBefore;
        tally.DataVersion = loaded.Value.DataVersion;
        return null;
    }

    private async Task<Error?> IncrementalAsync(
        Caller caller, SyncTarget target, IAsyncEnumerable<SourceBatch> batches, Tally tally, IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        var rowCount = tally.RowCountBefore;
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            // A batch past the threshold is not loaded; the ones before it stay committed.
            tally.Add(batch);
            if (batch.Rows.Count == 0 && batch.Watermark == tally.WatermarkAfter)
            {
                continue;
            }
            var checkpoint = batch.Watermark is { } watermark ? new WarehouseCheckpoint(target.CheckpointName, watermark) : null;
            var loaded = await datasets.LoadAsync(caller, target.DatasetKey, target.Mode.LoadMode(), batch.Rows, checkpoint, cancellationToken);
            if (loaded.Error is { } error)
            {
                return error;
            }
            var inserted = loaded.Value!.RowCount - rowCount;
            rowCount = loaded.Value.RowCount;
            tally.Loaded += batch.Rows.Count;
            tally.RowsInserted += inserted;
            tally.RowsUpdated += batch.Rows.Count - inserted;
            tally.WatermarkAfter = batch.Watermark ?? tally.WatermarkAfter;
            tally.DataVersion = loaded.Value.DataVersion;
            progress?.Report(tally.Progress);
        }
        return null;
    }

    /// <summary>Puts each row's values where the dataset has their columns, empty where no mapping fills one.</summary>
    private static Func<SourceBatch, SourceBatch> InDatasetOrder(IReadOnlyList<string> mapped, List<string> columns)
    {
        var positions = mapped.Select(name => columns.IndexOf(name)).ToArray();
        if (positions.Length == columns.Count && positions.Select((at, i) => at == i).All(same => same))
        {
            // Every column mapped, in the dataset's order: the rows are already arranged.
            return batch => batch;
        }
        return batch => batch with
        {
            Rows = [.. batch.Rows.Select(row =>
            {
                var arranged = new object?[columns.Count];
                for (var i = 0; i < positions.Length; i++)
                {
                    arranged[positions[i]] = row[i];
                }
                return arranged;
            })],
        };
    }

    private static async IAsyncEnumerable<SourceBatch> Arranged(
        IAsyncEnumerable<SourceBatch> batches, Func<SourceBatch, SourceBatch> arrange,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            yield return arrange(batch);
        }
    }

    /// <summary>Thrown inside the row stream to stop a load when too many values did not convert.</summary>
    private sealed class ThresholdExceededException : Exception;

    /// <summary>The running counts of one sync attempt; becomes its report.</summary>
    private sealed class Tally(string? watermark, long rowCountBefore, ConversionThreshold threshold)
    {
        private readonly List<ConversionProblem> _samples = [];
        private readonly SortedSet<string> _unmapped = new(StringComparer.Ordinal);

        public long RowCountBefore { get; } = rowCountBefore;
        public string? WatermarkBefore { get; } = watermark;
        public string? WatermarkAfter { get; set; } = watermark;
        public long Records { get; private set; }
        public int Batches { get; private set; }
        public long Problems { get; private set; }
        public long Loaded { get; set; }
        public long RowsInserted { get; set; }
        public long RowsUpdated { get; set; }
        public long RowsDeleted { get; set; }
        public long? DataVersion { get; set; }

        public SyncProgress Progress => new(Records, Loaded, Batches);

        public void Add(SourceBatch batch)
        {
            Records += batch.RecordsRead;
            Batches++;
            Problems += batch.Problems.Count;
            _samples.AddRange(batch.Problems.Take(ConversionThreshold.SampleSize - _samples.Count));
            _unmapped.UnionWith(batch.UnmappedFields);
            if (threshold.IsExceeded(Problems, Records))
            {
                throw new ThresholdExceededException();
            }
        }

        public SyncReport Report(SyncOutcome outcome, Error? error, bool transient = false) => new(
            outcome, Records, Loaded, RowsInserted, RowsUpdated, RowsDeleted, Batches, Problems, [.. _samples], [.. _unmapped],
            WatermarkBefore, WatermarkAfter, DataVersion, error, transient);
    }
}
