using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;

namespace Workbench.Tests.Core.Dashboards;

public sealed class CrossFilterQueryTests
{
    [Theory]
    [InlineData("\"Huyện Lý Sơn\"", ColumnType.Text)]
    [InlineData("2024", ColumnType.Integer)]
    [InlineData("null", ColumnType.Text)]
    [InlineData("\"a]|,\\\"b\"", ColumnType.Text)]
    public void A_chip_reads_back_from_its_query_value(string value, ColumnType type)
    {
        var chip = new CrossFilter("theo-huyen", "Huyện | xã", type, JsonDocument.Parse(value).RootElement.Clone());

        var read = CrossFilter.FromQuery(chip.ToQuery());

        Assert.NotNull(read);
        Assert.Equal(("theo-huyen", "Huyện | xã", type), (read.TileId, read.Column, read.Type));
        Assert.True(JsonElement.DeepEquals(chip.Value, read.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Huyện Lý Sơn")]
    [InlineData("[\"t\", \"c\", \"text\"]")]
    [InlineData("[\"t\", \"c\", \"kiểu lạ\", 1]")]
    [InlineData("[\"t\", \"c\", \"text\", {\"a\": 1}]")]
    [InlineData("[1, \"c\", \"text\", 1]")]
    public void Anything_else_is_no_chip(string? text) => Assert.Null(CrossFilter.FromQuery(text));
}
