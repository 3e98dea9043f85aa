using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Tests.Core.Imports;

public class ColumnTypeInferenceTests
{
    private static ColumnType Infer(NumberStyle style, params string?[] values) => Observe(values).Result(style);

    private static ColumnTypeInference Observe(params string?[] values)
    {
        var inference = new ColumnTypeInference();
        foreach (var value in values)
        {
            inference.Observe(value);
        }
        return inference;
    }

    [Theory]
    [InlineData("001|002|010")]
    [InlineData("0905123456|0912000111")]
    [InlineData("1|2|03")]
    public void Codes_with_leading_zeros_stay_text(string values)
    {
        Assert.Equal(ColumnType.Text, Infer(NumberStyle.Invariant, values.Split('|')));
        Assert.Equal(ColumnType.Text, Infer(NumberStyle.Vietnamese, values.Split('|')));
    }

    [Fact]
    public void Identifiers_longer_than_fifteen_digits_stay_text() =>
        Assert.Equal(ColumnType.Text, Infer(NumberStyle.Invariant, "1234567890123456", "42"));

    [Fact]
    public void Zero_on_its_own_is_a_number_not_a_code() =>
        Assert.Equal(ColumnType.Integer, Infer(NumberStyle.Invariant, "0", "10", "-3"));

    [Fact]
    public void Mixed_integers_and_decimals_are_number() =>
        Assert.Equal(ColumnType.Number, Infer(NumberStyle.Invariant, "1", "2.5", "-3"));

    [Fact]
    public void Vietnamese_decimals_are_number_in_vietnamese_style_and_text_otherwise()
    {
        var inference = Observe("12,5", "1.234,75", "3");

        Assert.Equal(ColumnType.Number, inference.Result(NumberStyle.Vietnamese));
        Assert.Equal(ColumnType.Text, inference.Result(NumberStyle.Invariant));
    }

    [Fact]
    public void Vietnamese_grouped_integers_are_integer_in_vietnamese_style() =>
        Assert.Equal(ColumnType.Integer, Infer(NumberStyle.Vietnamese, "1.234.567", "278.345", "999"));

    [Fact]
    public void Booleans_need_a_word_and_zero_one_columns_stay_integer()
    {
        Assert.Equal(ColumnType.Boolean, Infer(NumberStyle.Invariant, "có", "không", null, "Có"));
        Assert.Equal(ColumnType.Boolean, Infer(NumberStyle.Invariant, "true", "1", "0"));
        Assert.Equal(ColumnType.Integer, Infer(NumberStyle.Invariant, "1", "0", "1"));
    }

    [Fact]
    public void Dates_in_iso_and_day_first_forms_are_date() =>
        Assert.Equal(ColumnType.Date, Infer(NumberStyle.Invariant, "2024-01-15", "15/01/2024", "5/3/2024"));

    [Fact]
    public void An_impossible_date_makes_the_column_text() =>
        Assert.Equal(ColumnType.Text, Infer(NumberStyle.Invariant, "28/02/2020", "31/02/2020"));

    [Fact]
    public void Dates_mixed_with_times_are_datetime_and_midnights_stay_date()
    {
        Assert.Equal(ColumnType.DateTime, Infer(NumberStyle.Invariant, "2024-01-15", "2024-01-15T08:30"));
        Assert.Equal(ColumnType.Date, Infer(NumberStyle.Invariant, "15/01/2024 00:00", "16/01/2024 00:00:00"));
    }

    [Fact]
    public void Empty_cells_are_ignored_and_an_empty_column_is_text()
    {
        Assert.Equal(ColumnType.Integer, Infer(NumberStyle.Invariant, null, "", " ", "5"));
        Assert.Equal(ColumnType.Text, Infer(NumberStyle.Invariant, null, ""));
    }

    [Fact]
    public void Typed_xlsx_cells_infer_like_their_values()
    {
        var whole = new ColumnTypeInference();
        whole.Observe((object)3.0);
        whole.Observe((object)4.0);
        var dates = new ColumnTypeInference();
        dates.Observe((object)new DateTime(2024, 1, 2));
        var times = new ColumnTypeInference();
        times.Observe((object)new DateTime(2024, 1, 2, 8, 30, 0));
        var flags = new ColumnTypeInference();
        flags.Observe((object)true);

        Assert.Equal(ColumnType.Integer, whole.Result(NumberStyle.Invariant));
        Assert.Equal(ColumnType.Date, dates.Result(NumberStyle.Invariant));
        Assert.Equal(ColumnType.DateTime, times.Result(NumberStyle.Invariant));
        Assert.Equal(ColumnType.Boolean, flags.Result(NumberStyle.Invariant));
    }

    [Fact]
    public void A_comma_decimal_anywhere_makes_the_file_vietnamese() =>
        Assert.Equal(NumberStyle.Vietnamese, ColumnTypeInference.DetectNumberStyle([Observe("1.234", "5"), Observe("12,5")], ','));

    [Fact]
    public void Multiple_dot_groups_make_the_file_vietnamese() =>
        Assert.Equal(NumberStyle.Vietnamese, ColumnTypeInference.DetectNumberStyle([Observe("1.234.567", "12")], ','));

    [Fact]
    public void Dot_decimals_that_cannot_be_groups_make_the_file_invariant() =>
        Assert.Equal(NumberStyle.Invariant, ColumnTypeInference.DetectNumberStyle([Observe("1.234", "12.5", "0.125")], ';'));

    [Fact]
    public void More_votes_win_when_a_file_has_both_styles() =>
        Assert.Equal(NumberStyle.Vietnamese, ColumnTypeInference.DetectNumberStyle([Observe("12,5", "3,25", "7,5"), Observe("1.5")], ','));

    [Theory]
    [InlineData(';', NumberStyle.Vietnamese)]
    [InlineData(',', NumberStyle.Invariant)]
    [InlineData(null, NumberStyle.Invariant)]
    public void Ambiguous_groups_of_three_follow_the_delimiter(char? delimiter, NumberStyle expected) =>
        Assert.Equal(expected, ColumnTypeInference.DetectNumberStyle([Observe("1.234", "56.789", "12")], delimiter));

    [Fact]
    public void Text_columns_do_not_vote_on_the_number_style() =>
        Assert.Equal(NumberStyle.Invariant, ColumnTypeInference.DetectNumberStyle([Observe("12,5", "Bình Sơn"), Observe("2.5")], ','));
}
