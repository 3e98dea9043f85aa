using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using OfficeOpenXml;
using Workbench.Core.Scenarios;

namespace Workbench.Infrastructure.Exports;

/// <summary>
/// Writes rows as an xlsx workbook with a data sheet "Dữ liệu" and a provenance sheet "Nguồn dữ liệu".
/// Up to <see cref="FormattedMaxRows"/> rows: EPPlus (bold frozen header, formats from column types, widths from the
/// data). Above, up to <see cref="MaxRows"/>: MiniExcel streaming with flat memory (its own header style, frozen;
/// same formats; widths from the first rows). Past <see cref="MaxRows"/>: <see cref="ExportTooLargeException"/>.
/// </summary>
/// <remarks>
/// The workbook is built in a temporary file and copied to the caller's stream only once complete: the stream may be
/// an HTTP response (non-seekable, no synchronous writes), and a too-large or failed export then writes no byte, so
/// the caller can still answer with an error. A caller that knows the row count beforehand should compare it with
/// <see cref="MaxRows"/> and offer CSV without starting. Numbers, dates and booleans are typed cells (booleans are
/// Excel's TRUE/FALSE, shown in the reader's language); text goes through <see cref="FormulaGuard"/>.
/// A scenario's chart (a <see cref="Visual"/>) becomes a native Excel chart beside the data on the formatted path only:
/// the streamed path writes no chart, since MiniExcel cannot draw one and a chart over that many rows is unreadable.
/// </remarks>
public static class XlsxExporter
{
    /// <summary>Data rows an xlsx sheet holds: 1,048,576 rows less the header.</summary>
    public const int MaxRows = 1_048_575;

    /// <summary>Rows written through EPPlus with full formatting; more stream through MiniExcel.</summary>
    public const int FormattedMaxRows = 100_000;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string DataSheet = "Dữ liệu";
    public const string ProvenanceSheet = "Nguồn dữ liệu";

    public static Task<ExportReceipt> WriteAsync(
        Stream output, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, ExportProvenance provenance,
        CancellationToken cancellationToken) =>
        WriteAsync(output, columns, rows, provenance, XlsxRowLimits.Default, cancellationToken);

    public static Task<ExportReceipt> WriteAsync(
        Stream output, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, ExportProvenance provenance,
        XlsxRowLimits limits, CancellationToken cancellationToken) =>
        WriteAsync(output, columns, rows, provenance, limits, chart: null, cancellationToken);

    /// <summary>
    /// As the other overloads, with <paramref name="chart"/> drawn as a native Excel chart beside the data when the
    /// rows fit the formatted path and Excel has such a chart (see <see cref="XlsxChart"/>); null: no chart.
    /// </summary>
    public static Task<ExportReceipt> WriteAsync(
        Stream output, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, ExportProvenance provenance,
        Visual? chart, CancellationToken cancellationToken) =>
        WriteAsync(output, columns, rows, provenance, XlsxRowLimits.Default, chart, cancellationToken);

    public static async Task<ExportReceipt> WriteAsync(
        Stream output, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, ExportProvenance provenance,
        XlsxRowLimits limits, Visual? chart, CancellationToken cancellationToken)
    {
        await using var workbook = TemporaryFile();
        await using var source = rows.GetAsyncEnumerator(cancellationToken);
        var first = new List<object?[]>();
        var more = false;
        while (await source.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (first.Count == limits.FormattedMaxRows)
            {
                more = true;
                break;
            }
            first.Add(Checked(source.Current, columns, first.Count + 1));
        }

        var count = more
            ? await XlsxStreamedWriter.WriteAsync(workbook, columns, first, source, provenance, limits.MaxRows, cancellationToken)
            : XlsxFormattedWriter.Write(workbook, columns, first, provenance, chart);

        workbook.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var hashing = new HashingStream(output, hash))
        {
            await workbook.CopyToAsync(hashing, cancellationToken);
            await hashing.FlushAsync(cancellationToken);
        }
        return new ExportReceipt(count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    internal static object?[] Checked(object?[] row, IReadOnlyList<ExportColumn> columns, long number) =>
        row.Length == columns.Count ? row
            : throw new ArgumentException($"Row {number} has {row.Length} values for {columns.Count} columns.", nameof(row));

    // Note: without FileOptions.Asynchronous: EPPlus writes synchronously, and that option halved the speed of both paths.
    private static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"workbench-export-{Guid.NewGuid():N}.xlsx"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
        FileOptions.DeleteOnClose);
}

/// <summary>The EPPlus path: the whole workbook in memory, fully formatted.</summary>
internal static class XlsxFormattedWriter
{
    public static long Write(
        Stream workbook, IReadOnlyList<ExportColumn> columns, IReadOnlyList<object?[]> rows, ExportProvenance provenance, Visual? chart)
    {
        using var package = new ExcelPackage();
        var data = package.Workbook.Worksheets.Add(XlsxExporter.DataSheet);
        WriteData(data, columns, rows);
        if (chart is not null)
        {
            XlsxChart.Add(data, chart, columns, rows.Count);
        }
        WriteLabelled(package.Workbook.Worksheets.Add(XlsxExporter.ProvenanceSheet), XlsxProvenance.Rows(provenance, rows.Count));

        package.SaveAs(workbook);
        return rows.Count;
    }

    /// <summary>The header (bold, frozen) and the rows as typed cells, formatted and sized by column type.</summary>
    internal static void WriteData(ExcelWorksheet data, IReadOnlyList<ExportColumn> columns, IReadOnlyList<object?[]> rows)
    {
        WriteHeader(data, columns.Select(c => c.Name).ToArray());
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                // Note: EPPlus makes a formula only from .Formula; a string value stays a shared string.
                if (XlsxCells.Value(row[c]) is { } value)
                {
                    data.SetValue(r + 2, c + 1, value);
                }
            }
        }
        var widths = XlsxCells.Widths(columns, rows);
        for (var c = 0; c < columns.Count; c++)
        {
            data.Column(c + 1).Width = widths[c];
            if (rows.Count > 0 && XlsxCells.Format(columns[c].Type) is { } format)
            {
                data.Cells[2, c + 1, rows.Count + 1, c + 1].Style.Numberformat.Format = format;
            }
        }
    }

    /// <summary>A provenance sheet: "Mục"/"Nội dung" header and one label/value line a row (already made cell-safe).</summary>
    internal static void WriteLabelled(ExcelWorksheet sheet, IReadOnlyList<(string Label, string Value)> lines)
    {
        WriteHeader(sheet, [XlsxProvenance.LabelHeader, XlsxProvenance.ValueHeader]);
        for (var r = 0; r < lines.Count; r++)
        {
            sheet.SetValue(r + 2, 1, lines[r].Label);
            sheet.SetValue(r + 2, 2, lines[r].Value);
        }
        sheet.Column(1).Width = Math.Clamp(lines.Max(l => l.Label.Length) + 2, 12, 60);
        sheet.Column(2).Width = Math.Clamp(lines.Max(l => l.Value.Length) + 2, 12, 80);
    }

    private static void WriteHeader(ExcelWorksheet sheet, IReadOnlyList<string> names)
    {
        for (var c = 0; c < names.Count; c++)
        {
            sheet.SetValue(1, c + 1, XlsxCells.Text(names[c]));
        }
        if (names.Count > 0)
        {
            sheet.Cells[1, 1, 1, names.Count].Style.Font.Bold = true;
        }
        sheet.View.FreezePanes(2, 1);
    }
}

/// <summary>
/// The MiniExcel path: rows stream to the temporary file; memory holds only the first rows, released as written.
/// </summary>
internal static class XlsxStreamedWriter
{
    public static async Task<long> WriteAsync(
        Stream workbook, IReadOnlyList<ExportColumn> columns, List<object?[]> first, IAsyncEnumerator<object?[]> rest,
        ExportProvenance provenance, int maxRows, CancellationToken cancellationToken)
    {
        // The row that made the first part overflow is rest.Current, not yet counted.
        if (first.Count >= maxRows)
        {
            throw new ExportTooLargeException(maxRows);
        }
        var widths = XlsxCells.Widths(columns, first);
        var keys = columns.Select((_, i) => "c" + i).ToArray();
        var dynamicColumns = columns.Select((c, i) => new DynamicExcelColumn(keys[i])
        {
            Name = XlsxCells.Text(c.Name),
            Format = XlsxCells.Format(c.Type),
            Width = widths[i],
        }).ToList();
        dynamicColumns.Add(new DynamicExcelColumn("label") { Name = XlsxProvenance.LabelHeader, Width = 40 });
        dynamicColumns.Add(new DynamicExcelColumn("value") { Name = XlsxProvenance.ValueHeader, Width = 60 });
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. dynamicColumns],
            FreezeRowCount = 1,
            AutoFilter = false,
            // Note: FastMode keeps the whole sheet XML in memory (measured: 460 MB for 400,000 rows); off, it stays flat.
            FastMode = false,
        };

        var counter = new RowCounter();
        var sheets = new Dictionary<string, object>
        {
            [XlsxExporter.DataSheet] = DataRows(keys, columns, first, rest, maxRows, counter, cancellationToken),
            // MiniExcel writes the sheets in order, so the count is known when the provenance sheet is enumerated.
            [XlsxExporter.ProvenanceSheet] = ProvenanceRows(provenance, counter),
        };
        await MiniExcel.SaveAsAsync(workbook, sheets, printHeader: true, excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: cancellationToken);
        return counter.Rows;
    }

    private static async IAsyncEnumerable<IDictionary<string, object?>> DataRows(
        string[] keys, IReadOnlyList<ExportColumn> columns, List<object?[]> first, IAsyncEnumerator<object?[]> rest,
        int maxRows, RowCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < first.Count; i++)
        {
            var row = first[i];
            first[i] = null!;
            counter.Rows++;
            yield return Cells(keys, row);
        }
        first.Clear();
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++counter.Rows > maxRows)
            {
                throw new ExportTooLargeException(maxRows);
            }
            yield return Cells(keys, XlsxExporter.Checked(rest.Current, columns, counter.Rows));
        }
        while (await rest.MoveNextAsync());
    }

    private static async IAsyncEnumerable<IDictionary<string, object?>> ProvenanceRows(ExportProvenance provenance, RowCounter counter)
    {
        await Task.CompletedTask;
        foreach (var (label, value) in XlsxProvenance.Rows(provenance, counter.Rows))
        {
            yield return new Dictionary<string, object?> { ["label"] = label, ["value"] = value };
        }
    }

    private static Dictionary<string, object?> Cells(string[] keys, object?[] row)
    {
        var cells = new Dictionary<string, object?>(keys.Length);
        for (var c = 0; c < keys.Length; c++)
        {
            cells[keys[c]] = XlsxCells.Value(row[c]);
        }
        return cells;
    }

    private sealed class RowCounter
    {
        public long Rows { get; set; }
    }
}
