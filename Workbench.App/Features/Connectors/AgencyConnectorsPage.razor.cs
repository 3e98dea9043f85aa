using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Connectors;

namespace Workbench.App.Features.Connectors;

/// <summary>
/// Kết nối của cơ quan: the connectors the signed-in user's agency provides (every agency's, with a filter, for the
/// system administrator): last run, when the next file is due, and "Nộp tệp" for scheduled file deliveries.
/// </summary>
public partial class AgencyConnectorsPage
{
    private Caller? _caller;
    private List<ProvidedConnector>? _connectors;
    private Error? _error;
    private int _agencyFilter;
    private readonly HashSet<int> _open = [];

    [Inject]
    private FileDeliveryService Deliveries { get; set; } = default!;

    [Inject]
    private CurrentCaller CurrentCaller { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool IsSystemAdmin => _caller?.IsSystemAdmin == true;

    private IEnumerable<(int Id, string Name)> Agencies =>
        (_connectors ?? []).Select(c => (c.Connector.ProvidingAgencyId, c.AgencyName)).Distinct().OrderBy(a => a.AgencyName, StringComparer.Create(Formats.Vietnamese, false));

    private IEnumerable<ProvidedConnector> Filtered => (_connectors ?? []).Where(c => _agencyFilter == 0 || c.Connector.ProvidingAgencyId == _agencyFilter);

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await Deliveries.ListAsync(_caller!, null, CancellationToken.None);
        _error = listed.Error;
        _connectors = listed.Value is { } connectors ? [.. connectors] : null;
    }

    private bool CanDeliver(ProvidedConnector connector) =>
        connector.Connector is { Kind: ConnectorKind.FileDelivery, IsActive: true } && ConnectorRules.CanDeliver(_caller!, connector.Connector);

    // Overdue deliveries stand out in the list, not only in their chip.
    private static string RowClass(ProvidedConnector connector, int index) =>
        connector.NeedsReminder && connector.Delivery!.State == FileDeliveryState.Overdue ? "wb-overdue-row" : "";

    private static string ScheduleText(Connector connector) => SyncSchedule.FromCron(connector.Schedule)?.Describe() ?? connector.Schedule;

    private void ToggleHistory(ProvidedConnector connector)
    {
        if (!_open.Remove(connector.Connector.Id))
        {
            _open.Add(connector.Connector.Id);
        }
    }

    private async Task DeliverAsync(ProvidedConnector connector)
    {
        var parameters = new DialogParameters<DeliveryDialog> { { d => d.Connector, connector } };
        var dialog = await Dialogs.ShowAsync<DeliveryDialog>(L["Delivery.Title", connector.Connector.Name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        await dialog.Result;
        // Whatever happened in the dialog (a delivery, a failed one), the runs and the due date may have changed.
        await LoadAsync();
        _open.Add(connector.Connector.Id);
    }
}
