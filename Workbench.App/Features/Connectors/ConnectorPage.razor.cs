using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Jobs;

namespace Workbench.App.Features.Connectors;

/// <summary>
/// One connector for the system administrator: what it reads and where it writes, its legal basis, "Chạy ngay" and
/// cancel, pause and activate, and its run history. A run under way shows live (rows, pages, elapsed): this instance's
/// runs through <see cref="SyncProgressHub"/>, another instance's through the run row, re-read every few seconds.
/// </summary>
public partial class ConnectorPage : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RowRefresh = TimeSpan.FromSeconds(3);

    private Caller? _caller;
    private ConnectorDetails? _details;
    private DateTimeOffset? _nextRun;
    private FileDeliveryStatus? _delivery;
    private SyncRunProgress? _progress;
    private Error? _error;
    private bool _busy;
    private string? _loadedKey;
    private IDisposable? _subscription;
    private PeriodicTimer? _timer;
    private CancellationTokenSource? _stop;
    private DateTimeOffset _lastRowRead;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public string Key { get; set; } = "";

    [Inject]
    private ConnectorService Connectors { get; set; } = default!;

    [Inject]
    private ConnectorScheduler Scheduler { get; set; } = default!;

    [Inject]
    private SyncProgressHub Progress { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private bool IsRunning => _progress?.Status == SyncRunStatus.Running;

    protected override async Task OnParametersSetAsync()
    {
        // Blazor sets parameters again when a cascading value changes; only a new key is a new page.
        if (_loadedKey == Key)
        {
            return;
        }
        _loadedKey = Key;
        _caller ??= await CurrentCaller.GetAsync();
        _subscription?.Dispose();
        _subscription = Progress.Subscribe(Key, OnProgress);
        await LoadAsync();
        StartTicking();
    }

    private async Task LoadAsync()
    {
        var details = await Connectors.DetailsAsync(_caller!, Key, CancellationToken.None);
        _error = details.Error;
        _details = details.Value;
        _lastRowRead = Time.GetUtcNow();
        if (_details is null)
        {
            return;
        }
        _nextRun = Scheduler.NextRuns().TryGetValue(Key, out var next) ? next : null;
        var connector = _details.Connector;
        var lastDelivery = _details.Runs.FirstOrDefault(r => r.Trigger == SyncTrigger.Delivery && r.Status == SyncRunStatus.Succeeded)?.StartedAt;
        _delivery = connector.Kind == ConnectorKind.FileDelivery
            ? FileDelivery.Status(connector.Schedule, FileDeliverySettings.Read(connector.SettingsJson), connector.CreatedAt, lastDelivery, Time.GetUtcNow())
            : null;
        _breadcrumbs =
        [
            new(L["Connectors.Title"], "admin/connectors"),
            new(_details.Connector.Name, null, disabled: true),
        ];
        // A run of this process is heard live; a run elsewhere is known by its row.
        var running = _details.Runs.FirstOrDefault(r => r.Status == SyncRunStatus.Running);
        var live = Progress.Latest(Key);
        _progress = running is null
            ? null
            : live is not null && live.RunId == running.Id
                ? live
                : new SyncRunProgress(Key, running.Id, SyncRunStatus.Running, Math.Max(running.Attempts, 1), running.RecordsRead,
                    running.RowsInserted + running.RowsUpdated, running.Batches, running.StartedAt, Time.GetUtcNow() - running.StartedAt);
    }

    private void OnProgress(SyncRunProgress progress) => _ = InvokeAsync(async () =>
    {
        var finished = progress.Status != SyncRunStatus.Running;
        var wasUnknown = _progress?.RunId != progress.RunId;
        _progress = progress;
        if (finished || wasUnknown)
        {
            // A new run appears in the history; a finished one shows its outcome and counts.
            await LoadAsync();
            if (finished)
            {
                ShowOutcome(progress);
            }
        }
        StateHasChanged();
    });

    private void ShowOutcome(SyncRunProgress progress)
    {
        switch (progress.Status)
        {
            case SyncRunStatus.Succeeded:
                Snackbar.Add(L["Connectors.Outcome.Succeeded", Formats.Number(progress.RecordsRead)], Severity.Success);
                break;
            case SyncRunStatus.Failed:
                Snackbar.Add(L["Connectors.Outcome.Failed"], Severity.Error);
                break;
            case SyncRunStatus.Cancelled:
                Snackbar.Add(L["Connectors.Outcome.Cancelled"], Severity.Info);
                break;
        }
    }

    // Elapsed time moves every second while a run is under way; a run of another instance is re-read now and then.
    private void StartTicking()
    {
        if (_timer is not null)
        {
            return;
        }
        _stop = new CancellationTokenSource();
        _timer = new PeriodicTimer(Tick, Time);
        _ = TickAsync(_timer, _stop.Token);
    }

    private async Task TickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!IsRunning)
                {
                    continue;
                }
                await InvokeAsync(async () =>
                {
                    if (Progress.Latest(Key)?.RunId != _progress?.RunId && Time.GetUtcNow() - _lastRowRead >= RowRefresh)
                    {
                        await LoadAsync();
                    }
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private TimeSpan Elapsed(SyncRunProgress progress) =>
        progress.Status == SyncRunStatus.Running ? Time.GetUtcNow() - progress.StartedAt : progress.Elapsed;

    private async Task RunNowAsync()
    {
        _busy = true;
        var started = await Scheduler.RunNowAsync(_caller!, Key, CancellationToken.None);
        _busy = false;
        if (started.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Warning);
            return;
        }
        Snackbar.Add(L["Connectors.RunQueued"], Severity.Info);
    }

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Connectors.CancelTitle"], L["Connectors.CancelText", _details!.Connector.Name],
            yesText: L["Connectors.CancelSync"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        _busy = true;
        var cancelled = await Scheduler.CancelAsync(_caller!, Key, CancellationToken.None);
        _busy = false;
        if (cancelled.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Warning);
        }
        await LoadAsync();
    }

    private async Task SetActiveAsync(bool active)
    {
        _busy = true;
        var changed = await Connectors.SetActiveAsync(_caller!, Key, active, CancellationToken.None);
        _busy = false;
        if (changed.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Warning);
            return;
        }
        Snackbar.Add(active ? L["Connectors.ActivatedDone"] : L["Connectors.PausedDone"], Severity.Success);
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Connectors.DeleteTitle"],
            L["Connectors.DeleteText", _details!.Connector.Name, _details.DatasetName, Formats.Number(_details.Runs.Count)],
            yesText: L["Connectors.Delete"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }
        if (IsRunning)
        {
            // The run would go on writing into the dataset with no connector to record it.
            await Scheduler.CancelAsync(_caller!, Key, CancellationToken.None);
        }
        var deleted = await Connectors.DeleteAsync(_caller!, Key, CancellationToken.None);
        if (deleted.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Error);
            return;
        }
        Snackbar.Add(L["Connectors.DeletedDone", _details.Connector.Name], Severity.Success);
        Navigation.NavigateTo("admin/connectors");
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _stop?.Cancel();
        _stop?.Dispose();
        _timer?.Dispose();
    }
}
