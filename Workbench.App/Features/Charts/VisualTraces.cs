using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Workbench.App.Components.Shared;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;
using PlotlyLayout = Plotly.Blazor.Layout;

namespace Workbench.App.Features.Charts;

/// <summary>A chart ready for Plotly: its traces and its layout.</summary>
public sealed record ChartFigure(IList<ITrace> Data, PlotlyLayout Layout);

/// <summary>A click on a chart's category: the visual's X column and the value of the rows under the point, typed as in the rows.</summary>
public sealed record ChartClick(string Column, ColumnType Type, object? Value);

/// <summary>The words a chart shows for values that have no text of their own.</summary>
public sealed record ChartWords(string Yes, string No, string Empty);

/// <summary>
/// Turns a <see cref="Visual"/> over a result into Plotly traces and layout, with no browser involved: bars, lines
/// and areas get a trace per value column and per series value, combo lines go to a second y axis, a heatmap gets
/// its z matrix. Numbers use vi-VN separators (<see cref="Separators"/>) and thousands grouping on every axis.
/// </summary>
public static class VisualTraces
{
    /// <summary>Plotly's decimal then thousands separator: 1.234.567,89.</summary>
    public const string Separators = ",.";

    /// <summary>d3 format for values: thousands grouped, up to six decimals, trailing zeros dropped.</summary>
    public const string NumberFormat = ",~f";

    /// <summary>d3 time format for dates: dd/MM/yyyy.</summary>
    public const string DateFormat = "%d/%m/%Y";

    public const string DateTimeFormat = "%d/%m/%Y %H:%M";

    private const string FontFamily = "Roboto, Helvetica, Arial, sans-serif";

    /// <summary>The figure for a visual whose <see cref="VisualCheck.Issues"/> are empty; other visuals throw.</summary>
    public static ChartFigure Build(Visual visual, IReadOnlyList<StepColumn> columns, IReadOnlyList<object?[]> rows, ChartWords words)
    {
        if (visual.Kind is VisualKind.Table or VisualKind.Kpi)
        {
            throw new ArgumentException($"A {visual.Kind} visual is not a chart.", nameof(visual));
        }
        if (VisualCheck.Issues(visual, columns) is { Count: > 0 } issues)
        {
            throw new ArgumentException($"The visual does not fit the result: {string.Join(", ", issues)}.", nameof(visual));
        }
        var result = new Result(columns, rows, words);
        var layout = BaseLayout(visual);
        var data = visual.Kind switch
        {
            VisualKind.Bar => Bars(visual, result, layout, visual.Horizontal),
            VisualKind.Line or VisualKind.Area => Lines(visual, result, layout),
            VisualKind.Scatter => Points(visual, result, layout),
            VisualKind.Combo => Combo(visual, result, layout),
            VisualKind.Pie => Pie(visual, result),
            VisualKind.Heatmap => Heatmap(visual, result, layout),
            _ => throw new ArgumentOutOfRangeException(nameof(visual), visual.Kind, null),
        };
        layout.ShowLegend = visual.Kind == VisualKind.Pie || data.Count > 1;
        return new ChartFigure(data, layout);
    }

    /// <summary>
    /// The category a viewer clicked: the X value of a bar, point or line (the Y value of a horizontal bar), the label
    /// of a slice; null for a heatmap or when no row has that value (the chart was redrawn meanwhile).
    /// </summary>
    /// <param name="x">The point's x as Plotly sent it.</param>
    /// <param name="y">The point's y as Plotly sent it.</param>
    /// <param name="pointNumber">The point's index in its trace (a slice's row for a pie).</param>
    public static ChartClick? Clicked(
        Visual visual, IReadOnlyList<StepColumn> columns, IReadOnlyList<object?[]> rows, ChartWords words, object? x, object? y, object? pointNumber)
    {
        if (visual.X is null || visual.Kind is VisualKind.Heatmap or VisualKind.Table or VisualKind.Kpi || VisualCheck.Issues(visual, columns).Count > 0)
        {
            return null;
        }
        var result = new Result(columns, rows, words);
        var index = result.Index(visual.X);
        var column = new ChartClick(visual.X, columns[index].Type, null);
        if (visual.Kind == VisualKind.Pie)
        {
            return int.TryParse(Invariant(pointNumber), NumberStyles.Integer, CultureInfo.InvariantCulture, out var row) && row >= 0 && row < rows.Count
                ? column with { Value = rows[row][index] }
                : null;
        }
        var clicked = Invariant(visual.Kind == VisualKind.Bar && visual.Horizontal ? y : x);
        foreach (var row in rows)
        {
            if (SameLabel(result.Label(row[index]), clicked))
            {
                return column with { Value = row[index] };
            }
        }
        return null;
    }

    /// <summary>
    /// Marks the categories a viewer picked (a dashboard's cross-filter chips from this chart): bars of other categories
    /// are dimmed through Plotly's selection, picked slices pulled out of the pie. Nothing picked: the figure as built.
    /// </summary>
    public static void Highlight(ChartFigure figure, Visual visual, IReadOnlyList<StepColumn> columns, IReadOnlyList<object?[]> rows,
        ChartWords words, IReadOnlyList<object?> picked)
    {
        if (picked.Count == 0 || visual.X is null)
        {
            return;
        }
        var result = new Result(columns, rows, words);
        var labels = picked.Select(result.Label).ToList();
        bool IsPicked(object label) => labels.Any(l => Equals(l, label));
        foreach (var trace in figure.Data)
        {
            switch (trace)
            {
                case Bar bar when (visual.Horizontal ? bar.Y : bar.X) is { } categories:
                    bar.SelectedPoints = categories.Select((label, index) => (label, index)).Where(p => IsPicked(p.label)).Select(p => (object)p.index).ToList();
                    break;
                case Pie pie when pie.Labels is { } slices:
                    pie.PullArray = [.. slices.Select(label => IsPicked(label) ? 0.12m : 0m)];
                    break;
            }
        }
    }

    private static string? Invariant(object? value) => value switch
    {
        null => null,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } json => json.GetString(),
        System.Text.Json.JsonElement json => json.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool SameLabel(object label, string? clicked) => label switch
    {
        _ when clicked is null => false,
        long or double => double.TryParse(clicked, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && Convert.ToDouble(label, CultureInfo.InvariantCulture) == number,
        // Plotly may send a date axis value with a time part, or without the seconds.
        string text when text.Length >= 10 && text[4] == '-' && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
            DateTime.TryParse(clicked, CultureInfo.InvariantCulture, DateTimeStyles.None, out var other) ? date == other : text == clicked,
        _ => Equals(label, clicked),
    };

    private static PlotlyLayout BaseLayout(Visual visual)
    {
        var colors = VisualPalette.Colors(visual.Palette).Cast<object>().ToList();
        return new PlotlyLayout
        {
            Separators = Separators,
            Colorway = colors,
            PieColorway = colors,
            Font = new Font { Family = FontFamily },
            Title = string.IsNullOrWhiteSpace(visual.Title) ? null : new Title { Text = visual.Title },
            Margin = new Margin { L = 64, R = 24, T = string.IsNullOrWhiteSpace(visual.Title) ? 24 : 56, B = 56 },
            AutoSize = true,
            // Zoom and hidden legend entries survive new data for the same mapping; a new mapping starts afresh.
            UiRevision = string.Join('|', visual.Columns().Prepend(visual.Kind.ToString())),
        };
    }

    private static List<ITrace> Bars(Visual visual, Result result, PlotlyLayout layout, bool horizontal)
    {
        var traces = new List<ITrace>();
        foreach (var (name, x, y) in result.Split(visual.X!, visual.Series, visual.Values))
        {
            traces.Add(new Bar
            {
                Name = name,
                X = horizontal ? y : x,
                Y = horizontal ? x : y,
                Orientation = horizontal ? Plotly.Blazor.Traces.BarLib.OrientationEnum.H : null,
            });
        }
        layout.BarMode = visual.Stacked ? BarModeEnum.Stack : BarModeEnum.Group;
        var category = CategoryAxis(result.Type(visual.X!));
        var value = ValueAxis(AxisTitle(visual.Values));
        if (horizontal)
        {
            layout.XAxis = [ToX(value)];
            // Categories read top to bottom in result order, as in a table.
            layout.YAxis = [ToY(category with { Reversed = true }, visual.X)];
        }
        else
        {
            layout.XAxis = [ToX(category, visual.X)];
            layout.YAxis = [ToY(value)];
        }
        return traces;
    }

    private static List<ITrace> Lines(Visual visual, Result result, PlotlyLayout layout)
    {
        var area = visual.Kind == VisualKind.Area;
        var traces = new List<ITrace>();
        foreach (var (name, x, y) in result.Split(visual.X!, visual.Series, visual.Values))
        {
            traces.Add(new Scatter
            {
                Name = name,
                X = x,
                Y = y,
                Mode = area ? Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines
                    : Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                // A stack group sums the traces and fills between them; an unstacked area fills down to zero.
                StackGroup = visual.Stacked ? "stack" : null,
                Fill = area && !visual.Stacked ? Plotly.Blazor.Traces.ScatterLib.FillEnum.ToZeroY : null,
            });
        }
        layout.XAxis = [ToX(CategoryAxis(result.Type(visual.X!)), visual.X)];
        layout.YAxis = [ToY(ValueAxis(AxisTitle(visual.Values)))];
        return traces;
    }

    private static List<ITrace> Points(Visual visual, Result result, PlotlyLayout layout)
    {
        var traces = new List<ITrace>();
        foreach (var (name, x, y) in result.Split(visual.X!, visual.Series, visual.Values))
        {
            traces.Add(new Scatter { Name = name, X = x, Y = y, Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers });
        }
        var xType = result.Type(visual.X!);
        layout.XAxis = [ToX(Formats.IsNumeric(xType) ? ValueAxis(null) : CategoryAxis(xType), visual.X)];
        layout.YAxis = [ToY(ValueAxis(AxisTitle(visual.Values)))];
        return traces;
    }

    private static List<ITrace> Combo(Visual visual, Result result, PlotlyLayout layout)
    {
        var traces = Bars(visual, result, layout, horizontal: false);
        foreach (var (name, x, y) in result.Split(visual.X!, null, visual.SecondaryValues))
        {
            traces.Add(new Scatter
            {
                Name = name,
                X = x,
                Y = y,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                YAxis = "y2",
            });
        }
        if (visual.SecondaryValues.Count > 0)
        {
            var secondary = ToY(ValueAxis(AxisTitle(visual.SecondaryValues)));
            secondary.Overlaying = "y";
            secondary.Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right;
            secondary.ShowGrid = false;
            layout.YAxis.Add(secondary);
            // Room for the second axis's tick labels on the right.
            layout.Margin.R = 64;
        }
        return traces;
    }

    private static List<ITrace> Pie(Visual visual, Result result)
    {
        var x = result.Index(visual.X!);
        var value = result.Index(visual.Values[0]);
        var labels = new List<object>();
        var values = new List<object>();
        foreach (var row in result.Rows)
        {
            labels.Add(result.Label(row[x]));
            values.Add(Value(row[value]) ?? 0L);
        }
        return
        [
            new Pie
            {
                Name = visual.Values[0],
                Labels = labels,
                Values = values,
                Hole = visual.Donut ? 0.45m : null,
                Sort = false,
                TextInfo = Plotly.Blazor.Traces.PieLib.TextInfoFlag.Percent,
                HoverTemplate = "%{label}<br>%{value:" + NumberFormat + "} (%{percent})<extra></extra>",
            },
        ];
    }

    private static List<ITrace> Heatmap(Visual visual, Result result, PlotlyLayout layout)
    {
        var x = result.Index(visual.X!);
        var y = result.Index(visual.Series!);
        var value = result.Index(visual.Values[0]);
        var xLabels = new List<string>();
        var yLabels = new List<string>();
        var xIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var yIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new Dictionary<(int, int), object?>();
        foreach (var row in result.Rows)
        {
            var column = Position(result.Text(row[x]), xLabels, xIndex);
            var line = Position(result.Text(row[y]), yLabels, yIndex);
            // The pipeline should leave one value per cell; if not, the last row wins, as in a pivot.
            cells[(line, column)] = Value(row[value]);
        }
        var z = new List<object>(yLabels.Count);
        for (var line = 0; line < yLabels.Count; line++)
        {
            var values = new List<object?>(xLabels.Count);
            for (var column = 0; column < xLabels.Count; column++)
            {
                values.Add(cells.GetValueOrDefault((line, column)));
            }
            z.Add(values);
        }
        var (low, high) = VisualPalette.Scale(visual.Palette);
        layout.XAxis = [ToX(new Axis(AxisKind.Category, null, null), visual.X)];
        layout.YAxis = [ToY(new Axis(AxisKind.Category, null, null) { Reversed = true }, visual.Series)];
        return
        [
            new HeatMap
            {
                Name = visual.Values[0],
                X = [.. xLabels],
                Y = [.. yLabels],
                Z = z,
                ColorScale = new object[] { new object[] { 0, low }, new object[] { 1, high } },
                ColorBar = new Plotly.Blazor.Traces.HeatMapLib.ColorBar { TickFormat = NumberFormat },
                HoverTemplate = "%{y} · %{x}<br>%{z:" + NumberFormat + "}<extra></extra>",
            },
        ];
    }

    private static int Position(string label, List<string> labels, Dictionary<string, int> index)
    {
        if (!index.TryGetValue(label, out var position))
        {
            position = labels.Count;
            index[label] = position;
            labels.Add(label);
        }
        return position;
    }

    /// <summary>A number for Plotly: long or double; null, NaN and infinities leave a gap.</summary>
    private static object? Value(object? value) => value switch
    {
        long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        double d => double.IsFinite(d) ? d : null,
        decimal m => (double)m,
        _ => null,
    };

    private static string? AxisTitle(IReadOnlyList<string> values) => values.Count is 1 or 2 ? string.Join(", ", values) : null;

    /// <summary>Text, integers and booleans are categories (2023 is a year, not 2.023); dates a time axis; decimals a number line.</summary>
    private static Axis CategoryAxis(ColumnType type) => type switch
    {
        ColumnType.Date => new Axis(AxisKind.Date, DateFormat, null),
        ColumnType.DateTime => new Axis(AxisKind.Date, DateTimeFormat, null),
        ColumnType.Number => ValueAxis(null),
        _ => new Axis(AxisKind.Category, null, null),
    };

    private static Axis ValueAxis(string? title) => new(AxisKind.Linear, NumberFormat, title);

    private enum AxisKind
    {
        Category,
        Date,
        Linear,
    }

    private sealed record Axis(AxisKind Kind, string? Format, string? Title)
    {
        public bool Reversed { get; init; }
    }

    private static XAxis ToX(Axis axis, string? title = null) => new()
    {
        Type = axis.Kind switch
        {
            AxisKind.Category => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category,
            AxisKind.Date => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
            _ => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
        },
        TickFormat = axis.Format,
        HoverFormat = axis.Format,
        AutoRange = axis.Reversed ? Plotly.Blazor.LayoutLib.XAxisLib.AutoRangeEnum.Reversed : null,
        // Long Vietnamese district names are tilted; without this the axis title sits on top of them.
        AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
        Title = (title ?? axis.Title) is { } text ? new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = text } : null,
    };

    private static YAxis ToY(Axis axis, string? title = null) => new()
    {
        Type = axis.Kind switch
        {
            AxisKind.Category => Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category,
            AxisKind.Date => Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Date,
            _ => Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
        },
        TickFormat = axis.Format,
        HoverFormat = axis.Format,
        AutoRange = axis.Reversed ? Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed : null,
        Title = (title ?? axis.Title) is { } text ? new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = text } : null,
    };

    /// <summary>The result with its columns by name and the words for its labels.</summary>
    private sealed class Result(IReadOnlyList<StepColumn> columns, IReadOnlyList<object?[]> rows, ChartWords words)
    {
        public IReadOnlyList<StepColumn> Columns { get; } = columns;

        public IReadOnlyList<object?[]> Rows { get; } = rows;

        public int Index(string name)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                if (Columns[i].Name == name)
                {
                    return i;
                }
            }
            throw new ArgumentException($"No column {name}.", nameof(name));
        }

        public ColumnType Type(string name) => Columns[Index(name)].Type;

        /// <summary>
        /// One trace per value column and, with a series column, per series value in order of first appearance:
        /// its name, its x values and its y values.
        /// </summary>
        public IEnumerable<(string Name, IList<object> X, IList<object> Y)> Split(string x, string? series, IReadOnlyList<string> values)
        {
            var xi = Index(x);
            var valueIndexes = values.Select(Index).ToArray();
            var groups = new List<(string Name, List<object?[]> Rows)>();
            if (series is null)
            {
                groups.Add(("", [.. Rows]));
            }
            else
            {
                var si = Index(series);
                var byName = new Dictionary<string, List<object?[]>>(StringComparer.Ordinal);
                foreach (var row in Rows)
                {
                    var name = Text(row[si]);
                    if (!byName.TryGetValue(name, out var list))
                    {
                        byName[name] = list = [];
                        groups.Add((name, list));
                    }
                    list.Add(row);
                }
            }
            foreach (var (groupName, groupRows) in groups)
            {
                for (var v = 0; v < valueIndexes.Length; v++)
                {
                    var name = series is null ? values[v]
                        : values.Count == 1 ? groupName
                        : $"{groupName} · {values[v]}";
                    // Plotly reads a null in y as a gap; IList<object> carries it as a JSON null.
                    IList<object> xs = [.. groupRows.Select(r => Label(r[xi]))];
                    IList<object> ys = [.. groupRows.Select(r => Value(r[valueIndexes[v]])!)];
                    yield return (name, xs, ys);
                }
            }
        }

        /// <summary>An x value as Plotly reads it: numbers stay numbers, dates ISO text, booleans and nulls words.</summary>
        public object Label(object? value) => value switch
        {
            null => words.Empty,
            string s => s,
            bool b => b ? words.Yes : words.No,
            long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            double d => d,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? words.Empty,
        };

        /// <summary>A value as a name (series, heatmap rows and columns) in vi-VN formats.</summary>
        public string Text(object? value) => value is null ? words.Empty : Formats.Cell(value, words.Yes, words.No);
    }
}
