using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Infrastructure.Administration;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Creates an account: full name, user name, optional email, agency (a system administrator's choice; an agency
/// administrator's own) and role (never above the creator's). Closes with the <see cref="IssuedPassword"/> to show once.
/// </summary>
public partial class CreateUserDialog
{
    private Caller? _caller;
    private IReadOnlyList<UserAgency> _agencies = [];
    private IReadOnlyList<string> _roles = [];
    private string _fullName = "";
    private string _userName = "";
    private string? _email;
    private int _agencyId;
    private string? _role;
    private Error? _error;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private UserAdministrationService Users { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        _roles = UserAdministration.AssignableRoles(_caller);
        // The everyday role, so nobody hands out administration by default.
        _role = _roles.Contains(Roles.Analyst) ? Roles.Analyst : _roles.FirstOrDefault();
        _agencies = await Users.ListAgenciesAsync(_caller, CancellationToken.None);
        _agencyId = _agencies.Any(a => a.Id == _caller.AgencyId) ? _caller.AgencyId : _agencies.FirstOrDefault()?.Id ?? _caller.AgencyId;
    }

    private async Task SubmitAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var created = await Users.CreateAsync(_caller!, new NewUser(_userName, _fullName, _email, _agencyId, _role!), CancellationToken.None);
            if (created.Error is { } error)
            {
                _error = error;
                return;
            }
            MudDialog.Close(DialogResult.Ok(created.Value!));
        }
        finally
        {
            _saving = false;
        }
    }
}
