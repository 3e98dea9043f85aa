namespace Workbench.Infrastructure.Catalog;

/// <summary>A dataset's rows changed: its new data version after a successful load.</summary>
public sealed record DatasetChange(int DatasetId, string Key, long DataVersion);

/// <summary>
/// Data changes in this process, by dataset: every successful load (upload, push, sync, file delivery, derived
/// refresh) passes <see cref="DatasetService"/>, which publishes here once the data version is bumped; an open dashboard
/// subscribes to the datasets behind its tiles. In memory only: across several app instances a page also re-reads the
/// data versions every so often (<see cref="Dashboards.DashboardRunner.DataVersionsAsync"/>), which is one small query.
/// </summary>
public sealed class DatasetChanges
{
    private readonly Lock _gate = new();
    private Dictionary<int, Action<DatasetChange>[]> _handlers = [];

    /// <summary>Calls <paramref name="changed"/> after every load of any of <paramref name="datasetIds"/> until disposed.</summary>
    /// <remarks>Handlers run on the loader's thread: a page marshals to its renderer (InvokeAsync) and returns at once.</remarks>
    public IDisposable Subscribe(IEnumerable<int> datasetIds, Action<DatasetChange> changed)
    {
        var ids = datasetIds.Distinct().ToList();
        lock (_gate)
        {
            var next = new Dictionary<int, Action<DatasetChange>[]>(_handlers);
            foreach (var id in ids)
            {
                next[id] = [.. next.GetValueOrDefault(id, []), changed];
            }
            _handlers = next;
        }
        return new Subscription(() =>
        {
            lock (_gate)
            {
                var next = new Dictionary<int, Action<DatasetChange>[]>(_handlers);
                foreach (var id in ids)
                {
                    var rest = next.GetValueOrDefault(id, []).Where(h => h != changed).ToArray();
                    if (rest.Length == 0)
                    {
                        next.Remove(id);
                    }
                    else
                    {
                        next[id] = rest;
                    }
                }
                _handlers = next;
            }
        });
    }

    public void Publish(DatasetChange change)
    {
        if (!Volatile.Read(ref _handlers).TryGetValue(change.DatasetId, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception)
            {
                // A listener's failure (a closed page) must not fail the load.
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
