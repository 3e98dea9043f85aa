using System.Collections.Concurrent;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>
/// The runs under way in this process, by connector: cancelling one here is immediate, and a Running row one of these
/// owns is alive whatever Hangfire says. Another instance's runs are known through Hangfire's storage instead.
/// </summary>
public sealed class LocalSyncRuns
{
    private readonly ConcurrentDictionary<long, (string ConnectorKey, CancellationTokenSource Cancel)> _runs = new();

    internal void Started(long runId, string connectorKey, CancellationTokenSource cancel) => _runs[runId] = (connectorKey, cancel);

    internal void Ended(long runId) => _runs.TryRemove(runId, out _);

    public bool IsRunningHere(long runId) => _runs.ContainsKey(runId);

    /// <returns>Whether a run of the connector was under way here.</returns>
    public bool Cancel(string connectorKey)
    {
        var found = false;
        foreach (var (_, run) in _runs.Where(r => r.Value.ConnectorKey == connectorKey))
        {
            found = true;
            try
            {
                run.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It ended meanwhile.
            }
        }
        return found;
    }
}
