using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Workbench.Infrastructure.Imports;

/// <summary>
/// Reads and converts rows on a second thread while the caller (the warehouse's bulk loader) consumes them, so file
/// parsing and loading overlap on a two-core machine. Rows arrive in order; an exception in the source surfaces at the
/// same row it would have without prefetching, and stopping early stops the reader.
/// </summary>
public static class PrefetchedRows
{
    private const int BatchSize = 2048;
    private const int BatchesAhead = 4;

    public static IEnumerable<object?[]> Of(IEnumerable<object?[]> source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<object?[][]>(BatchesAhead);
        ExceptionDispatchInfo? failure = null;

        var reader = Task.Factory.StartNew(() =>
        {
            var batch = new List<object?[]>(BatchSize);
            try
            {
                foreach (var row in source)
                {
                    batch.Add(row);
                    if (batch.Count == BatchSize)
                    {
                        batches.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                {
                    batches.Add([.. batch], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the consumer stopped early; nothing to report
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
                // The rows read before the failure still go first, as they would without prefetching.
                if (batch.Count > 0)
                {
                    try
                    {
                        batches.Add([.. batch], stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // the consumer has already stopped
                    }
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(cancellationToken))
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }
            reader.Wait(CancellationToken.None);
            failure?.Throw();
        }
        finally
        {
            // Note: wait for the reader so the file is closed before the caller deletes it.
            stop.Cancel();
            try
            {
                reader.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // the reader's own failure was captured above
            }
        }
    }
}
