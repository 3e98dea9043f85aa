using System.IO.Compression;
using System.Xml.Linq;
using Workbench.Core.Catalog;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Exports;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Exports;

public sealed class XlsxChartTests
{
    private static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ExportColumn[] Columns =
    [
        new("Huyện", ColumnType.Text),
        new("Dân số", ColumnType.Integer),
        new("Mật độ", ColumnType.Number),
        new("Năm", ColumnType.Integer),
    ];

    private static readonly object?[][] Rows =
    [
        ["Đức Phổ", 152_000L, 405.25, 2024L],
        ["Sơn Tịnh", 91_500L, 210.0, 2024L],
        ["Bình Sơn", 180_250L, 398.5, 2024L],
    ];

    private static readonly ExportProvenance Provenance = new(
        "Dân số theo huyện", [], [], "Nguyễn Văn An", "Sở Khoa học và Công nghệ", new DateTimeOffset(2026, 11, 27, 5, 25, 23, TimeSpan.Zero));

    [Fact]
    public async Task A_bar_chart_is_a_clustered_column_chart_whose_series_reference_the_data_sheet()
    {
        var xlsx = await ExportAsync(new Visual(VisualKind.Bar, "Dân số theo huyện", X: "Huyện", Values: ["Dân số", "Mật độ"]));

        var chart = ChartPart(xlsx);
        var bar = Assert.Single(chart.Descendants(C + "barChart"));
        Assert.Equal("col", Val(bar, "barDir"));
        Assert.Equal("clustered", Val(bar, "grouping"));
        Assert.Equal(
            [("'Dữ liệu'!$A$2:$A$4", "'Dữ liệu'!$B$2:$B$4"), ("'Dữ liệu'!$A$2:$A$4", "'Dữ liệu'!$C$2:$C$4")],
            Series(bar));
        Assert.Contains("Dân số theo huyện", chart.Descendants(C + "title").Single().Value);
    }

    [Fact]
    public async Task A_stacked_horizontal_bar_chart_is_a_stacked_bar_chart()
    {
        var xlsx = await ExportAsync(new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"], Horizontal: true, Stacked: true));

        var bar = Assert.Single(ChartPart(xlsx).Descendants(C + "barChart"));
        Assert.Equal("bar", Val(bar, "barDir"));
        Assert.Equal("stacked", Val(bar, "grouping"));
    }

    [Fact]
    public async Task A_combo_chart_has_columns_and_lines_on_a_secondary_axis()
    {
        var xlsx = await ExportAsync(new Visual(VisualKind.Combo, "", X: "Huyện", Values: ["Dân số"], SecondaryValues: ["Mật độ"]));

        var chart = ChartPart(xlsx);
        var bar = Assert.Single(chart.Descendants(C + "barChart"));
        var line = Assert.Single(chart.Descendants(C + "lineChart"));
        Assert.Equal([("'Dữ liệu'!$A$2:$A$4", "'Dữ liệu'!$B$2:$B$4")], Series(bar));
        Assert.Equal([("'Dữ liệu'!$A$2:$A$4", "'Dữ liệu'!$C$2:$C$4")], Series(line));
        // Two value axes: the line chart's own, on the right.
        Assert.Equal(2, chart.Descendants(C + "valAx").Count());
        Assert.Contains(chart.Descendants(C + "valAx"), axis => Val(axis, "axPos") == "r");
        Assert.NotEqual(AxisIds(bar), AxisIds(line));
    }

    [Theory]
    [InlineData(VisualKind.Line, false, "lineChart")]
    [InlineData(VisualKind.Area, false, "areaChart")]
    [InlineData(VisualKind.Pie, false, "pieChart")]
    [InlineData(VisualKind.Pie, true, "doughnutChart")]
    public async Task Each_kind_becomes_its_excel_chart(VisualKind kind, bool donut, string element)
    {
        var xlsx = await ExportAsync(new Visual(kind, "", X: "Huyện", Values: ["Dân số"], Donut: donut));

        var chart = Assert.Single(ChartPart(xlsx).Descendants(C + element));
        Assert.Equal([("'Dữ liệu'!$A$2:$A$4", "'Dữ liệu'!$B$2:$B$4")], Series(chart));
    }

    [Fact]
    public async Task A_scatter_chart_references_x_and_y_values()
    {
        var xlsx = await ExportAsync(new Visual(VisualKind.Scatter, "", X: "Dân số", Values: ["Mật độ"]));

        var scatter = Assert.Single(ChartPart(xlsx).Descendants(C + "scatterChart"));
        var serie = Assert.Single(scatter.Elements(C + "ser"));
        Assert.Equal("'Dữ liệu'!$B$2:$B$4", serie.Element(C + "xVal")!.Descendants(C + "f").Single().Value);
        Assert.Equal("'Dữ liệu'!$C$2:$C$4", serie.Element(C + "yVal")!.Descendants(C + "f").Single().Value);
    }

    [Theory]
    [InlineData(VisualKind.Heatmap)]
    [InlineData(VisualKind.Table)]
    [InlineData(VisualKind.Kpi)]
    public async Task Heatmaps_tables_and_kpi_cards_add_no_chart(VisualKind kind)
    {
        var xlsx = await ExportAsync(new Visual(kind, "", X: "Huyện", Series: "Năm", Values: ["Dân số"]));

        Assert.DoesNotContain(Entries(xlsx), e => e.StartsWith("xl/charts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_visual_that_does_not_fit_the_columns_or_is_split_by_a_series_adds_no_chart()
    {
        var missing = await ExportAsync(new Visual(VisualKind.Bar, "", X: "Xã", Values: ["Dân số"]));
        var split = await ExportAsync(new Visual(VisualKind.Bar, "", X: "Huyện", Series: "Năm", Values: ["Dân số"]));

        Assert.DoesNotContain(Entries(missing), e => e.StartsWith("xl/charts/", StringComparison.Ordinal));
        Assert.DoesNotContain(Entries(split), e => e.StartsWith("xl/charts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_streamed_path_writes_no_chart()
    {
        var output = new MemoryStream();

        await XlsxExporter.WriteAsync(output, Columns, ToAsync(Rows), Provenance, new XlsxRowLimits(formattedMaxRows: 2, maxRows: 100),
            new Visual(VisualKind.Bar, "", X: "Huyện", Values: ["Dân số"]), Ct);

        Assert.DoesNotContain(Entries(output.ToArray()), e => e.StartsWith("xl/charts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LibreOffice_still_reads_the_data_of_a_workbook_with_a_combo_chart()
    {
        var xlsx = await ExportAsync(new Visual(VisualKind.Combo, "Dân số và mật độ", X: "Huyện", Values: ["Dân số"], SecondaryValues: ["Mật độ"]));

        var sheets = await LibreOffice.ReadSheetsAsync(xlsx, Ct);

        Assert.Equal(
        [
            ["Huyện", "Dân số", "Mật độ", "Năm"],
            ["Đức Phổ", "152,000", "405.25", "2,024"],
            ["Sơn Tịnh", "91,500", "210.00", "2,024"],
            ["Bình Sơn", "180,250", "398.50", "2,024"],
        ], sheets[XlsxExporter.DataSheet]);
        Assert.Contains(["Tiêu đề", "Dân số theo huyện"], sheets[XlsxExporter.ProvenanceSheet]);
    }

    private static async Task<byte[]> ExportAsync(Visual visual)
    {
        var output = new MemoryStream();
        await XlsxExporter.WriteAsync(output, Columns, ToAsync(Rows), Provenance, visual, Ct);
        return output.ToArray();
    }

    private static async IAsyncEnumerable<object?[]> ToAsync(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static List<string> Entries(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return [.. zip.Entries.Select(e => e.FullName.TrimStart('/'))];
    }

    private static XDocument ChartPart(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var entry = zip.Entries.Single(e => e.FullName.TrimStart('/') == "xl/charts/chart1.xml");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static string? Val(XElement parent, string name) => parent.Element(C + name)?.Attribute("val")?.Value;

    private static List<(string Categories, string Values)> Series(XElement chart) =>
    [
        .. chart.Elements(C + "ser").Select(s => (
            s.Element(C + "cat")!.Descendants(C + "f").Single().Value,
            s.Element(C + "val")!.Descendants(C + "f").Single().Value)),
    ];

    private static string AxisIds(XElement chart) => string.Join(",", chart.Elements(C + "axId").Select(a => a.Attribute("val")!.Value));
}
