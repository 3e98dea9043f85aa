using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Infrastructure.Administration;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Cơ quan: the participating agencies with their users and datasets, for system administrators: create, rename,
/// deactivate or reactivate, and merge one into another. The rules and the audit entries are <see cref="AgencyService"/>'s.
/// </summary>
public partial class AgenciesPage
{
    private Caller? _caller;
    private List<AgencySummary>? _agencies;
    private Error? _error;
    private string? _search;
    private StatusFilter _status = StatusFilter.All;

    private enum StatusFilter
    {
        All,
        Active,
        Deactivated,
    }

    [Inject]
    private AgencyService Agencies { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private static DialogOptions FormDialog => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };

    private IEnumerable<AgencySummary> Filtered => (_agencies ?? [])
        .Where(a => _status == StatusFilter.All || a.IsActive == (_status == StatusFilter.Active))
        .Where(a => string.IsNullOrWhiteSpace(_search) || Matches(a, _search.Trim()));

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await Agencies.ListAsync(_caller!, CancellationToken.None);
        _error = listed.Error;
        _agencies = listed.Value is { } agencies ? [.. agencies] : null;
    }

    // Vietnamese-aware, case-insensitive: "tài chính" matches "Sở Tài chính".
    private static bool Matches(AgencySummary agency, string search) =>
        Contains(agency.Code, search) || Contains(agency.Name, search) || (agency.NameEn is { } en && Contains(en, search));

    private static bool Contains(string text, string search) =>
        Formats.Vietnamese.CompareInfo.IndexOf(text, search, CompareOptions.IgnoreCase) >= 0;

    private void ClearFilters()
    {
        _search = null;
        _status = StatusFilter.All;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<AgencyDialog>(L["Agencies.Create"], FormDialog);
        if ((await dialog.Result) is { Canceled: false, Data: Core.Catalog.Agency created })
        {
            Snackbar.Add(L["Agencies.CreatedDone", created.Name, created.Code], Severity.Success);
            _search = created.Code;
            _status = StatusFilter.All;
        }
        await LoadAsync();
    }

    private async Task RenameAsync(AgencySummary agency)
    {
        var parameters = new DialogParameters<AgencyDialog> { { d => d.Agency, agency } };
        var dialog = await Dialogs.ShowAsync<AgencyDialog>(L["Agencies.RenameTitle", agency.Code], parameters, FormDialog);
        if ((await dialog.Result) is { Canceled: false, Data: Core.Catalog.Agency renamed })
        {
            Snackbar.Add(L["Agencies.RenamedDone", renamed.Code, renamed.Name], Severity.Success);
        }
        await LoadAsync();
    }

    private async Task DeactivateAsync(AgencySummary agency)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Agencies.DeactivateTitle", agency.Name],
            L["Agencies.DeactivateText", agency.Name, Formats.Number(agency.Users), Formats.Number(agency.ApiKeys), Formats.Number(agency.Datasets)],
            yesText: L["Agencies.Deactivate"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        var done = await Agencies.DeactivateAsync(_caller!, agency.Id, CancellationToken.None);
        Report(done.Error, L["Agencies.DeactivatedDone", agency.Name]);
        await LoadAsync();
    }

    private async Task ReactivateAsync(AgencySummary agency)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Agencies.ReactivateTitle", agency.Name],
            L["Agencies.ReactivateText", agency.Name, Formats.Number(agency.Users), Formats.Number(agency.ApiKeys)],
            yesText: L["Agencies.Reactivate"],
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        var done = await Agencies.ReactivateAsync(_caller!, agency.Id, CancellationToken.None);
        Report(done.Error, L["Agencies.ReactivatedDone", agency.Name]);
        await LoadAsync();
    }

    private async Task MergeAsync(AgencySummary agency)
    {
        var parameters = new DialogParameters<MergeAgencyDialog>
        {
            { d => d.Source, agency },
            { d => d.Targets, (_agencies ?? []).Where(a => a.IsActive && a.Id != agency.Id).ToList() },
        };
        var dialog = await Dialogs.ShowAsync<MergeAgencyDialog>(L["Agencies.MergeTitle", agency.Name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        if ((await dialog.Result) is { Canceled: false, Data: AgencyMergePreview merged })
        {
            Snackbar.Add(L["Agencies.MergedDone", merged.Source.Name, merged.Target.Name,
                Formats.Number(merged.Counts.Users), Formats.Number(merged.Counts.Datasets)], Severity.Success);
        }
        await LoadAsync();
    }

    private void Report(Error? error, string success)
    {
        if (error is not null)
        {
            Snackbar.Add(error.Message, Severity.Error);
        }
        else
        {
            Snackbar.Add(success, Severity.Success);
        }
    }
}
