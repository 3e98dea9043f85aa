using Workbench.App.Components.Shared;

namespace Workbench.Tests.App;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(1234567L, "1.234.567")]
    [InlineData(12345L, "12.345")]
    [InlineData(2024L, "2024")]
    [InlineData(-9999L, "-9999")]
    [InlineData(-12345L, "-12.345")]
    public void Integers_group_thousands_the_Vietnamese_way_from_five_digits(long value, string expected) =>
        Assert.Equal(expected, Formats.Number(value));

    [Theory]
    [InlineData(1234567.89, "1.234.567,89")]
    [InlineData(0.5, "0,5")]
    [InlineData(467.3, "467,3")]
    [InlineData(156.0, "156")]
    public void Numbers_use_a_decimal_comma(double value, string expected) =>
        Assert.Equal(expected, Formats.Number(value));

    [Fact]
    public void Dates_read_day_month_year()
    {
        Assert.Equal("05/09/2024", Formats.Date(new DateOnly(2024, 9, 5)));
        Assert.Equal("05/09/2024 13:07:00", Formats.DateTime(new DateTime(2024, 9, 5, 13, 7, 0)));
    }

    [Fact]
    public void Moments_are_shown_in_the_province_time_zone()
    {
        var utc = new DateTimeOffset(2026, 11, 27, 18, 30, 0, TimeSpan.Zero);

        Assert.Equal("28/11/2026 01:30", Formats.Moment(utc));
        Assert.Equal("—", Formats.Moment((DateTimeOffset?)null));
    }

    [Fact]
    public void Cells_show_booleans_in_the_UI_language_and_null_as_empty()
    {
        Assert.Equal("Có", Formats.Cell(true, "Có", "Không"));
        Assert.Equal("Không", Formats.Cell(false, "Có", "Không"));
        Assert.Equal("", Formats.Cell(null, "Có", "Không"));
        Assert.Equal("Lý Sơn", Formats.Cell("Lý Sơn", "Có", "Không"));
    }
}
