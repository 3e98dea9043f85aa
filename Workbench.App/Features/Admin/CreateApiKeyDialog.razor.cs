using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Infrastructure.Access;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Creates an API key: name, role (never above the creator's) and, for a system administrator, the agency;
/// then shows the secret once, with a copy button and a curl line to try it.
/// </summary>
public partial class CreateApiKeyDialog
{
    private Caller? _caller;
    private IReadOnlyList<ApiKeyAgency> _agencies = [];
    private IReadOnlyList<string> _roles = [];
    private string _name = "";
    private string? _role;
    private int _agencyId;
    private string? _error;
    private bool _saving;
    private CreatedApiKey? _created;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private ApiKeyService ApiKeys { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string CurlExample =>
        $"curl -H \"Authorization: Bearer {_created?.Key}\" {Navigation.BaseUri.TrimEnd('/')}/api/v1/datasets";

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        _roles = ApiKeyAccess.AssignableRoles(_caller);
        // The least right that lets an integration push data, so nobody hands out admin keys by default.
        _role = _roles.Contains(Roles.Analyst) ? Roles.Analyst : _roles.FirstOrDefault();
        _agencies = await ApiKeys.ListAgenciesAsync(_caller, CancellationToken.None);
        _agencyId = _agencies.Any(a => a.Id == _caller.AgencyId) ? _caller.AgencyId : _agencies.FirstOrDefault()?.Id ?? _caller.AgencyId;
    }

    private async Task SubmitAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var created = await ApiKeys.CreateAsync(_caller!, _name, _agencyId, _role!, userId: null, CancellationToken.None);
            if (created.Error is { } error)
            {
                _error = error.Message;
                return;
            }
            _created = created.Value;
            Snackbar.Add(L["ApiKeys.CreatedDone", _created!.Record.Name], Severity.Success);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _created!.Key);
            Snackbar.Add(L["ApiKeys.Copied"], Severity.Info);
        }
        catch (JSException)
        {
            // Browsers refuse the clipboard outside HTTPS or without permission; the key is on screen to select.
            Snackbar.Add(L["ApiKeys.CopyFailed"], Severity.Warning);
        }
    }

    private void Cancel() => MudDialog.Cancel();

    private void Done() => MudDialog.Close(DialogResult.Ok(true));
}
