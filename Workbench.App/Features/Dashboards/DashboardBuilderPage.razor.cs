using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.App.Features.Dashboards;

/// <summary>What the builder knows of a scenario behind tiles: its name, visuals, parameters and result columns.</summary>
public sealed record ScenarioFacts(string Key, string Name, IReadOnlyList<string> Visuals, IReadOnlyList<PipelineParameter> Parameters, IReadOnlyList<StepColumn> Columns);

/// <summary>A filter while it is being edited: allowed values as lines, bindings by tile (null: not bound).</summary>
public sealed class FilterDraft
{
    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    public ColumnType Type { get; set; } = ColumnType.Integer;
    public string AllowedText { get; set; } = "";
    public string? Default { get; set; }
    public Dictionary<string, string?> Bindings { get; } = [];

    public static FilterDraft From(DashboardFilter filter)
    {
        var draft = new FilterDraft
        {
            Name = filter.Name, Label = filter.Label, Type = filter.Type,
            AllowedText = string.Join('\n', filter.AllowedValues ?? []), Default = filter.Default,
        };
        foreach (var binding in filter.Bindings)
        {
            draft.Bindings[binding.TileId] = binding.ParameterName;
        }
        return draft;
    }

    public DashboardFilter ToFilter()
    {
        var allowed = AllowedText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new DashboardFilter(Name.Trim(), Label.Trim(), Type, allowed.Length > 0 ? allowed : null,
            string.IsNullOrWhiteSpace(Default) ? null : Default.Trim(),
            [.. Bindings.Where(b => b.Value is not null).Select(b => new FilterBinding(b.Key, b.Value!))]);
    }
}

/// <summary>
/// The dashboard builder: name and description, a tile picker, the grid (drag, resize, keyboard), the filters and their
/// bindings, saving with the version it started from, the history, publishing and deleting. Layout rules live in
/// <see cref="DashboardLayout"/>; the shape rules in <see cref="DashboardDocument.Validate"/>; who may do what in the service.
/// </summary>
public partial class DashboardBuilderPage : IAsyncDisposable
{
    /// <summary>The sizes a new tile starts at, by kind, in grid cells.</summary>
    private static readonly Dictionary<TileKind, (int W, int H)> NewSizes = new()
    {
        [TileKind.Kpi] = (3, 2), [TileKind.Visual] = (6, 4), [TileKind.Table] = (6, 4), [TileKind.Text] = (4, 2),
    };

    public static readonly ColumnType[] FilterTypes = [ColumnType.Integer, ColumnType.Text, ColumnType.Number, ColumnType.Date, ColumnType.Boolean];

    [Inject] private DashboardService Dashboards { get; set; } = default!;
    [Inject] private ScenarioService Scenarios { get; set; } = default!;
    [Inject] private QueryService Queries { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The dashboard's key, from the route. Required.</summary>
    [Parameter]
    public string Key { get; set; } = "";

    private Caller? _caller;
    private Dashboard? _dashboard;
    private string? _error;
    private string _name = "";
    private string? _description;
    private int _basedOn;
    private List<DashboardTile> _tiles = [];
    private List<FilterDraft> _filters = [];
    private IReadOnlyList<DocumentProblem> _problems = [];
    private IReadOnlyList<string> _serverProblems = [];
    private string? _saveError;
    private bool _stale;
    private bool _saving;
    private bool _dirty;
    private string? _selected;
    private IReadOnlyList<ScenarioSummary> _choices = [];
    private readonly Dictionary<string, ScenarioFacts?> _facts = new(StringComparer.Ordinal);
    private IReadOnlyList<DashboardVersionSummary> _versions = [];

    // The tile picker.
    private bool _picking;
    private TileKind _pickKind = TileKind.Table;
    private string? _pickScenario;
    private int _pickVisual;
    private string? _pickValue;
    private string? _pickPeriod;
    private string? _pickSparkline;
    private string _pickTitle = "";
    private string _pickMarkdown = "";

    private ElementReference _grid;
    private DotNetObjectReference<DashboardBuilderPage>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _attached;

    private DashboardTile? Selected => _selected is null ? null : _tiles.FirstOrDefault(t => t.Id == _selected);

    protected override async Task OnParametersSetAsync()
    {
        _caller ??= await CurrentCaller.GetAsync();
        if (_dashboard?.Key != Key)
        {
            await LoadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The grid appears once the dashboard is loaded; the drag module is attached to it once.
        if (_attached is null && _dashboard is not null && _grid.Context is not null)
        {
            _self ??= DotNetObjectReference.Create(this);
            try
            {
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Dashboards/DashboardBuilderPage.razor.js");
                _attached = _module is null ? null : await _module.InvokeAsync<IJSObjectReference>("attach", _grid, _self);
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private async Task LoadAsync()
    {
        var found = await Dashboards.GetAsync(_caller!, Key, CancellationToken.None);
        if (found.Error is { } error)
        {
            _error = error.Message;
            return;
        }
        if (!DashboardAccess.CanEdit(_caller!, found.Value!))
        {
            _error = DashboardErrors.NoEditRight(found.Value!).Message;
            return;
        }
        _error = null;
        Take(found.Value!);
        var mine = await Scenarios.ListMineAsync(_caller!, CancellationToken.None);
        var shared = await Scenarios.ListSharedWithMeAsync(_caller!, CancellationToken.None);
        _choices = [.. mine.Concat(shared.Select(s => s.Scenario)).DistinctBy(s => s.Key)];
        foreach (var key in _tiles.Select(t => t.ScenarioKey).OfType<string>().Distinct())
        {
            await FactsAsync(key);
        }
        await LoadVersionsAsync();
        Check();
    }

    private void Take(Dashboard dashboard)
    {
        _dashboard = dashboard;
        _name = dashboard.Name;
        _description = dashboard.Description;
        _basedOn = dashboard.Version;
        var document = DashboardDocument.Read(dashboard.LayoutJson) ?? DashboardDocument.Empty;
        _tiles = [.. document.Tiles];
        _filters = [.. document.Filters.Select(FilterDraft.From)];
        _stale = false;
        _saveError = null;
        _serverProblems = [];
        _dirty = false;
    }

    private async Task LoadVersionsAsync() =>
        _versions = (await Dashboards.VersionsAsync(_caller!, Key, CancellationToken.None)).Value ?? [];

    /// <summary>The scenario's visuals, parameters and result columns as the caller sees them; null when it cannot be opened.</summary>
    private async Task<ScenarioFacts?> FactsAsync(string key)
    {
        if (_facts.TryGetValue(key, out var known))
        {
            return known;
        }
        var opened = await Scenarios.GetAsync(_caller!, key, CancellationToken.None);
        if (opened.Value is not { } scenario)
        {
            return _facts[key] = null;
        }
        var visuals = ScenarioDocument.ReadVisuals(scenario.VisualsJson) ?? [];
        var parameters = PipelineJson.Parse(scenario.PipelineJson).Pipeline?.Parameters ?? [];
        var columns = await Queries.ColumnsOfAsync(_caller!, SourceReference.ForScenario(key), CancellationToken.None);
        return _facts[key] = new ScenarioFacts(key, scenario.Name,
            [.. visuals.Select((v, i) => string.IsNullOrWhiteSpace(v.Title) ? L["DashboardBuilder.VisualNumber", i + 1].Value : v.Title!)],
            parameters, columns.Value ?? []);
    }

    private ScenarioFacts? Facts(string? key) => key is not null ? _facts.GetValueOrDefault(key) : null;

    public DashboardDocument Document() =>
        new(DashboardDocument.CurrentVersion, [.. _tiles], [.. _filters.Select(f => f.ToFilter())]);

    /// <summary>Every problem of the document, shown at once next to its field.</summary>
    private void Check()
    {
        _problems = Document().Validate();
    }

    private void Changed()
    {
        _dirty = true;
        Check();
    }

    private IEnumerable<string> ProblemsOf(string prefix) =>
        _problems.Where(p => p.Field == prefix || p.Field.StartsWith(prefix + ".", StringComparison.Ordinal) || p.Field.StartsWith(prefix + "[", StringComparison.Ordinal))
            .Select(p => p.Message);

    private string TileField(string tileId) => $"tiles[{_tiles.FindIndex(t => t.Id == tileId)}]";

    // ---- Tile picker -----------------------------------------------------------------------------------------------

    private void OpenPicker()
    {
        _picking = true;
        _pickTitle = "";
        _pickMarkdown = "";
        _pickValue = _pickPeriod = _pickSparkline = null;
        _pickVisual = 0;
    }

    private async Task PickScenarioAsync(string? key)
    {
        _pickScenario = key;
        _pickVisual = 0;
        _pickValue = _pickPeriod = _pickSparkline = null;
        if (key is not null && await FactsAsync(key) is { } facts)
        {
            _pickValue = facts.Columns.FirstOrDefault(c => c.Type is ColumnType.Integer or ColumnType.Number)?.Name;
            if (string.IsNullOrWhiteSpace(_pickTitle))
            {
                _pickTitle = facts.Name;
            }
        }
    }

    private bool CanAdd => _pickKind switch
    {
        TileKind.Text => !string.IsNullOrWhiteSpace(_pickMarkdown),
        TileKind.Kpi => _pickScenario is not null && _pickValue is not null,
        TileKind.Visual => _pickScenario is not null && Facts(_pickScenario) is { Visuals.Count: > 0 },
        _ => _pickScenario is not null,
    };

    private void AddTile()
    {
        if (!CanAdd)
        {
            return;
        }
        var (w, h) = NewSizes[_pickKind];
        var id = NewTileId();
        var scenario = _pickKind == TileKind.Text ? null : _pickScenario;
        var tile = new DashboardTile(id, _pickKind, _pickTitle.Trim(), new TilePosition(0, 0, w, h), scenario,
            VisualIndex: _pickKind == TileKind.Visual ? _pickVisual : null,
            Kpi: _pickKind == TileKind.Kpi
                ? new KpiSettings(_pickValue!, _pickPeriod is null ? null : new KpiComparison(ComparisonKind.PreviousPeriod, PeriodParameter: _pickPeriod), _pickSparkline)
                : null,
            Markdown: _pickKind == TileKind.Text ? _pickMarkdown : null);
        _tiles = [.. DashboardLayout.Place(_tiles, tile)];
        foreach (var filter in _filters)
        {
            SuggestBinding(filter, tile);
        }
        _picking = false;
        _selected = id;
        Changed();
    }

    private string NewTileId()
    {
        for (var n = _tiles.Count + 1; ; n++)
        {
            var id = "o" + n.ToString(CultureInfo.InvariantCulture);
            if (_tiles.All(t => t.Id != id))
            {
                return id;
            }
        }
    }

    private void RemoveTile(DashboardTile tile)
    {
        _tiles.RemoveAll(t => t.Id == tile.Id);
        foreach (var filter in _filters)
        {
            filter.Bindings.Remove(tile.Id);
        }
        _selected = null;
        Changed();
    }

    private void SetTitle(DashboardTile tile, string? title)
    {
        var index = _tiles.FindIndex(t => t.Id == tile.Id);
        _tiles[index] = _tiles[index] with { Title = title ?? "" };
        Changed();
    }

    // ---- Grid: pointer (through JS) and keyboard --------------------------------------------------------------------

    /// <summary>The drag module's report of a tile dropped at (x, y) with size (w, h), in grid cells.</summary>
    [JSInvokable]
    public Task TileMoved(string tileId, int x, int y, int w, int h) => InvokeAsync(() =>
    {
        MoveTile(tileId, new TilePosition(x, y, w, h));
        _selected = tileId;
        StateHasChanged();
    });

    private void MoveTile(string tileId, TilePosition target)
    {
        _tiles = [.. DashboardLayout.Move(_tiles, tileId, target)];
        Changed();
    }

    /// <summary>A selected tile: arrows move it one cell, Shift+arrows resize it, Delete removes it.</summary>
    private void OnTileKey(DashboardTile tile, KeyboardEventArgs e)
    {
        var p = tile.Position;
        var (dx, dy) = e.Key switch
        {
            "ArrowLeft" => (-1, 0),
            "ArrowRight" => (1, 0),
            "ArrowUp" => (0, -1),
            "ArrowDown" => (0, 1),
            _ => (0, 0),
        };
        _selected = tile.Id;
        if (dx == 0 && dy == 0)
        {
            return;
        }
        MoveTile(tile.Id, e.ShiftKey ? p with { W = p.W + dx, H = p.H + dy } : p with { X = p.X + dx, Y = p.Y + dy });
    }

    private static string CellStyle(DashboardTile tile) => string.Create(CultureInfo.InvariantCulture,
        $"--x:{tile.Position.X + 1};--y:{tile.Position.Y + 1};--w:{tile.Position.W};--h:{tile.Position.H}");

    // ---- Filters ----------------------------------------------------------------------------------------------------

    private void AddFilter()
    {
        var name = "nam";
        for (var n = 2; _filters.Any(f => f.Name == name); n++)
        {
            name = "nam" + n.ToString(CultureInfo.InvariantCulture);
        }
        var filter = new FilterDraft { Name = name, Label = L["DashboardBuilder.FilterYear"], Type = ColumnType.Integer };
        _filters.Add(filter);
        SuggestBindings(filter);
        Changed();
    }

    private void RemoveFilter(FilterDraft filter)
    {
        _filters.Remove(filter);
        Changed();
    }

    private void SetFilterName(FilterDraft filter, string? name)
    {
        filter.Name = name ?? "";
        SuggestBindings(filter);
        Changed();
    }

    private void SetFilterType(FilterDraft filter, ColumnType type)
    {
        filter.Type = type;
        // A binding to a parameter of another type no longer fits.
        foreach (var tileId in filter.Bindings.Keys.ToList())
        {
            if (filter.Bindings[tileId] is { } parameter && !Bindable(_tiles.FirstOrDefault(t => t.Id == tileId), filter).Contains(parameter))
            {
                filter.Bindings[tileId] = null;
            }
        }
        SuggestBindings(filter);
        Changed();
    }

    private void SetBinding(FilterDraft filter, string tileId, string? parameter)
    {
        filter.Bindings[tileId] = string.IsNullOrEmpty(parameter) ? null : parameter;
        Changed();
    }

    /// <summary>The tile's parameters of the filter's type, which the filter may fill.</summary>
    private IReadOnlyList<string> Bindable(DashboardTile? tile, FilterDraft filter) =>
        tile is null || tile.Kind == TileKind.Text || Facts(tile.ScenarioKey) is not { } facts
            ? []
            : [.. facts.Parameters.Where(p => p.Type == filter.Type).Select(p => p.Name)];

    private void SuggestBindings(FilterDraft filter)
    {
        foreach (var tile in _tiles)
        {
            SuggestBinding(filter, tile);
        }
    }

    /// <summary>A tile not yet bound to the filter gets its parameter of the filter's name and type, when it has one.</summary>
    private void SuggestBinding(FilterDraft filter, DashboardTile tile)
    {
        if (filter.Bindings.GetValueOrDefault(tile.Id) is null && Bindable(tile, filter).Contains(filter.Name.Trim()))
        {
            filter.Bindings[tile.Id] = filter.Name.Trim();
        }
    }

    // ---- Save, history, publish, delete -------------------------------------------------------------------------------

    private async Task SaveAsync()
    {
        Check();
        if (_problems.Count > 0)
        {
            return;
        }
        _saving = true;
        _saveError = null;
        _serverProblems = [];
        try
        {
            var saved = await Dashboards.SaveAsync(_caller!, Key, new DashboardContent(_name, _description, Document()), _basedOn, CancellationToken.None);
            if (saved.Error is { } error)
            {
                _stale = error.Kind == Workbench.Core.Common.ErrorKind.Conflict;
                _saveError = error.Message;
                _serverProblems = error.Details ?? [];
                return;
            }
            _dashboard = saved.Value!;
            _basedOn = saved.Value!.Version;
            _dirty = false;
            await LoadVersionsAsync();
            Snackbar.Add(L["DashboardBuilder.Saved", _basedOn], Severity.Success);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ReloadAsync()
    {
        var found = await Dashboards.GetAsync(_caller!, Key, CancellationToken.None);
        if (found.Value is { } dashboard)
        {
            Take(dashboard);
            foreach (var key in _tiles.Select(t => t.ScenarioKey).OfType<string>().Distinct())
            {
                await FactsAsync(key);
            }
            await LoadVersionsAsync();
            Check();
        }
    }

    private async Task RestoreAsync(int number)
    {
        var restored = await Dashboards.RestoreAsync(_caller!, Key, number, _basedOn, CancellationToken.None);
        if (restored.Error is { } error)
        {
            _stale = error.Kind == Workbench.Core.Common.ErrorKind.Conflict;
            _saveError = error.Message;
            return;
        }
        await ReloadAsync();
        Snackbar.Add(L["DashboardBuilder.Restored", number], Severity.Success);
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["DashboardBuilder.DeleteTitle"], L["DashboardBuilder.DeleteConfirm", _name],
            yesText: L["DashboardBuilder.Delete"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        var deleted = await Dashboards.DeleteAsync(_caller!, Key, CancellationToken.None);
        if (deleted.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Error);
            return;
        }
        Navigation.NavigateTo("dashboards");
    }

    private async Task PublishAsync()
    {
        var parameters = new DialogParameters<DashboardPublishDialog>
        {
            { d => d.Dashboard, _dashboard! },
            { d => d.ScenarioKeys, _tiles.Select(t => t.ScenarioKey).OfType<string>().Distinct().ToList() },
        };
        var dialog = await Dialogs.ShowAsync<DashboardPublishDialog>(L["DashboardBuilder.PublishTitle", _name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false })
        {
            var found = await Dashboards.GetAsync(_caller!, Key, CancellationToken.None);
            if (found.Value is { } dashboard)
            {
                _dashboard = dashboard;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_attached is not null)
            {
                await _attached.InvokeVoidAsync("detach");
                await _attached.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
