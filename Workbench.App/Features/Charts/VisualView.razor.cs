using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.App.Features.Charts;

/// <summary>
/// Shows one <see cref="Visual"/> over a result (columns and rows): a Plotly chart built by <see cref="VisualTraces"/>,
/// a paged table, or a KPI card, all in vi-VN formats. A visual that does not fit the result shows which column is
/// wrong and how to fix it; an empty result shows an empty state. New parameters redraw the chart in place.
/// </summary>
public partial class VisualView
{
    private const uint ImageWidth = 1200;

    private IReadOnlyList<VisualIssue> _issues = [];
    private ChartFigure? _figure;
    private (StepColumn Column, int Index)[] _tableColumns = [];
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private PlotlyChart? _chart;

    // What was last drawn: a parent re-rendering with the same inputs must not redraw the chart.
    private Visual? _drawnVisual;
    private IReadOnlyList<StepColumn>? _drawnColumns;
    private IReadOnlyList<object?[]>? _drawnRows;
    private int _drawnHeight;
    private IReadOnlyList<object?> _drawnHighlight = [];
    private bool _chartOnScreen;
    private bool _redraw;
    private PlotlyChart? _listening;

    /// <summary>The visual to show. Required.</summary>
    [Parameter, EditorRequired]
    public Visual Visual { get; set; } = default!;

    /// <summary>The result's columns, in row order. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<StepColumn> Columns { get; set; } = [];

    /// <summary>The result's rows: long, double, string, bool, DateOnly, DateTime or null per column. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<object?[]> Rows { get; set; } = [];

    /// <summary>The chart's height in pixels. Default: 400.</summary>
    [Parameter]
    public int Height { get; set; } = 400;

    /// <summary>Whether a chart offers "Tải về PNG". Default: true.</summary>
    [Parameter]
    public bool Downloadable { get; set; } = true;

    /// <summary>Categories to mark on the chart (a dashboard's cross-filter from it): other bars dimmed, slices pulled out. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<object?> Highlighted { get; set; } = [];

    /// <summary>Whether the chart draws the visual's title; false where a heading above already says it. Default: true.</summary>
    [Parameter]
    public bool ShowTitle { get; set; } = true;

    /// <summary>
    /// Called when the viewer clicks a bar, point or slice, with the category's value; when set, the chart listens for
    /// clicks and shows a pointer. Default: none.
    /// </summary>
    [Parameter]
    public EventCallback<ChartClick> OnCategoryClick { get; set; }

    private string DisplayTitle => string.IsNullOrWhiteSpace(Visual.Title) ? L["Chart.Untitled"] : Visual.Title;

    private string KpiText
    {
        get
        {
            var index = IndexOf(Visual.Values[0]);
            return Rows[0][index] is { } value ? Formats.Cell(value, L["Value.True"], L["Value.False"]) : "—";
        }
    }

    protected override void OnParametersSet()
    {
        if (Visual.Equals(_drawnVisual) && ReferenceEquals(Columns, _drawnColumns) && ReferenceEquals(Rows, _drawnRows)
            && Height == _drawnHeight && Highlighted.SequenceEqual(_drawnHighlight))
        {
            return;
        }
        _drawnHighlight = Highlighted;
        _drawnVisual = Visual;
        _drawnColumns = Columns;
        _drawnRows = Rows;
        _drawnHeight = Height;

        _issues = VisualCheck.Issues(Visual, Columns);
        _tableColumns = Visual.Kind == VisualKind.Table ? TableColumns() : [];
        _figure = null;
        if (_issues.Count == 0 && Rows.Count > 0 && Visual.Kind is not (VisualKind.Table or VisualKind.Kpi))
        {
            _figure = VisualTraces.Build(Visual, Columns, Rows, Words);
            VisualTraces.Highlight(_figure, Visual, Columns, Rows, Words, Highlighted);
            _figure.Layout.Height = Height;
            if (!ShowTitle)
            {
                _figure.Layout.Title = null;
                _figure.Layout.Margin.T = 24;
            }
            _config.ToImageButtonOptions = new { format = "png", filename = FileName(), width = ImageWidth, height = ImageHeight };
            _redraw = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Note: PlotlyChart draws only on its first render and ignores new parameters; Plotly.react then updates the
        // existing plot in place (a diff, no flicker). A chart that has just appeared has drawn itself already.
        var shown = _figure is not null && _chart is not null;
        if (_redraw && shown && _chartOnScreen)
        {
            _redraw = false;
            await _chart!.React();
        }
        _redraw = false;
        _chartOnScreen = shown;
    }

    // Note: called by the chart once it has drawn (its interop exists only then); a chart drawn anew is another plot.
    private void Listen()
    {
        if (OnCategoryClick.HasDelegate && _chart is not null && !ReferenceEquals(_listening, _chart))
        {
            _listening = _chart;
            _ = InvokeAsync(async () =>
            {
                try
                {
                    await _listening.SubscribeClickEvent();
                }
                catch (Exception exception) when (exception is JSDisconnectedException or TaskCanceledException)
                {
                    // The page closed while the chart was drawing.
                }
            });
        }
    }

    private void Clicked(IEnumerable<Plotly.Blazor.Interop.EventDataPoint> points)
    {
        if (points.FirstOrDefault() is { } point
            && VisualTraces.Clicked(Visual, Columns, Rows, Words, point.X, point.Y, point.PointNumber) is { } click)
        {
            _ = InvokeAsync(() => OnCategoryClick.InvokeAsync(click));
        }
    }

    private ChartWords Words => new(L["Value.True"], L["Value.False"], L["Chart.Blank"]);

    // MudTable's T cannot carry the nullable annotation (razor's generated code); the rows are the same arrays.
    private IEnumerable<object[]> TableRows => Rows.Cast<object[]>();

    private uint ImageHeight => (uint)Math.Max(Height, 600);

    private string FileName() => ChartFileName.From(Visual.Title, L["Chart.FileName"]);

    private async Task DownloadPngAsync()
    {
        if (_chart is not null)
        {
            await _chart.DownloadImage(ImageFormat.Png, ImageHeight, ImageWidth, FileName());
        }
    }

    /// <summary>The columns the visual names, in its order; all of them when it names none.</summary>
    private (StepColumn, int)[] TableColumns()
    {
        var named = Visual.Columns().Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 0
            ? [.. Columns.Select((c, i) => (c, i))]
            : [.. named.Select(n => (Columns[IndexOf(n)], IndexOf(n)))];
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"No column {column}: VisualCheck should have reported it.");
    }
}
