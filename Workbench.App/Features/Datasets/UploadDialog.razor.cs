using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Imports;
using Workbench.Infrastructure.Imports;

namespace Workbench.App.Features.Datasets;

/// <summary>
/// Upload a CSV or XLSX file: send it with progress, preview the proposed columns and types, adjust them, load all or
/// nothing. Into <see cref="Dataset"/> when given, else into a new dataset of the user's agency.
/// </summary>
public partial class UploadDialog
{
    private UploadedFile? _file;
    private string? _fileName;
    private ImportPreview? _preview;
    private List<EditableColumn> _columns = [];
    private List<string> _errors = [];
    private Error? _planError;
    private LoadMode _mode = LoadMode.Append;
    private string _newName = "";
    private string _newKey = "";
    private bool _saving;
    private bool _loading;
    private double _savePercent;
    private CancellationTokenSource? _work;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    /// <summary>The dataset to load into; null creates a new dataset. Default: null.</summary>
    [Parameter]
    public Dataset? Dataset { get; set; }

    private long MaxBytes => ImportSettings.Value.Limits.MaxBytes;

    private string MaxMegabytes => Formats.Number(MaxBytes / (1024 * 1024));

    /// <summary>Names and types are the dataset's unless the file creates a dataset or replaces its structure.</summary>
    private bool CanEditSchema => Dataset is null || _mode == LoadMode.Replace;

    private string ModeHint => _mode switch
    {
        LoadMode.Append => L["Upload.ModeAppendHint"],
        LoadMode.Replace => L["Upload.ModeReplaceHint"],
        _ => L["Upload.ModeUpsertHint"],
    };

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
            _file = saved.Value;
            if (Dataset is null)
            {
                _newName = Path.GetFileNameWithoutExtension(browserFile.Name);
                _newKey = DatasetKey.Slugify(_newName);
            }
            await PreviewAsync(null);
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

    private async Task SheetChangedAsync(string sheet) => await PreviewAsync(sheet);

    private async Task PreviewAsync(string? sheet)
    {
        var file = _file!;
        var preview = await Task.Run(() => Imports.Preview(file, sheet, CancellationToken.None));
        if (preview.Error is { } error)
        {
            ShowError(error);
            file.Dispose();
            _file = null;
            return;
        }
        _preview = preview.Value!;
        _errors = [.. _preview.Errors.Select(e => e.Message(vietnamese: !Workbench.Core.Common.Text.IsEnglish))];
        BuildColumns();
    }

    private void ModeChanged(LoadMode mode)
    {
        _mode = mode;
        BuildColumns();
    }

    /// <summary>The editable plan: the dataset's columns matched by name, or the file's proposal.</summary>
    private void BuildColumns()
    {
        _planError = null;
        if (_preview is null)
        {
            return;
        }
        if (Dataset is not null)
        {
            var plan = FileImportService.PlanFor(Dataset, _preview);
            if (plan.Value is { } matched)
            {
                _columns = [.. matched.Columns.Select(EditableColumn.From)];
                return;
            }
            _planError = plan.Error;
            if (_mode != LoadMode.Replace)
            {
                _columns = [];
                return;
            }
        }
        _columns = [.. _preview.ToPlan().Columns.Select(EditableColumn.From)];
    }

    private async Task LoadAsync()
    {
        if (_file is null || _preview is null)
        {
            return;
        }
        if (_columns.Count == 0)
        {
            _errors = [_planError?.Message ?? L["Upload.NoColumns"]];
            return;
        }
        _errors = [];
        _loading = true;
        _work = new CancellationTokenSource();
        var token = _work.Token;
        var plan = new ImportPlan(
            [.. _columns.Select(c => new ImportPlanColumn(c.SourceIndex, c.Name.Trim(), c.Type, c.IsKey))],
            _preview.NumberStyle, _preview.SelectedSheet, _preview.Delimiter);
        try
        {
            var caller = await CurrentCaller.GetAsync();
            var file = _file;
            // The import reads the file synchronously; keep it off the circuit's thread so the page stays responsive.
            var result = Dataset is null
                ? await Task.Run(() => Imports.CreateAsync(caller, new NewDatasetFromFile(_newKey.Trim(), _newName.Trim(), caller.AgencyId), file, plan, token), token)
                : await Task.Run(() => Imports.LoadAsync(caller, Dataset, file, plan, _mode, token), token);
            if (result.Error is { } error)
            {
                ShowError(error);
                return;
            }
            var load = result.Value!;
            Snackbar.Add(L["Upload.Done", Formats.Number(load.Load.RowsLoaded), load.Dataset.Name], Severity.Success);
            MudDialog.Close(DialogResult.Ok(load.Dataset.Key));
        }
        catch (OperationCanceledException)
        {
            _errors = [L["Upload.CanceledNothingLoaded"]];
        }
        finally
        {
            _loading = false;
        }
    }

    private void ShowError(Error error) => _errors = [.. error.Details ?? [error.Message]];

    private void CancelWork() => _work?.Cancel();

    private void ChooseAnotherFile()
    {
        _file?.Dispose();
        _file = null;
        _preview = null;
        _columns = [];
        _errors = [];
        _planError = null;
    }

    private void CloseAsync() => MudDialog.Cancel();

    private string SourceName(int index) => _preview is { } p && index < p.Columns.Count ? p.Columns[index].Name : "";

    private IReadOnlyList<string> Samples(int index) => _preview is { } p && index < p.Columns.Count ? p.Columns[index].SampleValues : [];

    private static string DelimiterName(char delimiter) => delimiter switch
    {
        '\t' => "Tab",
        _ => $"« {delimiter} »",
    };

    public void Dispose()
    {
        _work?.Cancel();
        _work?.Dispose();
        _file?.Dispose();
    }

    private sealed class EditableColumn
    {
        public int SourceIndex { get; init; }

        public string Name { get; set; } = "";

        public ColumnType Type { get; set; }

        public bool IsKey { get; set; }

        public static EditableColumn From(ImportPlanColumn column) =>
            new() { SourceIndex = column.SourceIndex, Name = column.Name, Type = column.Type, IsKey = column.IsKey };
    }
}
