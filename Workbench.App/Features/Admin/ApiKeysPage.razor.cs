using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Infrastructure.Access;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Khóa API: the keys of the caller's agency (all keys for a system administrator), creating one (shown once) and
/// revoking one. Who may do what is <see cref="ApiKeyAccess"/>'s rule, applied by <see cref="ApiKeyService"/>.
/// </summary>
public partial class ApiKeysPage
{
    private Caller? _caller;
    private List<ApiKeySummary>? _keys;
    private Error? _error;
    private string? _search;

    [Inject]
    private ApiKeyService ApiKeys { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IEnumerable<ApiKeySummary> Filtered => (_keys ?? []).Where(k => string.IsNullOrWhiteSpace(_search) || Matches(k, _search.Trim()));

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await ApiKeys.ListAsync(_caller!, CancellationToken.None);
        _error = listed.Error;
        _keys = listed.Value is { } keys ? [.. keys] : null;
    }

    private bool Matches(ApiKeySummary key, string search) =>
        Contains(key.Name, search) || Contains(key.AgencyName, search) || Contains(RoleName(key.Role), search)
        || key.Prefix.Contains(search, StringComparison.OrdinalIgnoreCase);

    // Vietnamese-aware, case-insensitive: "đà" matches "Đà Nẵng".
    private static bool Contains(string text, string search) =>
        Formats.Vietnamese.CompareInfo.IndexOf(text, search, CompareOptions.IgnoreCase) >= 0;

    private string RoleName(string role) => L["ApiKeys.Role." + role];

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>(L["ApiKeys.Create"],
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        await dialog.Result;
        // Reload even when canceled: the key may have been created before the dialog was closed.
        await LoadAsync();
    }

    private async Task RevokeAsync(ApiKeySummary key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["ApiKeys.RevokeTitle", key.Name],
            L["ApiKeys.RevokeText", key.Name, key.Prefix + "…", key.AgencyName],
            yesText: L["ApiKeys.Revoke"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        var revoked = await ApiKeys.RevokeAsync(_caller!, key.Id, CancellationToken.None);
        if (revoked.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Error);
        }
        else
        {
            Snackbar.Add(L[revoked.Value ? "ApiKeys.RevokedDone" : "ApiKeys.AlreadyRevoked", key.Name], Severity.Success);
        }
        await LoadAsync();
    }
}
