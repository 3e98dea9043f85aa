using System.Drawing;
using System.Globalization;
using OfficeOpenXml;
using OfficeOpenXml.Drawing.Chart;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Scenarios;

namespace Workbench.Infrastructure.Exports;

/// <summary>
/// A native Excel chart of a scenario's <see cref="Visual"/> on the data sheet, beside the data, whose series reference
/// the data sheet's columns: the reader can restyle it, and it follows edits to the cells. Bar (column or bar,
/// clustered or stacked), line, area, pie or doughnut, XY scatter, and combo (columns with lines on a secondary axis).
/// </summary>
/// <remarks>
/// No chart for a heatmap, a table or a KPI card (Excel has no such chart), for a visual split by a series column (its
/// series are not contiguous ranges of the sheet), for a visual that does not fit the columns, or for no rows.
/// </remarks>
internal static class XlsxChart
{
    public const string Name = "Biểu đồ";

    private const int WidthPixels = 720;
    private const int HeightPixels = 400;

    /// <summary>Adds the chart to <paramref name="data"/> (header on row 1, rows below); false when the visual has none.</summary>
    public static bool Add(ExcelWorksheet data, Visual visual, IReadOnlyList<ExportColumn> columns, int rowCount)
    {
        if (!Drawable(visual, columns, rowCount))
        {
            return false;
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            index.TryAdd(columns[c].Name, c + 1);
        }
        ExcelRange Column(string name) => data.Cells[2, index[name], rowCount + 1, index[name]];
        var x = Column(visual.X!);
        var colors = VisualPalette.Colors(visual.Palette).Select(ToColor).ToArray();

        var chart = data.Drawings.AddChart(Name, ChartType(visual));
        if (!string.IsNullOrWhiteSpace(visual.Title))
        {
            chart.Title.Text = visual.Title;
        }
        var values = visual.Kind == VisualKind.Pie ? visual.Values.Take(1).ToList() : visual.Values.ToList();
        for (var i = 0; i < values.Count; i++)
        {
            var serie = chart.Series.Add(Column(values[i]), x);
            serie.Header = values[i];
            if (visual.Kind != VisualKind.Pie)
            {
                Paint(serie, colors[i % colors.Length]);
            }
        }
        if (visual.Kind == VisualKind.Pie)
        {
            // Excel colours each slice itself when the chart varies colours by point.
            chart.VaryColors = true;
        }
        else
        {
            chart.YAxis.Format = NumberFormat(columns[index[values[0]] - 1].Type);
        }

        if (visual.Kind == VisualKind.Combo && visual.SecondaryValues.Count > 0)
        {
            var lines = chart.PlotArea.ChartTypes.Add(eChartType.LineMarkers);
            lines.UseSecondaryAxis = true;
            for (var i = 0; i < visual.SecondaryValues.Count; i++)
            {
                var serie = lines.Series.Add(Column(visual.SecondaryValues[i]), x);
                serie.Header = visual.SecondaryValues[i];
                Paint(serie, colors[(values.Count + i) % colors.Length]);
            }
            lines.YAxis.Format = NumberFormat(columns[index[visual.SecondaryValues[0]] - 1].Type);
        }

        // Beside the data: one empty column after the last, from the second row down.
        chart.SetPosition(1, 0, columns.Count + 1, 0);
        chart.SetSize(WidthPixels, HeightPixels);
        return true;
    }

    private static bool Drawable(Visual visual, IReadOnlyList<ExportColumn> columns, int rowCount) =>
        rowCount > 0
        && visual.Kind is not (VisualKind.Heatmap or VisualKind.Table or VisualKind.Kpi)
        && visual.Series is null
        && VisualCheck.Issues(visual, [.. columns.Select(c => new StepColumn(c.Name, c.Type))]).Count == 0;

    private static eChartType ChartType(Visual visual) => visual.Kind switch
    {
        VisualKind.Bar when visual.Horizontal => visual.Stacked ? eChartType.BarStacked : eChartType.BarClustered,
        VisualKind.Bar or VisualKind.Combo => visual.Stacked ? eChartType.ColumnStacked : eChartType.ColumnClustered,
        VisualKind.Line => visual.Stacked ? eChartType.LineMarkersStacked : eChartType.LineMarkers,
        VisualKind.Area => visual.Stacked ? eChartType.AreaStacked : eChartType.Area,
        VisualKind.Pie => visual.Donut ? eChartType.Doughnut : eChartType.Pie,
        VisualKind.Scatter => eChartType.XYScatter,
        _ => throw new ArgumentOutOfRangeException(nameof(visual), visual.Kind, "No Excel chart for this kind."),
    };

    private static void Paint(ExcelChartSerie serie, Color color)
    {
        if (serie is ExcelLineChartSerie line)
        {
            line.LineColor = color;
            line.MarkerLineColor = color;
        }
        else
        {
            serie.Fill.Style = eFillStyle.SolidFill;
            serie.Fill.Color = color;
        }
    }

    // The axis shows numbers as the cells do: grouped thousands, vi-VN separators in a Vietnamese Excel.
    private static string NumberFormat(Workbench.Core.Catalog.ColumnType type) => XlsxCells.Format(type) ?? XlsxCells.IntegerFormat;

    private static Color ToColor(string hex) =>
        Color.FromArgb(int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) | unchecked((int)0xFF000000));
}
