using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Tests.Core.Imports;

public class CellParserTests
{
    [Theory]
    [InlineData("1234", NumberStyle.Invariant, 1234L)]
    [InlineData("-42", NumberStyle.Invariant, -42L)]
    [InlineData(" 7 ", NumberStyle.Invariant, 7L)]
    [InlineData("1.234.567", NumberStyle.Vietnamese, 1234567L)]
    [InlineData("1234", NumberStyle.Vietnamese, 1234L)]
    public void Integers_parse_in_their_style(string text, NumberStyle style, long expected)
    {
        Assert.True(CellParser.TryParse(text, ColumnType.Integer, style, out var value));
        Assert.Equal(expected, Assert.IsType<long>(value));
    }

    [Theory]
    [InlineData("1.234.567", NumberStyle.Invariant)]
    [InlineData("12.5", NumberStyle.Invariant)]
    [InlineData("1.23", NumberStyle.Vietnamese)]
    [InlineData("12,5", NumberStyle.Vietnamese)]
    [InlineData("+5", NumberStyle.Invariant)]
    [InlineData("1e5", NumberStyle.Invariant)]
    [InlineData("99999999999999999999", NumberStyle.Invariant)]
    public void Text_that_is_not_an_integer_in_the_style_is_refused(string text, NumberStyle style) =>
        Assert.False(CellParser.TryParse(text, ColumnType.Integer, style, out _));

    [Theory]
    [InlineData("1234.5", NumberStyle.Invariant, 1234.5)]
    [InlineData("-0.25", NumberStyle.Invariant, -0.25)]
    [InlineData("1.234", NumberStyle.Invariant, 1.234)]
    [InlineData("1.234,5", NumberStyle.Vietnamese, 1234.5)]
    [InlineData("12,5", NumberStyle.Vietnamese, 12.5)]
    [InlineData("1.234", NumberStyle.Vietnamese, 1234d)]
    [InlineData("-1.234.567,89", NumberStyle.Vietnamese, -1234567.89)]
    [InlineData("0,5", NumberStyle.Vietnamese, 0.5)]
    public void Numbers_parse_in_their_style(string text, NumberStyle style, double expected)
    {
        Assert.True(CellParser.TryParse(text, ColumnType.Number, style, out var value));
        Assert.Equal(expected, Assert.IsType<double>(value), 1e-9);
    }

    [Theory]
    [InlineData("12,5", NumberStyle.Invariant)]
    [InlineData("1,234.5", NumberStyle.Invariant)]
    [InlineData("12.5", NumberStyle.Vietnamese)]
    [InlineData("1.23,5", NumberStyle.Vietnamese)]
    [InlineData("0.123", NumberStyle.Vietnamese)]
    [InlineData("NaN", NumberStyle.Invariant)]
    [InlineData("abc", NumberStyle.Invariant)]
    public void Text_that_is_not_a_number_in_the_style_is_refused(string text, NumberStyle style) =>
        Assert.False(CellParser.TryParse(text, ColumnType.Number, style, out _));

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("Yes", true)]
    [InlineData("no", false)]
    [InlineData("có", true)]
    [InlineData("Không", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Booleans_accept_English_Vietnamese_and_digits(string text, bool expected)
    {
        Assert.True(CellParser.TryParse(text, ColumnType.Boolean, NumberStyle.Invariant, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Vietnamese_boolean_words_typed_with_combining_accents_are_recognised()
    {
        Assert.True(CellParser.TryParseBoolean("có".Normalize(System.Text.NormalizationForm.FormD), out var yes));
        Assert.True(CellParser.TryParseBoolean("KHÔNG".Normalize(System.Text.NormalizationForm.FormD), out var no));
        Assert.False(CellParser.TryParseBoolean("Huế", out _));

        Assert.True(yes);
        Assert.False(no);
    }

    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("29/02/2024", 2024, 2, 29)]
    [InlineData("5/3/2024", 2024, 3, 5)]
    [InlineData("05/03/2024 00:00", 2024, 3, 5)]
    public void Dates_read_iso_and_day_first(string text, int year, int month, int day)
    {
        Assert.True(CellParser.TryParse(text, ColumnType.Date, NumberStyle.Invariant, out var value));
        Assert.Equal(new DateOnly(year, month, day), value);
    }

    [Theory]
    [InlineData("31/02/2020")]
    [InlineData("2023-02-29")]
    [InlineData("13/13/2020")]
    [InlineData("2020-1-5")]
    [InlineData("05/03/24")]
    [InlineData("05/03/2024 08:00")]
    public void Impossible_or_unknown_dates_are_refused(string text) =>
        Assert.False(CellParser.TryParse(text, ColumnType.Date, NumberStyle.Invariant, out _));

    [Theory]
    [InlineData("2024-01-15T08:30", "2024-01-15T08:30:00")]
    [InlineData("2024-01-15 08:30:45", "2024-01-15T08:30:45")]
    [InlineData("15/01/2024 8:30", "2024-01-15T08:30:00")]
    [InlineData("15/01/2024 08:30:45", "2024-01-15T08:30:45")]
    [InlineData("2024-01-15T08:30:45.125", "2024-01-15T08:30:45.125")]
    [InlineData("2024-01-15", "2024-01-15T00:00:00")]
    public void Datetimes_read_iso_and_day_first_without_a_time_zone(string text, string expected)
    {
        Assert.True(CellParser.TryParse(text, ColumnType.DateTime, NumberStyle.Invariant, out var value));
        var dateTime = Assert.IsType<DateTime>(value);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), dateTime);
        Assert.Equal(DateTimeKind.Unspecified, dateTime.Kind);
    }

    [Theory]
    [InlineData("15/01/2024T08:30")]
    [InlineData("2024-01-15 24:00")]
    [InlineData("2024-01-15 08:60")]
    [InlineData("2024-01-15 08:30Z")]
    public void Malformed_datetimes_are_refused(string text) =>
        Assert.False(CellParser.TryParse(text, ColumnType.DateTime, NumberStyle.Invariant, out _));

    [Theory]
    [InlineData(ColumnType.Integer)]
    [InlineData(ColumnType.Number)]
    [InlineData(ColumnType.Text)]
    [InlineData(ColumnType.Boolean)]
    [InlineData(ColumnType.Date)]
    [InlineData(ColumnType.DateTime)]
    public void Empty_and_blank_cells_are_null_for_every_type(ColumnType type)
    {
        Assert.True(CellParser.TryParse(null, type, NumberStyle.Invariant, out var none));
        Assert.True(CellParser.TryParse("", type, NumberStyle.Invariant, out var empty));
        Assert.True(CellParser.TryParse("   ", type, NumberStyle.Invariant, out var blank));

        Assert.Null(none);
        Assert.Null(empty);
        Assert.Null(blank);
    }

    [Fact]
    public void Text_keeps_leading_zeros_and_is_composed_to_nfc()
    {
        var decomposed = "Quảng Ngãi".Normalize(System.Text.NormalizationForm.FormD);

        Assert.True(CellParser.TryParse("0905123456", ColumnType.Text, NumberStyle.Invariant, out var code));
        Assert.True(CellParser.TryParse(decomposed, ColumnType.Text, NumberStyle.Invariant, out var name));

        Assert.Equal("0905123456", code);
        Assert.Equal("Quảng Ngãi", name);
    }

    [Theory]
    [InlineData("Thành phố Quảng Ngãi, Đắk Lắk, Thừa Thiên Huế, Bà Rịa – Vũng Tàu")]
    [InlineData("Ω Å ﬁ 가 Ḱ ǅ ℃ ά")]
    public void Text_is_composed_exactly_as_unicode_nfc_says(string text)
    {
        foreach (var form in new[] { text, text.Normalize(System.Text.NormalizationForm.FormD), text.Normalize(System.Text.NormalizationForm.FormKD) })
        {
            CellParser.TryParse(form, ColumnType.Text, NumberStyle.Invariant, out var value);

            Assert.Equal(form.Normalize(System.Text.NormalizationForm.FormC), value);
        }
    }

    [Theory]
    [InlineData(5L, ColumnType.Integer, 5L)]
    [InlineData(5, ColumnType.Integer, 5L)]
    [InlineData(5.0, ColumnType.Integer, 5L)]
    [InlineData(5, ColumnType.Number, 5.0)]
    [InlineData(2.5, ColumnType.Number, 2.5)]
    [InlineData(true, ColumnType.Boolean, true)]
    [InlineData("12.5", ColumnType.Number, 12.5)]
    [InlineData("2024-01-02", ColumnType.Date, "2024-01-02")]
    [InlineData(12.5, ColumnType.Text, "12.5")]
    [InlineData(1L, ColumnType.Boolean, true)]
    public void Convert_accepts_values_that_are_already_typed(object input, ColumnType type, object expected)
    {
        var value = CellParser.Convert(input, type);

        var wanted = type == ColumnType.Date ? DateOnly.Parse((string)expected, System.Globalization.CultureInfo.InvariantCulture) : expected;
        Assert.Equal(wanted, value);
    }

    [Fact]
    public void Convert_turns_decimals_and_dates_into_the_clr_convention()
    {
        Assert.Equal(12.25, CellParser.Convert(12.25m, ColumnType.Number));
        Assert.Equal(new DateOnly(2024, 1, 2), CellParser.Convert(new DateTime(2024, 1, 2), ColumnType.Date));
        Assert.Equal(new DateTime(2024, 1, 2), CellParser.Convert(new DateOnly(2024, 1, 2), ColumnType.DateTime));
        Assert.Null(CellParser.Convert(null, ColumnType.Integer));
    }

    [Theory]
    [InlineData(2.5, ColumnType.Integer)]
    [InlineData("12,5", ColumnType.Number)]
    [InlineData(true, ColumnType.Integer)]
    [InlineData(7L, ColumnType.Boolean)]
    public void Convert_refuses_values_that_do_not_fit(object input, ColumnType type) =>
        Assert.Throws<FormatException>(() => CellParser.Convert(input, type));
}
