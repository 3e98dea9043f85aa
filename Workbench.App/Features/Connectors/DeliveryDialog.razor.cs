using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.App.Features.Datasets;
using Workbench.Core.Imports;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Imports;

namespace Workbench.App.Features.Connectors;

/// <summary>
/// Nộp tệp: send the next CSV/XLSX of a file-delivery connector with progress, see its first rows, deliver it (checked
/// whole, loaded all or nothing in the connector's mode), then the outcome and the connector's recent runs.
/// </summary>
public partial class DeliveryDialog
{
    private Dataset? _dataset;
    private UploadedFile? _file;
    private string? _fileName;
    private ImportPreview? _preview;
    private List<string> _errors = [];
    private FileDeliveryOutcome? _outcome;
    private IReadOnlyList<SyncRun> _runs = [];
    private ProvidedConnector? _fresh;
    private bool _saving;
    private bool _delivering;
    private double _savePercent;
    private CancellationTokenSource? _work;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    /// <summary>The file-delivery connector to deliver to, as the agency's list shows it. Required.</summary>
    [Parameter, EditorRequired]
    public ProvidedConnector Connector { get; set; } = default!;

    [Inject]
    private FileDeliveryService Deliveries { get; set; } = default!;

    [Inject]
    private FileImportService Imports { get; set; } = default!;

    [Inject]
    private DatasetService Datasets { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IOptions<ImportOptions> ImportSettings { get; set; } = default!;

    /// <summary>The connector as last read: after a delivery its due date and runs have moved on.</summary>
    private ProvidedConnector Current => _fresh ?? Connector;

    private FileDeliverySettings Settings => FileDeliverySettings.Read(Connector.Connector.SettingsJson);

    private long MaxBytes => ImportSettings.Value.Limits.MaxBytes;

    private string MaxMegabytes => Formats.Number(MaxBytes / (1024 * 1024));

    private string FormatsText => string.Join(", ", Settings.Formats.Select(f => f.ToUpperInvariant()));

    private string Accept => string.Join(',', Settings.Formats.SelectMany(f => f == FileDeliverySettings.Xlsx ? [".xlsx"] : new[] { ".csv", ".txt", ".tsv" }));

    private string ColumnsText => _dataset is null ? "" : string.Join(", ", _dataset.OrderedColumns.Select(c => c.Name));

    protected override async Task OnInitializedAsync()
    {
        _runs = Connector.RecentRuns;
        _dataset = await Datasets.FindAsync(Connector.DatasetKey, CancellationToken.None);
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs args)
    {
        _errors = [];
        var browserFile = args.File;
        if (browserFile.Size > MaxBytes)
        {
            _errors = [L["Upload.TooLarge", browserFile.Name, MaxMegabytes]];
            return;
        }
        _fileName = browserFile.Name;
        _saving = true;
        _savePercent = 0;
        _work = new CancellationTokenSource();
        try
        {
            var saved = await BrowserFiles.SaveAsync(Imports, browserFile, MaxBytes, percent =>
            {
                _savePercent = percent;
                StateHasChanged();
            }, _work.Token);
            if (saved.Error is { } error)
            {
                ShowError(error);
                return;
            }
            _file = saved.Value!;
            var file = _file;
            var preview = await Task.Run(() => Imports.Preview(file, null, CancellationToken.None));
            if (preview.Error is { } unreadable)
            {
                ShowError(unreadable);
                ChooseAnotherFile();
                return;
            }
            _preview = preview.Value!;
        }
        catch (OperationCanceledException)
        {
            Snackbar.Add(L["Upload.Canceled"], Severity.Info);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeliverAsync()
    {
        if (_file is null || _preview is null)
        {
            return;
        }
        _errors = [];
        _delivering = true;
        _work = new CancellationTokenSource();
        var token = _work.Token;
        try
        {
            var caller = await CurrentCaller.GetAsync();
            var file = _file;
            var sheet = _preview.SelectedSheet;
            // The import reads the file synchronously; keep it off the circuit's thread so the page stays responsive.
            var delivered = await Task.Run(() => Deliveries.DeliverAsync(caller, Connector.Connector.Key, file, sheet, token), token);
            if (delivered.Error is { } refused)
            {
                ShowError(refused);
                return;
            }
            _outcome = delivered.Value!;
            if (_outcome.Error is { } failed)
            {
                ShowError(failed);
            }
            else
            {
                Snackbar.Add(L["Delivery.Done", Connector.Connector.Name, Formats.Number(_outcome.Run.RecordsRead)], Severity.Success);
                DiscardFile();
            }
            await ReloadRunsAsync(caller);
        }
        catch (OperationCanceledException)
        {
            _errors = [L["Upload.CanceledNothingLoaded"]];
        }
        finally
        {
            _delivering = false;
        }
    }

    private async Task ReloadRunsAsync(Workbench.Core.Access.Caller caller)
    {
        var listed = await Deliveries.ListAsync(caller, Connector.Connector.ProvidingAgencyId, CancellationToken.None);
        if (listed.Value?.FirstOrDefault(c => c.Connector.Id == Connector.Connector.Id) is { } fresh)
        {
            _fresh = fresh;
            _runs = fresh.RecentRuns;
        }
    }

    private void ShowError(Error error) => _errors = [.. error.Details ?? [error.Message]];

    private void CancelWork() => _work?.Cancel();

    private void ChooseAnotherFile()
    {
        DiscardFile();
        _outcome = null;
        _errors = [];
    }

    private void DiscardFile()
    {
        _file?.Dispose();
        _file = null;
        _preview = null;
    }

    private void Close() => MudDialog.Close(DialogResult.Ok(_outcome is { Error: null }));

    public void Dispose()
    {
        _work?.Cancel();
        _work?.Dispose();
        _file?.Dispose();
    }
}
