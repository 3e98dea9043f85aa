using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Charts;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.App.Features.Dashboards;

/// <summary>
/// A dashboard as its viewers see it: the filter bar (its values in the URL, so a view can be shared), the tiles on the
/// grid, each loading on its own, and live updates when a dataset behind a tile is loaded again.
/// </summary>
public partial class DashboardPage
{
    /// <summary>How often the data versions are re-read, for loads made by another app instance.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    [Inject] private DashboardService Dashboards { get; set; } = default!;
    [Inject] private DashboardRunner Runner { get; set; } = default!;
    [Inject] private ScenarioService Scenarios { get; set; } = default!;
    [Inject] private DatasetChanges Changes { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The dashboard's key, from the route. Required.</summary>
    [Parameter]
    public string Key { get; set; } = "";

    private readonly CancellationTokenSource _closed = new();
    private readonly ConcurrentDictionary<string, TileResult> _results = new();
    private readonly Dictionary<string, Visual> _visuals = [];
    private readonly HashSet<string> _running = [];
    private Caller? _caller;
    private Dashboard? _dashboard;
    private DashboardDocument? _document;
    private string? _error;
    private string? _loadedKey;
    private Dictionary<string, string> _values = [];
    private IReadOnlyList<CrossFilter> _chips = [];
    private CancellationTokenSource? _run;
    private IDisposable? _subscription;
    private Dictionary<string, long> _versions = [];
    private PeriodicTimer? _poll;

    /// <summary>Grid row height on a wall screen: taller rows for the larger text.</summary>
    private const int PresentedRowHeight = 110;
    private Presentation? _presentation;
    private bool _presentationShown;
    private bool _fullScreen = true;
    private bool _paused;
    private int _remaining;
    private PeriodicTimer? _tick;

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnParametersSetAsync()
    {
        _caller ??= await CurrentCaller.GetAsync();
        if (_loadedKey != Key)
        {
            await LoadAsync();
        }
        ApplyQuery();
    }

    // Note: a change of the query string alone leaves the route's parameters equal, so Blazor does not set them again.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() =>
    {
        if (_loadedKey == Key)
        {
            ApplyQuery();
            StateHasChanged();
        }
    });

    /// <summary>Runs the tiles when the URL's filter values differ from those of the last run.</summary>
    private void ApplyQuery()
    {
        ApplyPresentation();
        if (_document is null)
        {
            return;
        }
        var values = FromQuery(_document);
        var chips = ChipsFromQuery(_document);
        if (_run is null || !SameValues(values, _values) || !chips.Select(c => c.ToQuery()).SequenceEqual(_chips.Select(c => c.ToQuery())))
        {
            _values = values;
            _chips = chips;
            StartRun(null);
        }
    }

    private async Task LoadAsync()
    {
        _loadedKey = Key;
        _subscription?.Dispose();
        _run?.Cancel();
        _run = null;
        _results.Clear();
        _visuals.Clear();
        var found = await Dashboards.GetAsync(_caller!, Key, _closed.Token);
        if (found.Error is { } error)
        {
            _error = error.Message;
            _dashboard = null;
            _document = null;
            return;
        }
        _error = null;
        _dashboard = found.Value!;
        _document = DashboardDocument.Read(_dashboard.LayoutJson) ?? DashboardDocument.Empty;
        foreach (var (tileId, visual) in await DashboardVisuals.LoadAsync(Scenarios, _caller!, _document, _closed.Token))
        {
            _visuals[tileId] = visual;
        }
        await WatchAsync();
    }

    /// <summary>The filter values the URL gives, each checked against its filter's type and allowed values.</summary>
    private Dictionary<string, string> FromQuery(DashboardDocument document)
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in document.Filters)
        {
            if (query.TryGetValue(filter.Name, out var given) && given.ToString() is { Length: > 0 } text && IsValid(filter, text))
            {
                values[filter.Name] = text;
            }
        }
        return values;
    }

    /// <summary>Starts, changes or ends the presentation the URL asks for; each dashboard shown starts its full interval.</summary>
    private void ApplyPresentation()
    {
        var presentation = Presentation.FromQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query, Key);
        if (presentation is not null && (_presentation is null || _loadedKey != _presentedKey))
        {
            _remaining = presentation.Seconds;
        }
        _presentedKey = _loadedKey;
        _presentation = presentation;
        if (presentation is { Rotates: true } && _tick is null)
        {
            _tick = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
            _ = RotateAsync(_tick);
        }
    }

    private string? _presentedKey;

    /// <summary>Counts down each second (not while paused) and moves to the next dashboard at zero.</summary>
    private async Task RotateAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                await InvokeAsync(() =>
                {
                    if (_presentation is not { Rotates: true } presentation || _paused)
                    {
                        return;
                    }
                    if (--_remaining <= 0)
                    {
                        GoTo(presentation.Next(Key));
                    }
                    StateHasChanged();
                });
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed.
        }
    }

    private void GoTo(string key)
    {
        _remaining = _presentation!.Seconds;
        Navigation.NavigateTo(_presentation.UrlOf(key));
    }

    private async Task PresentAsync()
    {
        var dialog = await Dialogs.ShowAsync<PresentDialog>(L["Dashboards.Present"],
            new DialogParameters<PresentDialog> { { d => d.CurrentKey, Key }, { d => d.Caller, _caller } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false, Data: Presentation presentation })
        {
            // Note: full screen needs the click that asked for it; the dialog's button was that click, moments ago.
            _fullScreen = await JS.InvokeAsync<bool>("workbench.enterPresentation");
            _presentationShown = true;
            Navigation.NavigateTo(presentation.UrlOf(presentation.Keys[0]));
        }
    }

    private async Task FullScreenAsync() => _fullScreen = await JS.InvokeAsync<bool>("workbench.enterPresentation");

    private async Task StopPresentingAsync()
    {
        _presentationShown = false;
        await JS.InvokeVoidAsync("workbench.exitPresentation");
        Navigation.NavigateTo($"dashboards/{Uri.EscapeDataString(Key)}");
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A presentation opened from its URL (the meeting-room screen's bookmark) enters here, without a click.
        if (_presentation is not null && !_presentationShown)
        {
            _presentationShown = true;
            _fullScreen = await JS.InvokeAsync<bool>("workbench.enterPresentation");
            StateHasChanged();
        }
        else if (_presentation is null && _presentationShown)
        {
            _presentationShown = false;
            await JS.InvokeVoidAsync("workbench.exitPresentation");
        }
    }

    /// <summary>The chips the URL carries, each on a tile of this dashboard; one per tile and column, the last winning.</summary>
    private List<CrossFilter> ChipsFromQuery(DashboardDocument document)
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        var chips = new List<CrossFilter>();
        if (query.TryGetValue(CrossFilter.QueryName, out var given))
        {
            foreach (var chip in given.Select(CrossFilter.FromQuery).OfType<CrossFilter>().Where(c => document.Tile(c.TileId) is not null))
            {
                chips.RemoveAll(c => c.TileId == chip.TileId && c.Column == chip.Column);
                chips.Add(chip);
            }
        }
        return chips;
    }

    private static bool SameValues(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other == pair.Value);

    private string? Value(DashboardFilter filter) => _values.GetValueOrDefault(filter.Name) ?? filter.Default;

    private static bool IsValid(DashboardFilter filter, string? text) =>
        string.IsNullOrEmpty(text)
        || (FilterValues.TryParse(text, filter.Type, out _) && (filter.AllowedValues is not { Count: > 0 } allowed || allowed.Contains(text)));

    private static InputType InputTypeOf(ColumnType type) => type switch
    {
        ColumnType.Integer or ColumnType.Number => InputType.Number,
        ColumnType.Date => InputType.Date,
        _ => InputType.Text,
    };

    /// <summary>Writes the new value to the URL (replacing the history entry); the URL change re-runs the tiles.</summary>
    private Task SetFilterAsync(DashboardFilter filter, string? text)
    {
        if (IsValid(filter, text))
        {
            var values = new Dictionary<string, string>(_values);
            if (string.IsNullOrEmpty(text))
            {
                values.Remove(filter.Name);
            }
            else
            {
                values[filter.Name] = text;
            }
            Navigate(values, _chips);
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes the view to the URL (replacing the history entry), so it can be shared; the URL change re-runs the tiles.</summary>
    private void Navigate(IReadOnlyDictionary<string, string> values, IReadOnlyList<CrossFilter> chips)
    {
        var query = new Dictionary<string, object?>();
        foreach (var filter in _document!.Filters)
        {
            query[filter.Name] = values.GetValueOrDefault(filter.Name);
        }
        query[CrossFilter.QueryName] = chips.Count == 0 ? null : chips.Select(c => c.ToQuery()).ToArray();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query), replace: true);
    }

    /// <summary>
    /// A click on a tile's chart: a chip filtering the other tiles by the clicked value, replacing the tile's chip on
    /// that column; clicking the chip's own value again removes it.
    /// </summary>
    private void CrossFilterFrom(DashboardTile tile, ChartClick click)
    {
        var chip = new CrossFilter(tile.Id, click.Column, click.Type, JsonSerializer.SerializeToElement(click.Value));
        var chips = _chips.Where(c => !(c.TileId == tile.Id && c.Column == click.Column)).ToList();
        if (!_chips.Any(c => c.ToQuery() == chip.ToQuery()))
        {
            chips.Add(chip);
        }
        Navigate(_values, chips);
    }

    private void RemoveChip(CrossFilter chip) => Navigate(_values, [.. _chips.Where(c => c != chip)]);

    private void ClearChips() => Navigate(_values, []);

    private Task DrillAsync(CrossFilter chip) => Dialogs.ShowAsync<DrillDownDialog>(
        L["Dashboards.DrillTitle", ChipValue(chip)],
        new DialogParameters<DrillDownDialog>
        {
            { d => d.DashboardKey, Key },
            { d => d.Caller, _caller },
            { d => d.Values, _values },
            { d => d.Chips, _chips },
            { d => d.Clicked, chip },
        },
        new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });

    /// <summary>The chip's value as the tiles show it.</summary>
    private string ChipValue(CrossFilter chip) => chip.Value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => L["Chart.Blank"],
        JsonValueKind.True => L["Value.True"],
        JsonValueKind.False => L["Value.False"],
        JsonValueKind.Number when chip.Value.TryGetInt64(out var whole) => Formats.Number(whole),
        JsonValueKind.Number => Formats.Number(chip.Value.GetDouble()),
        _ when chip.Type == ColumnType.Date && DateOnly.TryParse(chip.Value.GetString(), CultureInfo.InvariantCulture, out var date) =>
            Formats.Cell(date, "", ""),
        _ => chip.Value.ToString(),
    };

    /// <summary>The values the tile's own chips picked, typed as its rows have them, for its chart to mark.</summary>
    private IReadOnlyList<object?> Picked(DashboardTile tile) =>
        _chips.Where(c => c.TileId == tile.Id).Select(c => c.Value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True or JsonValueKind.False => c.Value.GetBoolean(),
            JsonValueKind.Number when c.Type == ColumnType.Integer && c.Value.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => c.Value.GetDouble(),
            _ when c.Type == ColumnType.Date && DateOnly.TryParse(c.Value.GetString(), CultureInfo.InvariantCulture, out var date) => date,
            _ when c.Type == ColumnType.DateTime && DateTime.TryParse(c.Value.GetString(), CultureInfo.InvariantCulture, out var moment) => moment,
            _ => (object?)c.Value.ToString(),
        }).ToList();

    private string ChipTitle(CrossFilter chip) => _document?.Tile(chip.TileId)?.Title ?? chip.TileId;

    private bool HasClickableCharts => _document?.Tiles.Any(t => t.Kind == TileKind.Visual && _visuals.ContainsKey(t.Id)) == true;

    private static string CellStyle(DashboardTile tile) => string.Create(CultureInfo.InvariantCulture,
        $"--x:{tile.Position.X + 1};--w:{tile.Position.W};--y:{tile.Position.Y + 1};--h:{tile.Position.H}");

    /// <summary>
    /// Runs the tiles (all, or <paramref name="only"/>), each on its own so it shows as soon as it is back; at most
    /// <see cref="DashboardOptions.MaxConcurrentTiles"/> at a time. A newer run (a filter change) cancels this one.
    /// </summary>
    private void StartRun(IReadOnlySet<string>? only)
    {
        if (only is null)
        {
            _run?.Cancel();
            _run = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
            _results.Clear();
        }
        var token = _run!.Token;
        var values = _values;
        var chips = _chips;
        var tiles = _document!.Tiles.Where(t => t.Kind != TileKind.Text && (only is null || only.Contains(t.Id))).Select(t => t.Id).ToList();
        _running.UnionWith(tiles);
        var bound = new SemaphoreSlim(Options.Value.MaxConcurrentTiles);
        _ = Task.WhenAll(tiles.Select(id => RunTileAsync(id, values, chips, bound, token))).ContinueWith(_ => bound.Dispose(), TaskScheduler.Default);
    }

    private async Task RunTileAsync(
        string tileId, IReadOnlyDictionary<string, string> values, IReadOnlyList<CrossFilter> chips, SemaphoreSlim bound, CancellationToken token)
    {
        try
        {
            await bound.WaitAsync(token);
            try
            {
                var run = await Runner.RunAsync(_caller!, Key, values, chips, token, new HashSet<string> { tileId });
                var result = run.Value?.Tiles.SingleOrDefault() ?? new TileResult(tileId, TileState.Failed, run.Error?.Message, [], [], false, false, []);
                token.ThrowIfCancellationRequested();
                await InvokeAsync(() =>
                {
                    // A filter change may have cancelled this run while its result waited for the renderer.
                    if (token.IsCancellationRequested)
                    {
                        return;
                    }
                    _results[tileId] = result;
                    _running.Remove(tileId);
                    StateHasChanged();
                });
            }
            finally
            {
                bound.Release();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // A newer run replaced this one, or the page closed.
        }
    }

    /// <summary>Subscribes to loads of the datasets behind the tiles in this instance, and polls their versions for others.</summary>
    private async Task WatchAsync()
    {
        var versions = await Runner.DataVersionsAsync(_caller!, Key, _closed.Token);
        if (versions.Value is not { } current)
        {
            return;
        }
        _versions = current.ToDictionary(v => v.Key, v => v.DataVersion, StringComparer.Ordinal);
        _subscription = Changes.Subscribe(current.Select(v => v.DatasetId), change => _ = InvokeAsync(() => DataChanged(change.Key, change.DataVersion)));
        if (_poll is null)
        {
            _poll = new PeriodicTimer(PollInterval, Time);
            _ = PollAsync(_poll);
        }
    }

    private async Task PollAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                if (_caller is null || _document is null)
                {
                    continue;
                }
                var versions = await Runner.DataVersionsAsync(_caller, Key, _closed.Token);
                foreach (var version in versions.Value ?? [])
                {
                    await InvokeAsync(() => DataChanged(version.Key, version.DataVersion));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed.
        }
    }

    /// <summary>Re-runs only the tiles that read <paramref name="datasetKey"/>, when its version is new to the page.</summary>
    private void DataChanged(string datasetKey, long dataVersion)
    {
        if (_document is null || _run is null || _versions.GetValueOrDefault(datasetKey) >= dataVersion)
        {
            return;
        }
        _versions[datasetKey] = dataVersion;
        var affected = _results.Values.Where(r => r.Freshness.Any(f => f.Key == datasetKey)).Select(r => r.TileId).ToHashSet();
        // A tile not yet back, or without access, has no freshness to go by: re-run them all then.
        StartRun(affected.Count > 0 ? affected : _document.Tiles.Where(t => t.Kind != TileKind.Text).Select(t => t.Id).ToHashSet());
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _tick?.Dispose();
        if (_presentationShown)
        {
            try
            {
                // Leaving the page must bring the app bar and menu back.
                await JS.InvokeVoidAsync("workbench.exitPresentation");
            }
            catch (Exception exception) when (exception is JSDisconnectedException or TaskCanceledException or InvalidOperationException)
            {
                // The circuit is gone: the next page load starts without the presentation class.
            }
        }
        _subscription?.Dispose();
        _poll?.Dispose();
        await _closed.CancelAsync();
        _closed.Dispose();
        _run?.Dispose();
    }
}
