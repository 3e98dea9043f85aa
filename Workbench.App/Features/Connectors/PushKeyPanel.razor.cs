using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Infrastructure.Connectors;

namespace Workbench.App.Features.Connectors;

/// <summary>
/// Issues and shows a push connector's own key. Issuing again replaces the key (after a confirmation that says the old
/// one stops at once); the new key is on screen until the panel is left and never again.
/// </summary>
public partial class PushKeyPanel
{
    private Caller? _caller;
    private PushKeyStatus? _status;
    private string? _issued;
    private string? _error;
    private bool _issuing;

    /// <summary>The push connector's key (its slug, not an API key); required.</summary>
    [Parameter, EditorRequired]
    public string ConnectorKey { get; set; } = "";

    [Inject]
    private PushConnectorKeys Keys { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string ModeName => _status is null ? "" : PushConnectorKeys.ModeName(_status.Mode);

    private string CurlExample =>
        $"curl -X POST -H \"Authorization: Bearer {_issued}\" -H \"Content-Type: application/json\" " +
        $"-d '[{{\"Cột\": \"giá trị\"}}]' \"{Navigation.BaseUri.TrimEnd('/')}/api/v1/datasets/{Uri.EscapeDataString(_status?.DatasetKey ?? "")}/rows?mode={ModeName}\"";

    protected override async Task OnParametersSetAsync()
    {
        _caller ??= await CurrentCaller.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var status = await Keys.PushKeyAsync(_caller!, ConnectorKey, CancellationToken.None);
        _error = status.Error?.Message;
        _status = status.Value;
    }

    private async Task IssueAsync()
    {
        if (_status?.Key is { } current)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(L["PushKey.ReplaceTitle"], L["PushKey.ReplaceText", current.Prefix],
                yesText: L["PushKey.Replace"], cancelText: L["Common.Cancel"]);
            if (confirmed != true)
            {
                return;
            }
        }
        _issuing = true;
        try
        {
            var issued = await Keys.IssuePushKeyAsync(_caller!, ConnectorKey, CancellationToken.None);
            if (issued.Error is { } error)
            {
                Snackbar.Add(error.Message, Severity.Error);
                return;
            }
            _issued = issued.Value;
            Snackbar.Add(L["PushKey.Issued"], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            _issuing = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _issued);
            Snackbar.Add(L["ApiKeys.Copied"], Severity.Info);
        }
        catch (JSException)
        {
            // Browsers refuse the clipboard outside HTTPS or without permission; the key is on screen to select.
            Snackbar.Add(L["ApiKeys.CopyFailed"], Severity.Warning);
        }
    }
}
