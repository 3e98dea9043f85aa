using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Infrastructure.Administration;

namespace Workbench.App.Features.Admin;

/// <summary>Creates an agency (code, Vietnamese name, English name) or renames one (its code stays); closes with the saved agency.</summary>
public partial class AgencyDialog
{
    private Caller? _caller;
    private string _code = "";
    private string _name = "";
    private string? _nameEn;
    private string? _error;
    private bool _saving;

    /// <summary>The agency to rename; null (the default) to create one.</summary>
    [Parameter]
    public AgencySummary? Agency { get; set; }

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private AgencyService Agencies { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    private bool CanSubmit => !string.IsNullOrWhiteSpace(_name) && (Agency is not null || !string.IsNullOrWhiteSpace(_code));

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        if (Agency is not null)
        {
            _code = Agency.Code;
            _name = Agency.Name;
            _nameEn = Agency.NameEn;
        }
    }

    private async Task SubmitAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var saved = Agency is null
                ? await Agencies.CreateAsync(_caller!, _code, _name, _nameEn, CancellationToken.None)
                : await Agencies.RenameAsync(_caller!, Agency.Id, _name, _nameEn, CancellationToken.None);
            if (saved.Error is { } error)
            {
                _error = error.Message;
                return;
            }
            MudDialog.Close(DialogResult.Ok(saved.Value));
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => MudDialog.Cancel();
}
