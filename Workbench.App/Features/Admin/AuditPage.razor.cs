using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Downloads;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Infrastructure.Audit;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Nhật ký: the audit log, newest first, paged and filtered on the server, and its export to Excel. A system
/// administrator reads every agency's entries, an agency administrator their own agency's; the rule is
/// <see cref="Workbench.Core.Audit.AuditAccess"/>, applied by <see cref="AuditQuery"/>.
/// </summary>
public partial class AuditPage
{
    private static readonly JsonSerializerOptions PrettyJson = new()
    {
        WriteIndented = true,
        // Vietnamese stays readable instead of \u1ED9 escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HashSet<long> _expanded = [];
    private MudTable<AuditRow>? _table;
    private DownloadProgress? _download;
    private Caller? _caller;
    private IReadOnlyList<AuditAgency> _agencies = [];
    private Error? _error;
    private int _total = -1;
    private DateTime? _from;
    private DateTime? _to;
    private string? _user;
    private int? _agencyId;
    private string? _action;
    private string? _target;

    [Inject]
    private AuditQuery Audit { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    private AuditFilter Filter => new(
        _from is { } from ? DateOnly.FromDateTime(from) : null,
        _to is { } to ? DateOnly.FromDateTime(to) : null,
        Blank(_user),
        _caller?.IsSystemAdmin == true ? _agencyId : null,
        Blank(_action),
        Blank(_target));

    private string OwnAgencyName => _agencies.FirstOrDefault(a => a.Id == _caller?.AgencyId)?.Name ?? "";

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        var agencies = await Audit.AgenciesAsync(_caller, CancellationToken.None);
        _error = agencies.Error;
        _agencies = agencies.Value ?? [];
    }

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        // The table may ask before OnInitializedAsync has finished.
        _caller ??= await CurrentCaller.GetAsync();
        var page = await Audit.ReadPageAsync(_caller, Filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
        _error = page.Error;
        _total = page.Value?.Total ?? 0;
        _expanded.Clear();
        StateHasChanged();
        return new TableData<AuditRow> { Items = page.Value?.Rows ?? [], TotalItems = _total };
    }

    private async Task FilterChangedAsync()
    {
        if (_table is null)
        {
            return;
        }
        // A narrower filter may have fewer pages than the one shown.
        if (_table.CurrentPage != 0)
        {
            _table.NavigateTo(0);
        }
        await _table.ReloadServerData();
    }

    private async Task ClearAsync()
    {
        (_from, _to, _user, _agencyId, _action, _target) = (null, null, null, null, null, null);
        await FilterChangedAsync();
    }

    private async Task DownloadAsync()
    {
        if (_download is not null)
        {
            await _download.StartAsync(AuditDownloads.Url(Filter));
        }
    }

    private void Toggle(long id)
    {
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    private string ActionLabel(string action) => AuditDownloads.ActionLabel(L, action);

    private string ActionLabelOrEmpty(string? action) => action is null ? "" : ActionLabel(action);

    private string AgencyName(int? id) => id is null ? "" : _agencies.FirstOrDefault(a => a.Id == id)?.Name ?? "";

    /// <summary>The details on one line, cut short; the full text is a click away.</summary>
    private static string Summary(string details)
    {
        var line = details.Replace('\n', ' ').Replace('\r', ' ');
        return line.Length <= 60 ? line : line[..57] + "…";
    }

    /// <summary>The details as indented JSON; text that is not JSON is shown as it is.</summary>
    private static string Pretty(string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            return JsonSerializer.Serialize(document.RootElement, PrettyJson);
        }
        catch (JsonException)
        {
            return details;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
