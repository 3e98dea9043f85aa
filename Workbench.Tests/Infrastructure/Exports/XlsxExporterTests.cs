using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MiniExcelLibs;
using OfficeOpenXml;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Exports;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Exports;

public sealed class XlsxExporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // "streamed" lowers the EPPlus limit so that the same rows go through MiniExcel.
    private static XlsxRowLimits Limits(string path) =>
        path == "formatted" ? XlsxRowLimits.Default : new XlsxRowLimits(formattedMaxRows: 2, maxRows: 100);

    private static readonly ExportColumn[] Columns =
    [
        new("Mã", ColumnType.Integer),
        new("Tên", ColumnType.Text),
        new("Diện tích", ColumnType.Number),
        new("Ngày", ColumnType.Date),
        new("Thời điểm", ColumnType.DateTime),
        new("Đồng bằng", ColumnType.Boolean),
    ];

    private static readonly object?[][] Rows =
    [
        [1234567L, "Thành phố Quảng Ngãi", 160.15, new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 13, 45, 10), true],
        [2L, "Đức Phổ", 0.5, new DateOnly(1999, 12, 31), new DateTime(2000, 1, 1, 0, 0, 1), false],
        [null, null, null, null, null, null],
        [-5L, "=1+1", 1234.5678, null, null, null],
        [3L, "+SUM(A1)", -2.25, null, null, null],
        [4L, "-2", null, null, null, null],
        [5L, "@cmd", null, null, null, null],
        [6L, "\t=1", null, null, null, null],
        [7L, "\r=1", null, null, null, null],
    ];

    private static readonly ExportProvenance Provenance = new(
        "Dân số theo xã",
        [
            new ExportSource("Dân số 2024", "dan-so-2024", "Cục Thống kê Quảng Ngãi", 12, new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero)),
            new ExportSource("Đơn vị hành chính", "don-vi-hanh-chinh", "Sở Nội vụ", 1, null),
        ],
        [new("nam", "2024"), new("huyen", "=HYPERLINK(\"http://x\")")],
        "Nguyễn Văn An",
        "Sở Khoa học và Công nghệ",
        new DateTimeOffset(2026, 11, 27, 5, 25, 23, TimeSpan.Zero));

    private static readonly (string, string)[] ExpectedProvenance =
    [
        ("Mục", "Nội dung"),
        ("Tiêu đề", "Dân số theo xã"),
        ("Người tải xuống", "Nguyễn Văn An"),
        ("Cơ quan của người tải xuống", "Sở Khoa học và Công nghệ"),
        ("Thời điểm tải xuống", "27/11/2026 12:25:23 (UTC+7)"),
        ("Số dòng dữ liệu", "9"),
        ("Số nguồn dữ liệu", "2"),
        ("Nguồn 1: bộ dữ liệu", "Dân số 2024"),
        ("Nguồn 1: mã", "dan-so-2024"),
        ("Nguồn 1: cơ quan sở hữu", "Cục Thống kê Quảng Ngãi"),
        ("Nguồn 1: phiên bản dữ liệu", "12"),
        ("Nguồn 1: cập nhật lần cuối", "27/11/2026 03:00:00 (UTC+7)"),
        ("Nguồn 2: bộ dữ liệu", "Đơn vị hành chính"),
        ("Nguồn 2: mã", "don-vi-hanh-chinh"),
        ("Nguồn 2: cơ quan sở hữu", "Sở Nội vụ"),
        ("Nguồn 2: phiên bản dữ liệu", "1"),
        ("Nguồn 2: cập nhật lần cuối", "Chưa nạp dữ liệu"),
        ("Tham số: nam", "2024"),
        ("Tham số: huyen", "'=HYPERLINK(\"http://x\")"),
    ];

    [Theory]
    [InlineData("formatted")]
    [InlineData("streamed")]
    public async Task LibreOffice_reads_text_numbers_dates_nulls_neutralised_formulas_and_provenance(string path)
    {
        var (bytes, _) = await ExportAsync(Rows, Limits(path));

        var sheets = await LibreOffice.ReadSheetsAsync(bytes, Ct);

        Assert.Equal(
        [
            ["Mã", "Tên", "Diện tích", "Ngày", "Thời điểm", "Đồng bằng"],
            ["1,234,567", "Thành phố Quảng Ngãi", "160.15", "29/02/2024", "29/02/2024 13:45:10", "TRUE"],
            ["2", "Đức Phổ", "0.50", "31/12/1999", "01/01/2000 00:00:01", "FALSE"],
            ["", "", "", "", "", ""],
            ["-5", "'=1+1", "1,234.5678", "", "", ""],
            ["3", "'+SUM(A1)", "-2.25", "", "", ""],
            ["4", "'-2", "", "", "", ""],
            ["5", "'@cmd", "", "", "", ""],
            ["6", "'\t=1", "", "", "", ""],
            // A CR becomes LF in every xlsx reader (XML line ends); the exporter writes LF itself.
            ["7", "'\n=1", "", "", "", ""],
        ], sheets[XlsxExporter.DataSheet]);
        Assert.Equal(ExpectedProvenance.Select(p => new[] { p.Item1, p.Item2 }), sheets[XlsxExporter.ProvenanceSheet]);
    }

    [Theory]
    [InlineData("formatted")]
    [InlineData("streamed")]
    public async Task Cells_are_typed_formatted_frozen_and_never_formulas(string path)
    {
        var (bytes, _) = await ExportAsync(Rows, Limits(path));

        Assert.Equal([XlsxExporter.DataSheet, XlsxExporter.ProvenanceSheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var rows = MiniExcel.Query(new MemoryStream(bytes), sheetName: XlsxExporter.DataSheet)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        Assert.Equal(new object?[] { 1234567d, "Thành phố Quảng Ngãi", 160.15, new DateTime(2024, 2, 29), new DateTime(2024, 2, 29, 13, 45, 10), true }, rows[1]);
        Assert.Equal(new object?[] { 2d, "Đức Phổ", 0.5, new DateTime(1999, 12, 31), new DateTime(2000, 1, 1, 0, 0, 1), false }, rows[2]);
        Assert.All(rows[3], Assert.Null);
        var data = Part(bytes, "xl/worksheets/sheet1.xml");
        var styles = Part(bytes, "xl/styles.xml");
        Assert.DoesNotContain("<f>", data);
        Assert.DoesNotContain(":f>", data);
        Assert.Matches("<(x:)?pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"", data);
        // "#,##0" is built in (numFmtId 3) for EPPlus; LibreOffice's "1,234,567" shows it is applied.
        Assert.All(["#,##0.00##", "dd/mm/yyyy", "dd/mm/yyyy hh:mm:ss"],
            format => Assert.Contains($"formatCode=\"{format}\"", styles));
    }

    [Fact]
    public async Task The_formatted_workbook_has_a_bold_header_column_formats_and_widths_from_the_data()
    {
        var (bytes, _) = await ExportAsync(Rows, XlsxRowLimits.Default);

        using var package = new ExcelPackage(new MemoryStream(bytes));
        var data = package.Workbook.Worksheets[XlsxExporter.DataSheet];
        Assert.True(data.Cells[1, 1].Style.Font.Bold);
        Assert.True(data.Cells[1, 6].Style.Font.Bold);
        Assert.Equal(["#,##0", null, "#,##0.00##", "dd/mm/yyyy", "dd/mm/yyyy hh:mm:ss", null],
            Enumerable.Range(1, 6).Select(c => data.Cells[2, c].Style.Numberformat.Format is "General" ? null : data.Cells[2, c].Style.Numberformat.Format));
        Assert.InRange(data.Column(2).Width, "Thành phố Quảng Ngãi".Length, 60);
        Assert.InRange(data.Column(6).Width, 8, "Đồng bằng".Length + 4);
        Assert.Equal(typeof(double), data.Cells[2, 4].Value.GetType());
        Assert.Equal("=1+1".Length + 1, ((string)data.Cells[5, 2].Value).Length);
        Assert.Equal("", data.Cells[5, 2].Formula);
        Assert.True(package.Workbook.Worksheets[XlsxExporter.ProvenanceSheet].Cells[1, 1].Style.Font.Bold);
    }

    [Theory]
    [InlineData("formatted")]
    [InlineData("streamed")]
    public async Task The_receipt_counts_the_rows_and_hashes_the_bytes_written_to_a_non_seekable_async_stream(string path)
    {
        var (bytes, receipt) = await ExportAsync(Rows, Limits(path));

        Assert.Equal(Rows.Length, receipt.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), receipt.Sha256);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Theory]
    [InlineData(100_000, true)]
    [InlineData(100_001, false)]
    public async Task Past_100000_rows_the_workbook_streams_through_MiniExcel(int count, bool formatted)
    {
        ExportColumn[] columns = [new("Số", ColumnType.Integer), new("Tên", ColumnType.Text)];

        var (bytes, receipt) = await ExportAsync(Generate(count, i => [(long)i, "Đức Phổ"]), XlsxRowLimits.Default, columns);

        Assert.Equal(count, receipt.Rows);
        // EPPlus writes the default namespace, MiniExcel the x: prefix.
        Assert.Equal(!formatted, Part(bytes, "xl/worksheets/sheet1.xml").Contains("<x:worksheet", StringComparison.Ordinal));
        var last = MiniExcel.Query(new MemoryStream(bytes), sheetName: XlsxExporter.DataSheet)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        Assert.Equal(count + 1, last.Count);
        Assert.Equal(new object?[] { (double)count, "Đức Phổ" }, last[^1]);
    }

    [Fact]
    public async Task Rows_past_the_limit_throw_before_any_byte_is_written()
    {
        var output = new AsyncOnlyStream();

        var error = await Assert.ThrowsAsync<ExportTooLargeException>(() => XlsxExporter.WriteAsync(output, Columns,
            Generate(6, i => Rows[i % 2]), Provenance, new XlsxRowLimits(formattedMaxRows: 2, maxRows: 5), Ct));

        Assert.Equal(5, error.MaxRows);
        Assert.Contains("CSV", error.Message);
        Assert.Equal(0, output.Written.Length);
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(5, 5)]
    public async Task Exactly_the_limit_is_written_and_one_more_row_is_refused(int formattedMaxRows, int maxRows)
    {
        var limits = new XlsxRowLimits(formattedMaxRows, maxRows);

        var (_, receipt) = await ExportAsync(Generate(5, i => Rows[i % 2]), limits);
        var tooLarge = ExportAsync(Generate(6, i => Rows[i % 2]), limits);

        Assert.Equal(5, receipt.Rows);
        await Assert.ThrowsAsync<ExportTooLargeException>(() => tooLarge);
    }

    [Theory]
    [InlineData("formatted")]
    [InlineData("streamed")]
    public async Task A_cancelled_download_stops_reading_rows_and_writes_nothing(string path)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new AsyncOnlyStream();
        var read = 0;

        var rows = Enumerable.Range(1, 1_000).Select(i =>
        {
            if (++read == 5)
            {
                cancellation.Cancel();
            }
            return Rows[i % 2];
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            XlsxExporter.WriteAsync(output, Columns, ToAsync(rows), Provenance, Limits(path), cancellation.Token));

        Assert.InRange(read, 5, 6);
        Assert.Equal(0, output.Written.Length);
    }

    [Fact]
    public void The_limit_is_the_rows_of_an_excel_sheet_less_the_header_and_cannot_be_raised()
    {
        Assert.Equal(1_048_575, XlsxExporter.MaxRows);
        Assert.Equal(XlsxExporter.MaxRows, XlsxRowLimits.Default.MaxRows);
        Assert.Equal(100_000, XlsxRowLimits.Default.FormattedMaxRows);
        Assert.Throws<ArgumentOutOfRangeException>(() => new XlsxRowLimits(10, XlsxExporter.MaxRows + 1));
    }

    [Fact]
    public void Text_that_xml_or_excel_cannot_hold_is_replaced_or_cut()
    {
        var control = XlsxCells.Text("a\u0001b\uD800c");
        var crlf = XlsxCells.Text("một\r\nhai\rba");
        var longText = XlsxCells.Text(new string('x', 40_000));

        Assert.Equal("a\uFFFDb\uFFFDc", control);
        Assert.Equal("một\nhai\nba", crlf);
        Assert.Equal(32_767, longText.Length);
    }

    [Fact]
    public void Values_become_the_types_a_cell_holds()
    {
        object?[] values = [42, 1.5m, 2.5f, double.NaN, new DateOnly(1899, 12, 31), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(7)), DBNull.Value];

        var cells = values.Select(XlsxCells.Value).ToArray();

        Assert.Equal(new object?[] { 42L, 1.5, 2.5, null, "31/12/1899", new DateTime(2024, 1, 2, 3, 4, 5), null }, cells);
    }

    private static async Task<(byte[] Bytes, ExportReceipt Receipt)> ExportAsync(
        IEnumerable<object?[]> rows, XlsxRowLimits limits, IReadOnlyList<ExportColumn>? columns = null) =>
        await ExportAsync(ToAsync(rows), limits, columns);

    private static async Task<(byte[] Bytes, ExportReceipt Receipt)> ExportAsync(
        IAsyncEnumerable<object?[]> rows, XlsxRowLimits limits, IReadOnlyList<ExportColumn>? columns = null)
    {
        var output = new AsyncOnlyStream();
        var receipt = await XlsxExporter.WriteAsync(output, columns ?? Columns, rows, Provenance, limits, Ct);
        return (output.Written.ToArray(), receipt);
    }

    private static async IAsyncEnumerable<object?[]> ToAsync(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async IAsyncEnumerable<object?[]> Generate(int count, Func<int, object?[]> row)
    {
        await Task.CompletedTask;
        for (var i = 1; i <= count; i++)
        {
            yield return row(i);
        }
    }

    private static string Part(byte[] xlsx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var entry = zip.Entries.Single(e => e.FullName.TrimStart('/') == name);
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Like an HTTP response body: no seeking, no synchronous writes.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Written.WriteAsync(buffer, cancellationToken);
    }
}
