using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Infrastructure.Administration;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Merges one agency into another: pick the target, see what will move (users, datasets, scenarios, keys, grants,
/// requests) and which grants end, tick that it cannot be undone, merge. Closes with what was actually moved.
/// </summary>
public partial class MergeAgencyDialog
{
    private Caller? _caller;
    private int? _targetId;
    private AgencyMergePreview? _preview;
    private bool _confirmed;
    private bool _loading;
    private bool _saving;
    private string? _error;

    /// <summary>The agency to merge away. Required.</summary>
    [Parameter, EditorRequired]
    public AgencySummary Source { get; set; } = default!;

    /// <summary>The agencies it may be merged into: the active others. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<AgencySummary> Targets { get; set; } = [];

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private AgencyService Agencies { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _caller = await CurrentCaller.GetAsync();

    private string TargetName(int? id) => Targets.FirstOrDefault(t => t.Id == id) is { } t ? $"{t.Name} ({t.Code})" : "";

    private IEnumerable<(string Label, int Count)> Lines(AgencyMergeCounts counts) =>
    [
        (L["Agencies.Users"], counts.Users),
        (L["Agencies.Datasets"], counts.Datasets),
        (L["Agencies.Scenarios"], counts.Scenarios),
        (L["Agencies.ApiKeys"], counts.ApiKeys),
        (L["Agencies.GrantsReceived"], counts.GrantsMoved),
        (L["Agencies.AccessRequests"], counts.AccessRequests),
        (L["Agencies.Audiences"], counts.Audiences),
    ];

    private async Task TargetChangedAsync(int? targetId)
    {
        _targetId = targetId;
        _preview = null;
        _confirmed = false;
        _error = null;
        if (targetId is not { } id)
        {
            return;
        }
        _loading = true;
        try
        {
            var preview = await Agencies.PreviewMergeAsync(_caller!, Source.Id, id, CancellationToken.None);
            _preview = preview.Value;
            _error = preview.Error?.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task SubmitAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var merged = await Agencies.MergeAsync(_caller!, Source.Id, _preview!.Target.Id, CancellationToken.None);
            if (merged.Error is { } error)
            {
                _error = error.Message;
                return;
            }
            MudDialog.Close(DialogResult.Ok(_preview with { Counts = merged.Value! }));
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => MudDialog.Cancel();
}
