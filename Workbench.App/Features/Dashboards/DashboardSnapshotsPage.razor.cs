using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.App.Features.Dashboards;

/// <summary>
/// A dashboard's period snapshots (issue 7, item 8): the list, "Chốt số liệu kỳ" with the filter values the page was
/// opened with (the dashboard's URL query), a snapshot's frozen tiles under a banner saying they do not change, its
/// comparison with the live figures, and deletion for those who may take snapshots.
/// </summary>
public partial class DashboardSnapshotsPage
{
    [Inject] private DashboardService Dashboards { get; set; } = default!;
    [Inject] private DashboardSnapshots Snapshots { get; set; } = default!;
    [Inject] private ScenarioService Scenarios { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The dashboard's key, from the route. Required.</summary>
    [Parameter]
    public string Key { get; set; } = "";

    private Caller? _caller;
    private Dashboard? _dashboard;
    private DashboardDocument? _document;
    private IReadOnlyList<SnapshotSummary>? _snapshots;
    private Dictionary<string, Visual> _visuals = [];
    private Dictionary<string, string> _filterValues = [];
    private bool _canSnapshot;
    private string? _error;
    private SnapshotView? _open;
    private IReadOnlyList<TileComparison>? _comparison;
    private bool _busy;
    private bool _comparing;
    private string? _message;
    private bool _failed;

    protected override async Task OnParametersSetAsync()
    {
        _caller ??= await CurrentCaller.GetAsync();
        var found = await Dashboards.GetAsync(_caller!, Key, CancellationToken.None);
        if (found.Error is { } error)
        {
            _error = error.Message;
            return;
        }
        _dashboard = found.Value!;
        _document = DashboardDocument.Read(_dashboard.LayoutJson) ?? DashboardDocument.Empty;
        _canSnapshot = DashboardAccess.CanSnapshot(_caller!, _dashboard);
        _filterValues = FromQuery(_document);
        _visuals = await DashboardVisuals.LoadAsync(Scenarios, _caller!, _document, CancellationToken.None);
        await ListAsync();
    }

    private string DashboardHref => $"dashboards/{Uri.EscapeDataString(Key)}{new Uri(Navigation.Uri).Query}";

    /// <summary>The URL's values of the dashboard's filters, as the dashboard page passes them; other names are ignored.</summary>
    private Dictionary<string, string> FromQuery(DashboardDocument document)
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in document.Filters)
        {
            if (query.TryGetValue(filter.Name, out var given) && given.ToString() is { Length: > 0 } text && FilterValues.TryParse(text, filter.Type, out _))
            {
                values[filter.Name] = text;
            }
        }
        return values;
    }

    private async Task ListAsync()
    {
        var listed = await Snapshots.ListAsync(_caller!, Key, CancellationToken.None);
        if (listed.Error is { } error)
        {
            _error = error.Message;
            return;
        }
        _snapshots = listed.Value!;
    }

    private async Task TakeAsync()
    {
        var parameters = new DialogParameters<TakeSnapshotDialog>
        {
            { d => d.Caller, _caller! },
            { d => d.DashboardKey, Key },
            { d => d.FilterValues, _filterValues },
            { d => d.FiltersShown, _filterValues.Count == 0 ? null : FiltersText(_filterValues) },
        };
        var dialog = await Dialogs.ShowAsync<TakeSnapshotDialog>(L["DashSnapshots.Take"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: SnapshotSummary taken })
        {
            Say(L["DashSnapshots.Taken", taken.Period], failed: false);
            await ListAsync();
            await OpenAsync(taken);
        }
    }

    private async Task OpenAsync(SnapshotSummary snapshot)
    {
        _busy = true;
        var view = await Snapshots.GetAsync(_caller!, Key, snapshot.Id, CancellationToken.None);
        _busy = false;
        if (view.Error is { } error)
        {
            Say(error.Message, failed: true);
            return;
        }
        (_open, _comparison) = (view.Value!, null);
    }

    private async Task CompareAsync(SnapshotSummary snapshot)
    {
        if (_open?.Summary.Id != snapshot.Id)
        {
            await OpenAsync(snapshot);
            if (_open?.Summary.Id != snapshot.Id)
            {
                return;
            }
        }
        (_busy, _comparing) = (true, true);
        StateHasChanged();
        var compared = await Snapshots.CompareAsync(_caller!, Key, snapshot.Id, CancellationToken.None);
        (_busy, _comparing) = (false, false);
        if (compared.Error is { } error)
        {
            Say(error.Message, failed: true);
            return;
        }
        _comparison = compared.Value!;
    }

    private async Task DeleteAsync(SnapshotSummary snapshot)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["DashSnapshots.DeleteTitle", snapshot.Period], L["DashSnapshots.DeleteText", snapshot.Period],
            yesText: L["DashSnapshots.Delete"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        var deleted = await Snapshots.DeleteAsync(_caller!, Key, snapshot.Id, CancellationToken.None);
        if (deleted.Error is { } error)
        {
            Say(error.Message, failed: true);
            return;
        }
        if (_open?.Summary.Id == snapshot.Id)
        {
            Close();
        }
        Say(L["DashSnapshots.Deleted", snapshot.Period], failed: false);
        await ListAsync();
    }

    private void Close() => (_open, _comparison) = (null, null);

    private void Say(string message, bool failed) => (_message, _failed) = (message, failed);

    /// <summary>Filter values as people read them: "Năm = 2024; Huyện = Bình Sơn" by the filters' labels.</summary>
    private string FiltersText(IReadOnlyDictionary<string, string> values) => values.Count == 0
        ? L["DashSnapshots.DefaultFilters"]
        : string.Join("; ", values.Select(v => $"{_document?.Filters.FirstOrDefault(f => f.Name == v.Key)?.Label ?? v.Key} = {v.Value}"));

    /// <summary>
    /// The frozen tiles placed as the dashboard places them now; a tile since removed from the dashboard goes below the
    /// others, full width, so nothing frozen is hidden.
    /// </summary>
    private IEnumerable<(DashboardTile Tile, TileResult Result)> FrozenTiles(SnapshotView view)
    {
        var below = _document!.Tiles.Count == 0 ? 0 : _document.Tiles.Max(t => t.Position.Y + t.Position.H);
        var placed = new List<(DashboardTile, TileResult)>();
        foreach (var frozen in view.Content.Tiles)
        {
            var tile = _document.Tile(frozen.TileId) ?? new DashboardTile(frozen.TileId, TileKind.Table, frozen.Title, new TilePosition(0, below, DashboardDocument.GridColumns, 4));
            if (_document.Tile(frozen.TileId) is null)
            {
                below += 4;
            }
            // Frozen figures are not overdue: the chips say when each source was last loaded as of the snapshot.
            placed.Add((tile with { Title = frozen.Title }, new TileResult(frozen.TileId, frozen.State, frozen.Message, frozen.Columns, frozen.Rows, frozen.Truncated, false,
                [.. frozen.Sources.Select(s => new DatasetFreshness(s.Key, s.Name, s.OwnerAgency, s.DataVersion, s.LastLoadedAt, UpdateFrequency.Irregular, Overdue: false))])));
        }
        return placed.OrderBy(p => p.Item1.Position.Y).ThenBy(p => p.Item1.Position.X);
    }

    private static string CellStyle(DashboardTile tile) => string.Create(CultureInfo.InvariantCulture,
        $"--x:{tile.Position.X + 1};--w:{tile.Position.W};--y:{tile.Position.Y + 1};--h:{tile.Position.H}");
}
