using Workbench.App.Components.Shared;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.App.Features.Charts;

/// <summary>Which settings each kind of visual uses: the chart builder shows only these, and a kind change keeps only these.</summary>
public static class VisualRoles
{
    public static bool UsesX(VisualKind kind) => kind is not (VisualKind.Table or VisualKind.Kpi);

    public static bool UsesSeries(VisualKind kind) =>
        kind is VisualKind.Bar or VisualKind.Line or VisualKind.Area or VisualKind.Scatter or VisualKind.Heatmap;

    /// <summary>Pie, heatmap and KPI read one value; the others read several.</summary>
    public static bool UsesManyValues(VisualKind kind) => kind is not (VisualKind.Pie or VisualKind.Heatmap or VisualKind.Kpi);

    public static bool UsesSecondaryValues(VisualKind kind) => kind == VisualKind.Combo;

    /// <summary>Charts need number columns as values; a table or a KPI card shows any column.</summary>
    public static bool NeedsNumericValues(VisualKind kind) => kind is not (VisualKind.Table or VisualKind.Kpi);

    public static bool UsesHorizontal(VisualKind kind) => kind == VisualKind.Bar;

    public static bool UsesStacked(VisualKind kind) =>
        kind is VisualKind.Bar or VisualKind.Line or VisualKind.Area or VisualKind.Combo;

    public static bool UsesDonut(VisualKind kind) => kind == VisualKind.Pie;

    public static bool UsesPalette(VisualKind kind) => kind is not (VisualKind.Table or VisualKind.Kpi);
}

/// <summary>
/// Sensible settings when the user picks a kind in the chart builder: what still fits is kept; otherwise the first
/// text or date column becomes X (a number column for a scatter) and the first number column the value.
/// </summary>
public static class VisualDefaults
{
    public static Visual ForKind(Visual current, VisualKind kind, IReadOnlyList<StepColumn> columns)
    {
        var byName = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            byName.TryAdd(column.Name, column.Type);
        }
        bool Exists(string? name) => name is not null && byName.ContainsKey(name);
        bool Numeric(string name) => byName.TryGetValue(name, out var type) && Formats.IsNumeric(type);

        var x = VisualRoles.UsesX(kind) ? PickX(current.X, kind, columns, Exists, Numeric) : null;

        string? series = null;
        if (VisualRoles.UsesSeries(kind))
        {
            series = Exists(current.Series) && current.Series != x ? current.Series : null;
            // A heatmap has no rows without a series: take the next grouping column.
            if (series is null && kind == VisualKind.Heatmap)
            {
                series = columns.FirstOrDefault(c => IsGrouping(c.Type) && c.Name != x)?.Name;
            }
        }

        IReadOnlyList<string> values;
        if (kind == VisualKind.Table)
        {
            // An empty list shows every column: the table a user expects first.
            values = [];
        }
        else
        {
            var kept = current.Values.Where(v => Exists(v) && v != x && v != series
                && (!VisualRoles.NeedsNumericValues(kind) || Numeric(v))).ToList();
            if (kept.Count == 0 && columns.FirstOrDefault(c => Formats.IsNumeric(c.Type) && c.Name != x && c.Name != series) is { } first)
            {
                kept.Add(first.Name);
            }
            values = VisualRoles.UsesManyValues(kind) ? kept : kept.Take(1).ToList();
        }

        IReadOnlyList<string> secondary = [];
        if (VisualRoles.UsesSecondaryValues(kind))
        {
            var kept = current.SecondaryValues.Where(v => Exists(v) && Numeric(v) && !values.Contains(v) && v != x).ToList();
            if (kept.Count == 0 && columns.FirstOrDefault(c => Formats.IsNumeric(c.Type) && c.Name != x && !values.Contains(c.Name)) is { } next)
            {
                kept.Add(next.Name);
            }
            secondary = kept;
        }

        return current with
        {
            Kind = kind,
            X = x,
            Series = series,
            Values = values,
            SecondaryValues = secondary,
            Horizontal = VisualRoles.UsesHorizontal(kind) && current.Horizontal,
            Stacked = VisualRoles.UsesStacked(kind) && current.Stacked,
            Donut = VisualRoles.UsesDonut(kind) && current.Donut,
        };
    }

    private static string? PickX(
        string? current, VisualKind kind, IReadOnlyList<StepColumn> columns, Func<string?, bool> exists, Func<string, bool> numeric)
    {
        if (kind == VisualKind.Scatter)
        {
            return exists(current) && numeric(current!) ? current
                : columns.FirstOrDefault(c => Formats.IsNumeric(c.Type))?.Name ?? columns.FirstOrDefault()?.Name;
        }
        return exists(current) ? current
            : columns.FirstOrDefault(c => IsGrouping(c.Type))?.Name
              ?? columns.FirstOrDefault(c => !Formats.IsNumeric(c.Type))?.Name
              ?? columns.FirstOrDefault()?.Name;
    }

    /// <summary>Text and dates name groups; numbers are measured.</summary>
    private static bool IsGrouping(ColumnType type) => type is ColumnType.Text or ColumnType.Date or ColumnType.DateTime;
}
