using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Infrastructure.Administration;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Người dùng: the accounts of the caller's agency (every agency's for a system administrator), creating one with a
/// temporary password, and per account: reset the password, disable or enable, unlock, change the role, move to
/// another agency. Who may do what is <see cref="UserAdministration"/>'s rule, applied by <see cref="UserAdministrationService"/>.
/// </summary>
public partial class UsersPage
{
    private Caller? _caller;
    private List<UserSummary>? _users;
    private IReadOnlyList<UserAgency> _agencies = [];
    private Error? _error;
    private string? _search;
    private int? _agencyFilter;
    private string? _roleFilter;
    private UserStatus? _statusFilter;
    private bool _anyUser;

    [Inject]
    private UserAdministrationService Users { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private Account.SignInProvider SignInProvider { get; set; } = default!;

    private bool IsSystemAdmin => _caller?.IsSystemAdmin == true;

    private bool Filtered => !string.IsNullOrWhiteSpace(_search) || _agencyFilter is not null || _roleFilter is not null || _statusFilter is not null;

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        _agencies = await Users.ListAgenciesAsync(_caller, CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await Users.ListAsync(_caller!, new UserFilter(_agencyFilter, _roleFilter, _statusFilter, _search), CancellationToken.None);
        _error = listed.Error;
        _users = listed.Value is { } users ? [.. users] : null;
        _anyUser |= _users is { Count: > 0 };
    }

    private async Task ClearFiltersAsync()
    {
        (_search, _agencyFilter, _roleFilter, _statusFilter) = (null, null, null, null);
        await LoadAsync();
    }

    private string RoleName(string role) => L["ApiKeys.Role." + role];

    private string StatusName(UserStatus status) => L["Users.Status." + status];

    private static Color StatusColor(UserStatus status) => status switch
    {
        UserStatus.Active => Color.Success,
        UserStatus.LockedOut => Color.Warning,
        _ => Color.Default,
    };

    private string AgencyName(int id) => _agencies.FirstOrDefault(a => a.Id == id)?.Name ?? "";

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateUserDialog>(L["Users.Create"],
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: IssuedPassword issued })
        {
            Snackbar.Add(L["Users.CreatedDone", issued.User.UserName], Severity.Success);
            await ShowPasswordAsync(issued, isNew: true);
        }
        await LoadAsync();
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        if (!await ConfirmAsync(L["Users.ResetTitle", user.FullName], L["Users.ResetText", user.FullName, user.UserName], L["Users.ResetPassword"]))
        {
            return;
        }
        var reset = await Users.ResetPasswordAsync(_caller!, user.Id, CancellationToken.None);
        if (reset.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Error);
        }
        else
        {
            Snackbar.Add(L["Users.ResetDone", user.UserName], Severity.Success);
            await ShowPasswordAsync(reset.Value!, isNew: false);
        }
        await LoadAsync();
    }

    private async Task DisableAsync(UserSummary user)
    {
        if (!await ConfirmAsync(L["Users.DisableTitle", user.FullName], L["Users.DisableText", user.FullName, user.UserName], L["Users.Disable"]))
        {
            return;
        }
        await ReportAsync(await Users.DisableAsync(_caller!, user.Id, CancellationToken.None), L["Users.DisabledDone", user.UserName]);
    }

    private async Task EnableAsync(UserSummary user) =>
        await ReportAsync(await Users.EnableAsync(_caller!, user.Id, CancellationToken.None), L["Users.EnabledDone", user.UserName]);

    private async Task UnlockAsync(UserSummary user) =>
        await ReportAsync(await Users.UnlockAsync(_caller!, user.Id, CancellationToken.None), L["Users.UnlockedDone", user.UserName]);

    private async Task ChangeRoleAsync(UserSummary user)
    {
        var roles = UserAdministration.AssignableRoles(_caller!).Select(r => new ChooseOption(r, RoleName(r))).ToList();
        var chosen = await ChooseAsync(L["Users.ChangeRoleTitle", user.FullName], L["Users.ChangeRoleText", user.FullName, RoleName(user.Role)],
            L["Users.Role"], roles, user.Role, L["Users.ChangeRole"]);
        if (chosen is null || chosen == user.Role)
        {
            return;
        }
        await ReportAsync(await Users.ChangeRoleAsync(_caller!, user.Id, chosen, CancellationToken.None),
            L["Users.RoleChangedDone", user.UserName, RoleName(chosen)]);
    }

    private async Task MoveAsync(UserSummary user)
    {
        var agencies = _agencies.Where(a => a.Id != user.AgencyId).Select(a => new ChooseOption(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name)).ToList();
        var chosen = await ChooseAsync(L["Users.MoveTitle", user.FullName], L["Users.MoveText", user.FullName, user.AgencyName],
            L["Users.Agency"], agencies, null, L["Users.Move"]);
        if (chosen is null)
        {
            return;
        }
        var agencyId = int.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture);
        await ReportAsync(await Users.MoveAsync(_caller!, user.Id, agencyId, CancellationToken.None),
            L["Users.MovedDone", user.UserName, AgencyName(agencyId)]);
    }

    private async Task ReportAsync(Result<UserSummary> result, string done)
    {
        if (result.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Error);
        }
        else
        {
            Snackbar.Add(done, Severity.Success);
        }
        await LoadAsync();
    }

    private async Task<bool> ConfirmAsync(string title, string text, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, text, yesText: yes, cancelText: L["Common.Cancel"]) == true;

    private async Task<string?> ChooseAsync(string title, string text, string label, IReadOnlyList<ChooseOption> options, string? current, string submit)
    {
        var parameters = new DialogParameters<ChooseDialog>
        {
            { d => d.Text, text },
            { d => d.Label, label },
            { d => d.Options, options },
            { d => d.Value, current },
            { d => d.SubmitText, submit },
        };
        var dialog = await Dialogs.ShowAsync<ChooseDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string chosen } ? chosen : null;
    }

    private async Task ShowPasswordAsync(IssuedPassword issued, bool isNew)
    {
        var parameters = new DialogParameters<TemporaryPasswordDialog> { { d => d.Issued, issued }, { d => d.IsNew, isNew } };
        var dialog = await Dialogs.ShowAsync<TemporaryPasswordDialog>(L["Users.PasswordTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        await dialog.Result;
    }
}
