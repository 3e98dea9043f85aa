namespace Workbench.Tests.Engine.Reference;

public class ReferenceSemanticsTests
{
    [Theory]
    [InlineData(NullOrdering.AlwaysLast, false, 1)]
    [InlineData(NullOrdering.AlwaysLast, true, 1)]
    [InlineData(NullOrdering.AlwaysFirst, false, -1)]
    [InlineData(NullOrdering.AlwaysFirst, true, -1)]
    [InlineData(NullOrdering.Smallest, false, -1)]
    [InlineData(NullOrdering.Smallest, true, 1)]
    [InlineData(NullOrdering.Largest, false, 1)]
    [InlineData(NullOrdering.Largest, true, -1)]
    public void Null_ordering_places_null_before_or_after_a_value(NullOrdering ordering, bool descending, int expected)
    {
        Assert.Equal(expected, ReferenceSemantics.CompareForSort(null, 5L, descending, ordering));
        Assert.Equal(-expected, ReferenceSemantics.CompareForSort(5L, null, descending, ordering));
        Assert.Equal(0, ReferenceSemantics.CompareForSort(null, null, descending, ordering));
    }

    [Fact]
    public void The_default_puts_nulls_last_in_both_directions()
    {
        Assert.Equal(NullOrdering.AlwaysLast, ReferenceSemantics.NullOrdering);
    }

    [Theory]
    [InlineData("day", "2024-01-31T23:59:00", "2024-02-01T00:01:00", 1)]
    [InlineData("month", "2024-01-31T00:00:00", "2024-02-01T00:00:00", 1)]
    [InlineData("month", "2024-01-01T00:00:00", "2024-01-31T00:00:00", 0)]
    [InlineData("year", "2024-12-31T00:00:00", "2025-01-01T00:00:00", 1)]
    [InlineData("year", "2024-01-01T00:00:00", "2024-12-31T00:00:00", 0)]
    [InlineData("month", "2025-03-15T00:00:00", "2024-12-01T00:00:00", -3)]
    public void Date_diff_counts_calendar_boundaries_crossed(string unit, string from, string to, long expected)
    {
        Assert.Equal(expected, ReferenceSemantics.DateDiff(unit, DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2.675, 2, 2.68)]
    [InlineData(1.005, 2, 1.01)]
    [InlineData(-0.125, 2, -0.13)]
    [InlineData(0.5, 0, 1.0)]
    [InlineData(-1.5, 0, -2.0)]
    [InlineData(1234.5, -2, 1200.0)]
    public void Round_is_half_away_from_zero_on_the_decimal_value(double value, int digits, double expected)
    {
        Assert.Equal(expected, ReferenceSemantics.Round(value, digits));
    }

    [Fact]
    public void Text_folding_lowers_Vietnamese_capitals_and_keeps_diacritics()
    {
        Assert.Equal("đà nẵng ăn âm ê ô ơ ư", ReferenceSemantics.Fold("ĐÀ NẴNG Ăn Âm Ê Ô Ơ Ư"));
        Assert.NotEqual(ReferenceSemantics.Fold("Đà"), ReferenceSemantics.Fold("Da"));
    }
}
