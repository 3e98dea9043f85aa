using System.Text;
using Workbench.Core.Imports;
using Workbench.Infrastructure.Imports;

namespace Workbench.Tests.Infrastructure.Imports;

public class CsvTableReaderTests
{
    private static List<(long Row, object?[] Cells)> ReadAll(ITabularFile file)
    {
        var rows = new List<(long, object?[])>();
        while (file.Read())
        {
            rows.Add((file.RowNumber, (object?[])file.Current.Clone()));
        }
        return rows;
    }

    private static CsvTableReader FromText(string text, char? delimiter = null) => new(new StringReader(text), delimiter);

    [Theory]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a;b;c\n1;2,5;3\n", ';')]
    [InlineData("a\tb\n1,5\t2;3\n", '\t')]
    [InlineData("\"x;y\",b\n1,2\n", ',')]
    [InlineData("one column\n1\n", ',')]
    [InlineData("a;b\n\"1,2,3\";4\n", ';')]
    [InlineData("Họ tên\nNguyễn Văn A, con\nTrần B\n", ';')]
    public void Delimiter_is_detected_from_the_first_lines_outside_quotes(string text, char expected) =>
        Assert.Equal(expected, FromText(text).Delimiter);

    [Fact]
    public void Quoted_fields_keep_delimiters_line_breaks_and_doubled_quotes()
    {
        using var file = FromText("a,b\r\n\"x,1\",\"line 1\r\nline 2\"\r\n\"say \"\"hi\"\"\",\"\"\r\n");

        var rows = ReadAll(file);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { "x,1", "line 1\r\nline 2" }, rows[0].Cells);
        Assert.Equal(new object?[] { "say \"hi\"", null }, rows[1].Cells);
        Assert.Equal([2L, 3L], rows.Select(r => r.Row));
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted_in_row_numbers()
    {
        using var file = FromText("\na,b\n1,2\n\n,\n3,4");

        var rows = ReadAll(file);

        Assert.Equal(2, file.HeaderRowNumber);
        Assert.Equal([3L, 6L], rows.Select(r => r.Row));
        Assert.Equal(new object?[] { "3", "4" }, rows[1].Cells);
    }

    [Fact]
    public void Lines_may_end_in_lf_crlf_or_cr()
    {
        using var file = FromText("a,b\r1,2\n3,4\r\n5,6\r");

        Assert.Equal(["1", "3", "5"], ReadAll(file).Select(r => (string)r.Cells[0]!));
    }

    [Fact]
    public void Ragged_row_is_rejected_with_its_row_number()
    {
        using var file = FromText("a,b,c\n1,2,3\n4,5\n");

        Assert.True(file.Read());
        var error = Assert.Throws<ImportException>(() => file.Read()).Error;

        Assert.Equal(new ImportError(ImportErrorCode.RaggedRow, 3) { Count = 2, Limit = 3 }, error);
    }

    [Fact]
    public void Unterminated_quote_names_the_row_where_it_opened()
    {
        using var file = FromText("a,b\n1,x\n2,\"open\n3,y\n");

        Assert.True(file.Read());
        var error = Assert.Throws<ImportException>(() => file.Read()).Error;

        Assert.Equal(ImportErrorCode.UnterminatedQuote, error.Code);
        Assert.Equal(3, error.Row);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_malformed()
    {
        using var file = FromText("a,b\n\"x\"y,1\n");

        Assert.Equal(ImportErrorCode.MalformedQuote, Assert.Throws<ImportException>(() => file.Read()).Error.Code);
    }

    [Fact]
    public void Records_that_straddle_the_read_buffer_parse_exactly()
    {
        var text = new StringBuilder("id,text,n\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(i).Append(",\"row ").Append(i).Append(" says \"\"hi\"\",\nand, more ").Append(new string('x', i % 50)).Append("\",").Append(i * 2).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        using var file = CsvTableReader.Open(ImportFiles.Unseekable(bytes));
        var rows = ReadAll(file);

        Assert.Equal(5000, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal($"row {i} says \"hi\",\nand, more {new string('x', i % 50)}", rows[i].Cells[1]);
            Assert.Equal((i * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i].Cells[2]);
            Assert.Equal(i + 2L, rows[i].Row);
        }
    }

    [Fact]
    public void A_field_longer_than_the_buffer_is_read_whole()
    {
        var big = new string('đ', 200_000);

        using var file = FromText($"a,b\n\"{big}\",1\n");

        Assert.True(file.Read());
        Assert.Equal(big, file.Current[0]);
        Assert.False(file.Read());
    }

    [Fact]
    public void A_given_delimiter_overrides_detection()
    {
        using var file = FromText("a,b;c\n1,2;3\n", ';');

        Assert.Equal(new[] { "a,b", "c" }, file.Headers);
    }

    [Fact]
    public void Invalid_utf8_names_the_row_and_suggests_csv_utf8()
    {
        var bytes = Encoding.Latin1.GetBytes("Ma,Ten\n1,Ha Noi\n2,Hàm Tân\n3,Vinh\n");

        var error = Assert.Throws<ImportException>(() =>
        {
            using var file = CsvTableReader.Open(new MemoryStream(bytes));
            while (file.Read())
            {
            }
        }).Error;

        Assert.Equal(ImportErrorCode.NotUtf8, error.Code);
        Assert.Equal(3, error.Row);
        Assert.Contains("CSV UTF-8", error.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_a_bom_as_excel_unicode_text_writes_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Mã\tTên\n1\tQuảng Ngãi\n")).ToArray();

        using var file = CsvTableReader.Open(new MemoryStream(bytes));

        Assert.Equal(new[] { "Mã", "Tên" }, file.Headers);
        Assert.True(file.Read());
        Assert.Equal("Quảng Ngãi", file.Current[1]);
    }
}
