using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workbench.Infrastructure.Exports;

namespace Workbench.Tests.Infrastructure.Exports;

public sealed class CsvExporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Output_starts_with_the_utf8_bom_and_ends_lines_with_crlf()
    {
        var bytes = await ExportAsync(["Mã", "Tên"], ["1", "Lý Sơn"]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("Mã,Tên\r\n1,Lý Sơn\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Theory]
    [InlineData("Bình Sơn, Quảng Ngãi", "\"Bình Sơn, Quảng Ngãi\"")]
    [InlineData("Có \"ngoặc kép\"", "\"Có \"\"ngoặc kép\"\"\"")]
    [InlineData("Dòng một\nDòng hai", "\"Dòng một\nDòng hai\"")]
    [InlineData("Dòng một\r\nDòng hai", "\"Dòng một\r\nDòng hai\"")]
    [InlineData("bình thường", "bình thường")]
    [InlineData("", "")]
    public void Text_is_quoted_as_rfc_4180_says(string value, string expected)
    {
        var cell = CsvExporter.Cell(value);

        Assert.Equal(expected, cell);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+84905123456", "'+84905123456")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("a=1", "a=1")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(string value, string expected)
    {
        var cell = CsvExporter.Cell(value);

        Assert.Equal(expected, cell);
    }

    [Fact]
    public void Numbers_keep_their_sign_and_are_not_neutralised()
    {
        var cells = new object?[] { -5L, -0.5 }.Select(CsvExporter.Cell);

        Assert.Equal(["-5", "-0.5"], cells);
    }

    [Fact]
    public void Numbers_dates_and_booleans_use_invariant_formats_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        try
        {
            var cells = new object?[]
            {
                1234567.25, 1234567890123L, 0.1 + 0.2, 12.5m, new DateOnly(2024, 2, 29),
                new DateTime(2024, 1, 15, 8, 30, 0), new DateTime(2024, 1, 15, 8, 30, 0, 125), true, false, null,
            }.Select(CsvExporter.Cell).ToList();

            Assert.Equal(
                ["1234567.25", "1234567890123", "0.30000000000000004", "12.5", "2024-02-29",
                 "2024-01-15T08:30:00", "2024-01-15T08:30:00.125", "true", "false", ""],
                cells);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Vietnamese_text_reads_back_unchanged()
    {
        const string text = "Thành phố Quảng Ngãi — Đảo Lý Sơn, huyện Ba Tơ: ắ ằ ẳ ẵ ặ ữ ự Ư Ơ Đ";
        var composed = text.Normalize(NormalizationForm.FormC);

        var bytes = await ExportAsync(["Địa danh"], [composed]);

        var read = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        Assert.Equal($"Địa danh\r\n\"{composed}\"\r\n", read);
    }

    [Fact]
    public async Task Receipt_counts_rows_and_hashes_exactly_the_bytes_written()
    {
        using var output = new MemoryStream();
        object?[][] rows = [["1", "Bình Sơn, Quảng Ngãi", 175000L], ["2", "=cmd", null], ["3", "Dòng\nhai", 2.5]];

        var receipt = await CsvExporter.WriteAsync(output, ["Mã", "Tên", "Số"], rows.ToAsyncEnumerable(), Ct);

        Assert.Equal(3, receipt.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(output.ToArray())), receipt.Sha256);
    }

    [Fact]
    public async Task Receipt_hash_covers_output_larger_than_the_writer_buffer()
    {
        using var output = new MemoryStream();
        var rows = Enumerable.Range(1, 20_000).Select(i => new object?[] { (long)i, $"Huyện số {i}, tỉnh Quảng Ngãi" });

        var receipt = await CsvExporter.WriteAsync(output, ["Mã", "Tên"], rows.ToAsyncEnumerable(), Ct);

        Assert.True(output.Length > 1 << 16);
        Assert.Equal(20_000, receipt.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(output.ToArray())), receipt.Sha256);
    }

    [Fact]
    public async Task Writing_leaves_the_output_stream_open()
    {
        using var output = new MemoryStream();

        await CsvExporter.WriteAsync(output, ["Mã"], Array.Empty<object?[]>().ToAsyncEnumerable(), Ct);

        Assert.True(output.CanWrite);
    }

    private static async Task<byte[]> ExportAsync(IReadOnlyList<string> header, params object?[][] rows)
    {
        using var output = new MemoryStream();
        await CsvExporter.WriteAsync(output, header, rows.ToAsyncEnumerable(), Ct);
        return output.ToArray();
    }
}
