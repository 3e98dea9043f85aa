using System.Globalization;
using Microsoft.AspNetCore.Components;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Jobs;

namespace Workbench.App.Features.Connectors;

/// <summary>
/// Kết nối dữ liệu: every connector with its health (last run, last success, failures in a row, next run) for the
/// system administrator; connectors failing repeatedly stand out. Each row opens the connector's page.
/// </summary>
public partial class ConnectorsPage
{
    /// <summary>Failures in a row from which a connector is shown as failing repeatedly.</summary>
    public const int FailingStreak = 2;

    private Caller? _caller;
    private List<ConnectorSummary>? _connectors;
    private IReadOnlyDictionary<string, DateTimeOffset> _nextRuns = new Dictionary<string, DateTimeOffset>();
    private Error? _error;
    private string? _search;
    private HealthFilter _filter = HealthFilter.All;

    private enum HealthFilter
    {
        All,
        Failing,
        Running,
        NeverRun,
        Paused,
    }

    [Inject]
    private ConnectorService Connectors { get; set; } = default!;

    [Inject]
    private ConnectorScheduler Scheduler { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    private IEnumerable<ConnectorSummary> Filtered => (_connectors ?? [])
        .Where(c => _filter switch
        {
            HealthFilter.Failing => IsFailing(c),
            HealthFilter.Running => c.LastRun?.Status == SyncRunStatus.Running,
            HealthFilter.NeverRun => c.LastRun is null,
            HealthFilter.Paused => !c.Connector.IsActive,
            _ => true,
        })
        .Where(c => string.IsNullOrWhiteSpace(_search) || Matches(c, _search.Trim()))
        // Failing connectors first, whatever else is sorted.
        .OrderByDescending(IsFailing);

    private static bool IsFailing(ConnectorSummary connector) => connector.FailuresInARow >= FailingStreak;

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        var listed = await Connectors.ListAsync(_caller, CancellationToken.None);
        _error = listed.Error;
        _connectors = listed.Value is { } connectors ? [.. connectors] : null;
        _nextRuns = Scheduler.NextRuns();
    }

    private static bool Matches(ConnectorSummary c, string search) =>
        Contains(c.Connector.Name, search) || Contains(c.Connector.Key, search) || Contains(c.AgencyName, search) || Contains(c.DatasetName, search);

    private static bool Contains(string text, string search) =>
        Formats.Vietnamese.CompareInfo.IndexOf(text, search, CompareOptions.IgnoreCase) >= 0;

    private void Show(HealthFilter filter) => _filter = filter;

    private void ClearFilters()
    {
        _search = null;
        _filter = HealthFilter.All;
    }
}
