using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Administration;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;

namespace Workbench.App.Features.Connectors;

/// <summary>
/// The connector editor: what it is and which dataset it feeds (an existing one of the providing agency, or a new one
/// made from the mapping grid), the source with its test ("Thử kết nối": raw records, mapped rows, a proposed schema),
/// the mapping grid, the schedule in words, and the two documents it rests on. Every problem comes back at once from
/// <see cref="ConnectorService"/>, which owns the rules.
/// </summary>
public partial class ConnectorEditorPage
{
    private Caller? _caller;
    private ConnectorForm? _form;
    private Error? _loadError;
    private bool _hasSecrets;
    private bool _keyTyped;
    private bool _datasetKeyTyped;
    private bool _activate = true;
    private bool _saving;
    private bool _testing;
    private string? _loadedKey;
    private CancellationTokenSource? _dryRunCancel;
    private DryRunResult? _dryRun;
    private string? _dryRunError;
    private string? _problemTitle;
    private List<string> _problems = [];
    private List<AgencySummary> _agencies = [];
    private List<Dataset> _datasets = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    /// <summary>The connector edited; null for a new one.</summary>
    [Parameter]
    public string? Key { get; set; }

    [Inject]
    private ConnectorService Connectors { get; set; } = default!;

    [Inject]
    private ConnectorDryRuns DryRuns { get; set; } = default!;

    [Inject]
    private AgencyService Agencies { get; set; } = default!;

    [Inject]
    private DatasetService Datasets { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool IsEdit => Key is not null;

    private string Title => IsEdit ? L["Connectors.Editor.EditTitle", _form?.Name ?? Key!] : L["Connectors.Editor.NewTitle"];

    private IEnumerable<Dataset> AgencyDatasets => _datasets.Where(d => d.OwnerAgencyId == _form?.ProvidingAgencyId);

    private Dataset? SelectedDataset => _datasets.FirstOrDefault(d => d.Key == _form?.DatasetKey);

    private IReadOnlyList<string> FieldPaths => _dryRun is null ? [] : [.. _dryRun.FieldPaths];

    private string SecretLabel => _form!.Kind == ConnectorKind.Database
        ? L["Connectors.Editor.ConnectionString"]
        : L["Connectors.Editor.Secret." + _form.Rest.Auth];

    protected override async Task OnParametersSetAsync()
    {
        // Blazor sets parameters again when a cascading value changes: the form being typed must survive it.
        if (_form is not null && _loadedKey == Key)
        {
            return;
        }
        _loadedKey = Key;
        _caller ??= await CurrentCaller.GetAsync();
        var agencies = await Agencies.ListAsync(_caller, CancellationToken.None);
        if (agencies.Error is { } refused)
        {
            _loadError = refused;
            return;
        }
        _agencies = [.. agencies.Value!.Where(a => a.IsActive)];
        _datasets = [.. (await Datasets.ListAsync(_caller, CancellationToken.None)).Select(e => e.Dataset)];
        _breadcrumbs = [new(L["Connectors.Title"], "admin/connectors")];
        if (Key is null)
        {
            _form = new ConnectorForm();
            _breadcrumbs.Add(new(L["Connectors.Editor.NewTitle"], null, disabled: true));
            return;
        }
        var details = await Connectors.DetailsAsync(_caller, Key, CancellationToken.None);
        if (details.Error is { } error)
        {
            _loadError = error;
            return;
        }
        _form = ConnectorForm.From(details.Value!.Connector, details.Value.DatasetKey);
        _hasSecrets = details.Value.HasSecrets;
        _keyTyped = true;
        _breadcrumbs.Add(new(details.Value.Connector.Name, $"admin/connectors/{Key}"));
        _breadcrumbs.Add(new(L["Connectors.Edit"], null, disabled: true));
    }

    private void NameChanged(string name)
    {
        _form!.Name = name;
        if (!IsEdit && !_keyTyped)
        {
            _form.Key = DatasetKey.Slugify(name);
        }
        if (_form.NewDataset && !_datasetKeyTyped && string.IsNullOrWhiteSpace(_form.NewDatasetName))
        {
            _form.NewDatasetKey = DatasetKey.Slugify(name);
        }
    }

    // A key typed by hand is no longer derived from the name.
    private void KeyTyped(string key) => (_form!.Key, _keyTyped) = (key, true);

    private void NewDatasetKeyTyped(string key) => (_form!.NewDatasetKey, _datasetKeyTyped) = (key, true);

    private void NewDatasetNameChanged(string name)
    {
        _form!.NewDatasetName = name;
        if (!_datasetKeyTyped)
        {
            _form.NewDatasetKey = DatasetKey.Slugify(name);
        }
    }

    private void AgencyChanged(int agencyId)
    {
        _form!.ProvidingAgencyId = agencyId;
        // A dataset feeds from its own agency only.
        if (SelectedDataset is { } dataset && dataset.OwnerAgencyId != agencyId)
        {
            _form.DatasetKey = null;
        }
    }

    private void DatasetChanged(string key)
    {
        _form!.DatasetKey = key;
        if (_form.Mappings.Count == 0)
        {
            MapDatasetColumns();
        }
    }

    /// <summary>One mapping line per column of the chosen dataset, keeping the source paths already typed for them.</summary>
    private void MapDatasetColumns()
    {
        if (SelectedDataset is not { } dataset)
        {
            return;
        }
        var typed = _form!.Mappings.Where(m => !string.IsNullOrWhiteSpace(m.SourcePath))
            .GroupBy(m => m.Column, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().SourcePath, StringComparer.Ordinal);
        var proposed = _dryRun?.Proposed ?? [];
        _form.Mappings =
        [
            .. dataset.Columns.OrderBy(c => c.Ordinal).Select(c => new MappingRow
            {
                Column = c.Name,
                Type = c.Type,
                SourcePath = typed.GetValueOrDefault(c.Name)
                    ?? proposed.FirstOrDefault(p => string.Equals(p.Column, c.Name, StringComparison.OrdinalIgnoreCase))?.SourcePath
                    ?? "",
            }),
        ];
    }

    private void AddMapping() => _form!.Mappings.Add(new MappingRow());

    private void UseProposal(IReadOnlyList<FieldMapping> proposal)
    {
        if (!_form!.NewDataset && SelectedDataset is not null)
        {
            // An existing dataset keeps its columns: the proposal only fills the source paths it can match.
            MapDatasetColumns();
            return;
        }
        _form.Mappings = [.. proposal.Select(p => new MappingRow { Column = p.Column, Type = p.Type, SourcePath = p.SourcePath })];
    }

    private async Task DryRunAsync()
    {
        _testing = true;
        _dryRunError = null;
        _dryRun = null;
        _dryRunCancel = new CancellationTokenSource();
        try
        {
            var mappings = _form!.FieldMappings.ToList();
            if (_form.Kind == ConnectorKind.Rest)
            {
                var result = await DryRuns.RestAsync(_caller!, _form.Rest.ToSettings(mappings), _form.Rest.Secrets(_form.Secret), Key, _dryRunCancel.Token);
                _dryRunError = result.Error?.Message;
                _dryRun = result.Value is { } run ? DryRunResult.From(run, mappings) : null;
            }
            else
            {
                var secrets = string.IsNullOrWhiteSpace(_form.Secret) ? null : new DatabaseSecrets(_form.Secret.Trim());
                var result = await DryRuns.DatabaseAsync(_caller!, _form.Database.ToSettings(mappings), secrets, Key, _dryRunCancel.Token);
                _dryRunError = result.Error?.Message;
                _dryRun = result.Value is { } run ? DryRunResult.From(run, mappings) : null;
            }
        }
        catch (OperationCanceledException)
        {
            _dryRunError = L["Connectors.DryRun.Cancelled"];
        }
        finally
        {
            _testing = false;
            _dryRunCancel.Dispose();
            _dryRunCancel = null;
        }
    }

    private void CancelDryRun() => _dryRunCancel?.Cancel();

    private async Task SaveAsync()
    {
        var form = _form!;
        _saving = true;
        _problems = [];
        try
        {
            var draft = form.ToDraft();
            var secrets = form.SecretsJson();
            Result<Connector> saved;
            if (IsEdit)
            {
                saved = await Connectors.UpdateAsync(_caller!, Key!, draft, secrets, CancellationToken.None);
            }
            else if (form.NewDataset)
            {
                saved = await Connectors.CreateWithDatasetAsync(_caller!, draft, secrets,
                    new NewDataset(form.NewDatasetKey.Trim(), form.NewDatasetName.Trim(), form.ProvidingAgencyId, form.NewColumns(),
                        Description: form.Description), CancellationToken.None);
            }
            else
            {
                saved = await Connectors.CreateAsync(_caller!, draft, secrets, CancellationToken.None);
            }
            if (saved.Error is { } error)
            {
                _problemTitle = error.Message;
                _problems = [.. error.Details ?? [error.Message]];
                if (error.Details is null)
                {
                    _problemTitle = L["Connectors.Editor.NotSaved"];
                }
                return;
            }
            var connector = saved.Value!;
            if (!IsEdit && _activate && ConnectorRules.ActivationProblem(connector) is null)
            {
                var activated = await Connectors.SetActiveAsync(_caller!, connector.Key, true, CancellationToken.None);
                if (activated.Error is { } notActivated)
                {
                    Snackbar.Add(notActivated.Message, Severity.Warning);
                }
            }
            else if (!IsEdit && _activate)
            {
                Snackbar.Add(L["Connectors.Editor.SavedAsDraft"], Severity.Info);
            }
            Snackbar.Add(L["Connectors.Editor.Saved", connector.Name], Severity.Success);
            Navigation.NavigateTo($"admin/connectors/{connector.Key}");
        }
        finally
        {
            _saving = false;
        }
    }
}
