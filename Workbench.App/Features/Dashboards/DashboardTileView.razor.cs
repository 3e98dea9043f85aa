using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Charts;
using Workbench.App.Features.Downloads;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;

namespace Workbench.App.Features.Dashboards;

/// <summary>One tile of a dashboard: its title, the freshness of its data, and its body by kind.</summary>
public partial class DashboardTileView
{
    /// <summary>The tile as the document places it. Required.</summary>
    [Parameter, EditorRequired]
    public DashboardTile Tile { get; set; } = default!;

    /// <summary>The tile's latest run; null while it first runs (a skeleton shows). Default: null.</summary>
    [Parameter]
    public TileResult? Result { get; set; }

    /// <summary>The scenario visual a visual tile draws; null draws the rows as a table. Default: null.</summary>
    [Parameter]
    public Visual? Visual { get; set; }

    /// <summary>Whether the tile is re-running while its last result stays on show. Default: false.</summary>
    [Parameter]
    public bool Loading { get; set; }

    /// <summary>Called when the viewer clicks a bar, point or slice of the tile's chart; none: the chart is not clickable.</summary>
    [Parameter]
    public EventCallback<ChartClick> OnCategoryClick { get; set; }

    /// <summary>The categories this tile's chips picked, marked on its chart. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<object?> Highlighted { get; set; } = [];

    /// <summary>Chart height in pixels per grid row: 80 on the page, more on a wall screen. Default: 80.</summary>
    [Parameter]
    public int RowHeight { get; set; } = 80;
    /// <summary>
    /// The dashboard's key: with it the tile's menu offers its result as xlsx and CSV. Null (a snapshot's frozen tile)
    /// offers no download. Default: null.
    /// </summary>
    [Parameter]
    public string? DashboardKey { get; set; }

    /// <summary>The page's query string (filter values and chips) the tile's downloads run with. Default: none.</summary>
    [Parameter]
    public string? DownloadQuery { get; set; }

    private DownloadProgress? _download;

    private Task DownloadAsync(DownloadFormat format) =>
        _download?.StartAsync(DashboardEndpoints.TileUrl(DashboardKey!, Tile.Id, format, DownloadQuery)) ?? Task.CompletedTask;

    private string StateName => Result?.State.ToString() ?? "Loading";

    // The chart takes what the tile's height leaves after its title and chips.
    private int ChartHeight => Math.Max(160, Tile.Position.H * RowHeight - 110);

    private string FreshnessText(DatasetFreshness source) => source switch
    {
        { LastLoadedAt: null } => L["Dashboards.FreshnessNever", source.OwnerAgency],
        { Overdue: true } => L["Dashboards.Overdue", source.OwnerAgency, Formats.Moment(source.LastLoadedAt)],
        _ => L["Dashboards.Freshness", source.OwnerAgency, Formats.Moment(source.LastLoadedAt)],
    };

    private int ValueIndex(string? column) =>
        column is null || Result is null ? -1 : Result.Columns.ToList().FindIndex(c => c.Name == column);

    private string KpiValue => Result is { Rows: [var first, ..] } && ValueIndex(Tile.Kpi?.ValueColumn) is >= 0 and var index && first[index] is { } value
        ? Formats.Cell(value, L["Value.True"], L["Value.False"])
        : "—";

    private (string Text, Color Color)? KpiChange
    {
        get
        {
            var index = ValueIndex(Tile.Kpi?.ValueColumn);
            if (Result is not { Rows: [var first, ..] } || index < 0 || AsDouble(first[index]) is not { } current)
            {
                return null;
            }
            double? before = Tile.Kpi?.Comparison switch
            {
                { Kind: ComparisonKind.PreviousPeriod } when Result.PreviousPeriodRows is [var previous, ..] => AsDouble(previous[index]),
                _ => null,
            };
            if (before is not { } baseline)
            {
                return null;
            }
            var delta = current - baseline;
            var percent = baseline == 0 ? "" : $" ({(delta >= 0 ? "+" : "")}{Formats.Number(Math.Round(delta / Math.Abs(baseline) * 100, 1))}%)";
            var text = $"{(delta >= 0 ? "▲ +" : "▼ ")}{Formats.Number(delta)}{percent}";
            return (L["Dashboards.KpiPrevious", text], delta >= 0 ? Color.Success : Color.Error);
        }
    }

    private static double? AsDouble(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        _ => null,
    };
}
