using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.App.Features.Charts;

/// <summary>
/// The chart builder for one <see cref="Visual"/>: the kind (with sensible defaults from <see cref="VisualDefaults"/>),
/// the title, the columns by role with their type icons, and the switches and palette the kind uses. Every edit
/// raises <see cref="ValueChanged"/> with the new visual; bind it with <c>@bind-Value</c>.
/// </summary>
public partial class VisualEditor
{
    private readonly string _kindLabelId = "chart-kind-" + Guid.NewGuid().ToString("N");
    private IReadOnlyList<VisualIssue> _issues = [];

    /// <summary>The visual being edited. Default: an untitled bar chart.</summary>
    [Parameter]
    public Visual Value { get; set; } = new(VisualKind.Bar, "");

    /// <summary>Raised with the edited visual after every change.</summary>
    [Parameter]
    public EventCallback<Visual> ValueChanged { get; set; }

    /// <summary>The columns of the result the visual draws from (the pipeline's last step). Default: none.</summary>
    [Parameter]
    public IReadOnlyList<StepColumn> Columns { get; set; } = [];

    /// <summary>The columns offered as values: number columns for charts, any column for a table or a KPI card.</summary>
    private IEnumerable<StepColumn> ValueColumns => VisualRoles.NeedsNumericValues(Value.Kind)
        ? Columns.Where(c => Formats.IsNumeric(c.Type) && c.Name != Value.X && c.Name != Value.Series)
        : Columns;

    private string XLabel => Value.Kind switch
    {
        VisualKind.Pie => L["Chart.Editor.X.Pie"],
        VisualKind.Heatmap => L["Chart.Editor.X.Heatmap"],
        VisualKind.Scatter => L["Chart.Editor.X.Scatter"],
        _ => L["Chart.Editor.X"],
    };

    private string SeriesLabel => Value.Kind == VisualKind.Heatmap ? L["Chart.Editor.Series.Heatmap"] : L["Chart.Editor.Series"];

    private string ValuesLabel => Value.Kind switch
    {
        VisualKind.Table => L["Chart.Editor.Values.Table"],
        VisualKind.Kpi => L["Chart.Editor.Value.Kpi"],
        VisualKind.Pie or VisualKind.Heatmap => L["Chart.Editor.Value"],
        _ => L["Chart.Editor.Values"],
    };

    protected override void OnParametersSet() => _issues = Columns.Count == 0 ? [] : VisualCheck.Issues(Value, Columns);

    public static string KindIcon(VisualKind kind) => kind switch
    {
        VisualKind.Bar => Icons.Material.Filled.BarChart,
        VisualKind.Line => Icons.Material.Filled.ShowChart,
        VisualKind.Area => Icons.Material.Filled.AreaChart,
        VisualKind.Pie => Icons.Material.Filled.PieChart,
        VisualKind.Scatter => Icons.Material.Filled.ScatterPlot,
        VisualKind.Combo => Icons.Material.Filled.Insights,
        VisualKind.Heatmap => Icons.Material.Filled.GridOn,
        VisualKind.Table => Icons.Material.Filled.TableChart,
        VisualKind.Kpi => Icons.Material.Filled.Speed,
        _ => Icons.Material.Filled.InsertChart,
    };

    private string PaletteName(string palette) => L["Chart.Palette." + VisualPalette.Normalize(palette)];

    private string? Issue(VisualRole role) =>
        _issues.FirstOrDefault(i => i.Role == role && i.Kind != VisualIssueKind.Required) is { } issue ? VisualIssueText.Of(L, issue) : null;

    private Task SelectKindAsync(VisualKind kind) =>
        kind == Value.Kind ? Task.CompletedTask : ChangeAsync(VisualDefaults.ForKind(Value, kind, Columns));

    private Task SetTitleAsync(string? title) => ChangeAsync(Value with { Title = title?.Trim() ?? "" });

    private Task SetXAsync(string? x) =>
        // The series cannot be the X column too; the builder drops it rather than draw one bar per bar.
        ChangeAsync(Value with { X = x, Series = Value.Series == x ? null : Value.Series });

    private Task SetSeriesAsync(string? series) => ChangeAsync(Value with { Series = string.IsNullOrEmpty(series) ? null : series });

    private Task SetValueAsync(string? value) => ChangeAsync(Value with { Values = value is null ? [] : [value] });

    private Task SetValuesAsync(IEnumerable<string?>? values) => ChangeAsync(Value with { Values = InColumnOrder(values) });

    private Task SetSecondaryValuesAsync(IEnumerable<string?>? values) => ChangeAsync(Value with { SecondaryValues = InColumnOrder(values) });

    // Traces and table columns follow the result's column order, whatever order the user clicked in.
    private List<string> InColumnOrder(IEnumerable<string?>? chosen)
    {
        var set = (chosen ?? []).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. Columns.Select(c => c.Name).Where(set.Contains).Distinct(StringComparer.Ordinal)];
    }

    private async Task ChangeAsync(Visual next)
    {
        if (next.Equals(Value))
        {
            return;
        }
        // The builder shows the edit at once, bound or not; a bound parent passes the same value back.
        Value = next;
        _issues = Columns.Count == 0 ? [] : VisualCheck.Issues(Value, Columns);
        await ValueChanged.InvokeAsync(next);
    }
}
