using System.Collections.Concurrent;
using Workbench.Core.Connectors;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>Where a connector's run stands, as the live progress shows it (rows, pages, elapsed).</summary>
/// <param name="Attempt">The attempt under way, 1 for the first; retries count up.</param>
public sealed record SyncRunProgress(
    string ConnectorKey,
    long RunId,
    SyncRunStatus Status,
    int Attempt,
    long RecordsRead,
    long RowsLoaded,
    int Batches,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    string? ErrorMessage = null);

/// <summary>
/// The live progress of the runs in this process, by connector: a page subscribes to one connector and hears every
/// change, the final status included. In memory only: the SyncRun row (written every few seconds) is what other
/// instances and later visits read.
/// </summary>
public sealed class SyncProgressHub
{
    private readonly ConcurrentDictionary<string, SyncRunProgress> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);

    /// <summary>The last progress heard for the connector in this process, null when none ran here.</summary>
    public SyncRunProgress? Latest(string connectorKey) => _latest.GetValueOrDefault(connectorKey);

    /// <summary>Calls <paramref name="changed"/> on every change of the connector's run until the subscription is disposed.</summary>
    /// <remarks>Handlers run on the sync's thread: a page marshals to its renderer (InvokeAsync) and returns at once.</remarks>
    public IDisposable Subscribe(string connectorKey, Action<SyncRunProgress> changed)
    {
        _handlers.AddOrUpdate(connectorKey, _ => new([changed]), (_, existing) => new([.. existing.Items, changed]));
        return new Subscription(() => _handlers.AddOrUpdate(connectorKey, _ => new([]),
            (_, existing) => new([.. existing.Items.Where(h => h != changed)])));
    }

    public void Publish(SyncRunProgress progress)
    {
        _latest[progress.ConnectorKey] = progress;
        if (!_handlers.TryGetValue(progress.ConnectorKey, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers.Items)
        {
            try
            {
                handler(progress);
            }
            catch (Exception)
            {
                // A listener's failure (a closed page) must not fail the sync.
            }
        }
    }

    private sealed record ImmutableHandlers(Action<SyncRunProgress>[] Items);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
