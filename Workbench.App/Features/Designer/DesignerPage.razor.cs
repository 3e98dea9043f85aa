using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.App.Features.Designer;

/// <summary>
/// The scenario designer: palette, step cards and the selected step's editor, with a live preview of the data after the
/// selected step. Every edit re-validates the pipeline and re-runs the preview after a short pause; a newer edit cancels
/// the query still running, and leaving the page (or closing the tab) cancels it too.
/// </summary>
public sealed partial class DesignerPage : IAsyncDisposable
{
    /// <summary>Rows the preview shows.</summary>
    public const int PreviewRows = 100;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(400);

    private Caller? _caller;
    private Workbench.App.Features.Downloads.DownloadProgress? _download;
    private Scenario? _scenario;
    private string? _loadError;
    private PipelineEditor? _editor;
    private Guid? _selected;
    private string _name = "";
    private string? _description;
    private int _version;
    private bool _dirty;
    private bool _saving;
    private IReadOnlyList<Dataset> _datasets = [];
    private IReadOnlyList<ScenarioSummary> _scenarioSources = [];
    private readonly Dictionary<string, (IReadOnlyList<StepColumn> Columns, string? Error)> _scenarioColumns = new(StringComparer.Ordinal);
    private IReadOnlyList<StepColumn> _sourceColumns = [];
    private Dataset? _source;
    private List<Visual> _visuals = [];
    private List<ParameterSetting> _settings = [];
    private IReadOnlyList<ScenarioVersionSummary> _versions = [];

    private QueryValidation? _validation;
    private QueryPreview? _preview;
    private IReadOnlyList<PipelineError> _previewErrors = [];
    private string? _previewMessage;
    private QuerySql? _sql;
    private QueryResult? _result;
    private string? _resultMessage;
    private int _visualIndex;
    private bool _previewRunning;
    private CancellationTokenSource? _refresh;
    private int _drops;
    private int _rightTab;
    private int _previewTab;

    [Parameter] public string Key { get; set; } = "";

    [Inject] private ScenarioService Scenarios { get; set; } = null!;

    [Inject] private QueryService Queries { get; set; } = null!;

    [Inject] private DatasetService DatasetCatalog { get; set; } = null!;

    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ILogger<DesignerPage> Logger { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    private DotNetObjectReference<DesignerPage>? _self;
    private IJSObjectReference? _undoKeys;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_editor is not null && _undoKeys is null)
        {
            _self = DotNetObjectReference.Create(this);
            _undoKeys = await JS.InvokeAsync<IJSObjectReference>("workbench.attachUndoKeys", _self);
        }
    }

    [JSInvokable]
    public Task UndoFromKeyboard() => InvokeAsync(() =>
    {
        _editor?.Undo();
        StateHasChanged();
    });

    [JSInvokable]
    public Task RedoFromKeyboard() => InvokeAsync(() =>
    {
        _editor?.Redo();
        StateHasChanged();
    });

    protected override async Task OnParametersSetAsync()
    {
        // Parameters are set again when a cascading value above changes; unsaved edits must survive that.
        if (_loadedKey == Key)
        {
            return;
        }
        _loadedKey = Key;
        _caller ??= await CurrentCaller.GetAsync();
        await LoadAsync();
    }

    private string? _loadedKey;
    private bool _sharedOnly;

    private async Task LoadAsync()
    {
        var found = await Scenarios.GetAsync(_caller!, Key, CancellationToken.None);
        if (found.Error is { } error)
        {
            _loadError = error.Message;
            return;
        }
        var scenario = found.Value!;
        if (!ScenarioAccess.CanEdit(_caller!, scenario))
        {
            // Shared with the caller to run, not to change: the run view is theirs; a copy is editable.
            _loadError = L["Designer.SharedReadOnly", scenario.Name];
            _sharedOnly = true;
            return;
        }
        var parsed = PipelineJson.Parse(scenario.PipelineJson);
        if (!parsed.IsValid)
        {
            _loadError = L["Designer.BrokenPipeline"];
            return;
        }
        _scenario = scenario;
        _name = scenario.Name;
        _description = scenario.Description;
        _version = scenario.Version;
        _visuals = [.. ScenarioDocument.ReadVisuals(scenario.VisualsJson) ?? []];
        _settings = [.. ScenarioDocument.ReadParameterSettings(scenario.ParameterSettingsJson) ?? []];
        if (_editor is not null)
        {
            _editor.Changed -= OnPipelineChanged;
        }
        _editor = new PipelineEditor(parsed.Pipeline!);
        _editor.Changed += OnPipelineChanged;
        _selected = _editor.Steps.LastOrDefault()?.Id;
        _datasets = await DatasetCatalog.ListQueryableAsync(_caller!, CancellationToken.None);
        _scenarioSources = await Scenarios.ListUsableAsSourceAsync(_caller!, Key, CancellationToken.None);
        _scenarioColumns.Clear();
        _source = _datasets.FirstOrDefault(d => d.Key == parsed.Pipeline!.Source.Dataset);
        _sourceColumns = _source is not null ? JoinSuggestions.ColumnsOf(_source)
            : parsed.Pipeline!.Source.Scenario is { } sourceScenario ? (await ScenarioColumnsAsync(sourceScenario)).Columns
            : [];
        _dirty = false;
        _loadError = null;
        await RefreshNowAsync();
    }

    /// <summary>
    /// A saved scenario's result columns as the caller sees them, read through the engine once per scenario while the page
    /// is open (a join editor asks on every render); or the reason they cannot be read.
    /// </summary>
    private async Task<(IReadOnlyList<StepColumn> Columns, string? Error)> ScenarioColumnsAsync(string key)
    {
        if (!_scenarioColumns.TryGetValue(key, out var known))
        {
            var outcome = await Queries.ColumnsOfAsync(_caller!, SourceReference.ForScenario(key), CancellationToken.None);
            known = outcome.Error is { } error ? ([], error.Message) : (outcome.Value!, null);
            _scenarioColumns[key] = known;
        }
        return known;
    }

    private void OnPipelineChanged()
    {
        _dirty = true;
        _ = RefreshLaterAsync();
    }

    /// <summary>After a pause without edits: validate, then preview the selected step. A newer call cancels this one.</summary>
    private async Task RefreshLaterAsync()
    {
        var token = Restart();
        await GuardedAsync(async () =>
        {
            await Task.Delay(Pause, token);
            await RefreshAsync(token);
        }, token);
    }

    private Task RefreshNowAsync()
    {
        var token = Restart();
        return GuardedAsync(() => RefreshAsync(token), token);
    }

    /// <summary>
    /// Refreshes run without anyone awaiting them, so their failures are caught here: a cancelled one is simply
    /// superseded; any other failure (the warehouse unreachable, say) is shown in the preview instead of being lost.
    /// </summary>
    private async Task GuardedAsync(Func<Task> refresh, CancellationToken token)
    {
        try
        {
            await refresh();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer edit or leaving the page: its refresh or nobody needs this one.
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Designer preview of scenario {Key} failed", Key);
            (_preview, _previewErrors, _previewMessage, _previewRunning) = (null, [], L["Designer.PreviewFailed"], false);
            await InvokeAsync(StateHasChanged);
        }
    }

    private CancellationToken Restart()
    {
        var previous = _refresh;
        _refresh = new CancellationTokenSource();
        previous?.Cancel();
        previous?.Dispose();
        return _refresh.Token;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var editor = _editor!;
        _previewRunning = true;
        await InvokeAsync(StateHasChanged);

        var whole = new PipelineRun(editor.ToPipeline(), Arguments) { Scenario = Key };
        var validation = await Queries.ValidateAsync(_caller!, whole, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        _validation = validation.Value;
        var target = Target;
        var upTo = new PipelineRun(editor.UpTo(target), Arguments) { Scenario = Key };
        var blocking = BlockingErrors(target);
        if (validation.Error is { } error)
        {
            (_preview, _previewErrors, _previewMessage, _sql) = (null, error.Errors, error.Message, null);
        }
        else if (blocking.Count > 0)
        {
            (_preview, _previewErrors, _previewMessage, _sql) = (null, blocking, L["Designer.FixFirst"], null);
        }
        else
        {
            var sql = await Queries.SqlAsync(_caller!, upTo, cancellationToken);
            var preview = await Queries.PreviewAsync(_caller!, upTo, PreviewRows, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            _sql = sql.Value;
            _preview = preview.Value;
            _previewErrors = preview.Error?.Errors ?? [];
            _previewMessage = preview.Error?.Message;
        }
        await RefreshResultAsync(whole, validation.Value, cancellationToken);
        _previewRunning = false;
        await InvokeAsync(StateHasChanged);
    }

    /// <summary>The whole pipeline's result, which the visuals draw (up to the interactive row cap), when there are visuals.</summary>
    private async Task RefreshResultAsync(PipelineRun whole, QueryValidation? validation, CancellationToken cancellationToken)
    {
        if (_visuals.Count == 0)
        {
            (_result, _resultMessage) = (null, null);
            return;
        }
        if (validation is not { Valid: true })
        {
            (_result, _resultMessage) = (null, L["Designer.ChartNeedsValid"]);
            return;
        }
        var result = await Queries.RunAsync(_caller!, whole, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        _result = result.Value;
        _resultMessage = result.Error?.Message;
    }

    private void AddVisual()
    {
        var columns = ResultColumns;
        var x = columns.FirstOrDefault(c => c.Type is ColumnType.Text or ColumnType.Date)?.Name;
        var value = columns.LastOrDefault(c => Formats.IsNumeric(c.Type))?.Name;
        _visuals = [.. _visuals, new Visual(VisualKind.Bar, _name, X: x, Values: value is null ? [] : [value])];
        _visualIndex = _visuals.Count - 1;
        _dirty = true;
        _ = RefreshNowAsync();
    }

    private void ChangeVisual(int index, Visual visual)
    {
        var visuals = _visuals.ToList();
        visuals[index] = visual;
        _visuals = visuals;
        _dirty = true;
    }

    private void RemoveVisual(int index)
    {
        _visuals = [.. _visuals.Where((_, i) => i != index)];
        _visualIndex = Math.Clamp(_visualIndex, 0, Math.Max(0, _visuals.Count - 1));
        _dirty = true;
    }

    /// <summary>The editor index whose output the preview shows: the selected step, else the last.</summary>
    private int Target => _selected is { } id && _editor!.IndexOf(id) is >= 0 and var index ? index : _editor!.Steps.Count - 1;

    /// <summary>Errors that stop the preview of the step at editor index <paramref name="index"/>: its own, those before it, and the pipeline's.</summary>
    private IReadOnlyList<PipelineError> BlockingErrors(int index)
    {
        if (_validation is null)
        {
            return [];
        }
        var last = LastPipelineIndexUpTo(index);
        return [.. _validation.Errors.Where(e => e.Step is null || e.Step <= last)];
    }

    private int LastPipelineIndexUpTo(int index)
    {
        var last = -1;
        for (var i = 0; i <= index && i < _editor!.Steps.Count; i++)
        {
            if (_editor.PipelineIndex(i) is { } p)
            {
                last = p;
            }
        }
        return last;
    }

    /// <summary>The columns coming into the step at editor index <paramref name="index"/>; empty while a step before it is invalid.</summary>
    private IReadOnlyList<StepColumn> InputOf(int index)
    {
        var previous = LastPipelineIndexUpTo(index - 1);
        if (previous < 0)
        {
            return _sourceColumns;
        }
        return _validation is { } v && previous < v.Schema.Count && !v.Errors.Any(e => e.Step is { } s && s <= previous)
            ? v.Schema[previous] : [];
    }

    /// <summary>The columns of the whole pipeline's result (for visuals), or of the source when it has no steps.</summary>
    private IReadOnlyList<StepColumn> ResultColumns => _editor is { Steps.Count: > 0 } ? InputOf(_editor.Steps.Count) : _sourceColumns;

    private IReadOnlyList<PipelineError> ErrorsOf(int index) =>
        _validation is null || _editor!.PipelineIndex(index) is not { } p ? [] : [.. _validation.Errors.Where(e => e.Step == p)];

    private bool IsBlocked(int index) =>
        _validation is not null && _editor!.PipelineIndex(index) is { } p && _validation.Errors.Any(e => e.Step < p);

    /// <summary>The preview runs with each parameter's default; the run view asks for values.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Arguments => new Dictionary<string, JsonElement>();

    private void Select(Guid id)
    {
        _selected = id;
        _rightTab = 0;
        _ = RefreshNowAsync();
    }

    private void AddStep(StepKind kind, int? at = null)
    {
        var editor = _editor!;
        var index = at ?? (_selected is { } id && editor.IndexOf(id) is >= 0 and var selected ? selected + 1 : editor.Steps.Count);
        var step = kind.Create(InputOf(index), L);
        _selected = editor.Insert(index, step);
        _rightTab = 0;
    }

    private void ChangeStep(Guid id, Step step) => _editor!.Replace(id, step);

    private void MoveStep(Guid id, int by)
    {
        var index = _editor!.IndexOf(id);
        _editor.Move(id, index + by);
    }

    private void RemoveStep(Guid id)
    {
        var index = _editor!.IndexOf(id);
        _editor.Remove(id);
        _selected = _editor.Steps.Count == 0 ? null : _editor.Steps[Math.Clamp(index - 1, 0, _editor.Steps.Count - 1)].Id;
    }

    private void ToggleStep(EditorStep step) => _editor!.SetDisabled(step.Id, !step.Disabled);

    private void Undo() => _editor!.Undo();

    private void Redo() => _editor!.Redo();

    /// <summary>A drop from the palette inserts a step there; a card dropped in the pipeline moves there.</summary>
    private void OnDropped(MudItemDropInfo<DesignerItem> drop)
    {
        if (drop.Item is null || drop.DropzoneIdentifier is not (DesignerItem.PipelineZone or DesignerItem.EndZone))
        {
            return;
        }
        // MudBlazor reports the card under the pointer (insert before it); the end zone under the cards appends.
        var index = drop.DropzoneIdentifier == DesignerItem.EndZone ? _editor!.Steps.Count : drop.IndexInZone;
        if (drop.Item.StepId is { } id)
        {
            _editor!.Move(id, index);
            _selected = id;
        }
        else
        {
            AddStep(StepKinds.Of(drop.Item.Type), index);
        }
        // The container keeps its own order per zone and Refresh() does not reset it; the editor's order is the truth,
        // so a new container is rendered from it and the palette stays as it was.
        _drops++;
    }

    private IEnumerable<DesignerItem> DropItems =>
        StepKinds.All.Select(k => new DesignerItem(k.Type, null))
            .Concat(_editor!.Steps.Select(s => new DesignerItem(s.Step.TypeName, s.Id)));

    private void OnMetadataChanged()
    {
        _dirty = true;
    }

    private void SetParameters(IReadOnlyList<PipelineParameter> parameters, IReadOnlyList<ParameterSetting> settings)
    {
        _settings = [.. settings];
        _editor!.SetParameters(parameters);
    }

    private async Task SaveAsync()
    {
        _saving = true;
        var content = new ScenarioContent(_name, _description, PipelineJson.Write(_editor!.ToPipeline()), _visuals, _settings);
        var saved = await Scenarios.SaveAsync(_caller!, Key, content, _version, CancellationToken.None);
        _saving = false;
        if (saved.Error is { } error)
        {
            Snackbar.Add(Describe(error), Severity.Error);
            return;
        }
        _version = saved.Value!.Version;
        _name = saved.Value.Name;
        _dirty = false;
        Snackbar.Add(L["Designer.Saved", _version], Severity.Success);
    }

    private async Task LoadVersionsAsync()
    {
        var versions = await Scenarios.VersionsAsync(_caller!, Key, CancellationToken.None);
        _versions = versions.Value ?? [];
    }

    private async Task RestoreAsync(int number)
    {
        var restored = await Scenarios.RestoreAsync(_caller!, Key, number, _version, CancellationToken.None);
        if (restored.Error is { } error)
        {
            Snackbar.Add(Describe(error), Severity.Error);
            return;
        }
        await LoadAsync();
        Snackbar.Add(L["Designer.Restored", number, _version], Severity.Success);
    }

    /// <summary>Downloads are of the saved scenario: save first, then let the browser fetch the file.</summary>
    private async Task DownloadAsync(string format)
    {
        if (_dirty)
        {
            await SaveAsync();
            if (_dirty)
            {
                return;
            }
        }
        await _download!.StartAsync($"scenarios/{Uri.EscapeDataString(Key)}/download.{format}");
    }

    /// <summary>Saves the designer's state first: a derived dataset's lineage names a saved version.</summary>
    private async Task SaveAsDatasetAsync()
    {
        if (_dirty)
        {
            await SaveAsync();
            if (_dirty)
            {
                return;
            }
        }
        await Workbench.App.Features.Scenarios.SaveAsDatasetDialog.OpenAsync(
            Dialogs, Navigation, L["Derive.Title"], Key, _name ?? Key, new Dictionary<string, JsonElement>());
    }

    private static string Describe(Workbench.Core.Common.Error error) =>
        error.Details is { Count: > 0 } details ? error.Message + " " + string.Join(" ", details) : error.Message;

    public async ValueTask DisposeAsync()
    {
        if (_editor is not null)
        {
            _editor.Changed -= OnPipelineChanged;
        }
        // Closing the tab ends the circuit: a preview still running is cancelled at the database.
        _refresh?.Cancel();
        _refresh?.Dispose();
        if (_undoKeys is not null)
        {
            try
            {
                await _undoKeys.InvokeVoidAsync("detach");
                await _undoKeys.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone, and its listener with it.
            }
        }
        _self?.Dispose();
    }
}

/// <summary>What the drop container holds: a palette entry (no step id) or a step card.</summary>
public sealed record DesignerItem(string Type, Guid? StepId)
{
    public const string PaletteZone = "palette";
    public const string PipelineZone = "pipeline";

    /// <summary>The strip under the cards: a drop there goes after the last step.</summary>
    public const string EndZone = "pipeline-end";

    public string Zone => StepId is null ? PaletteZone : PipelineZone;
}
