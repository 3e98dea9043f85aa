using System.Globalization;
using System.Text.Json;
using Workbench.Core.Connectors.Rest;

namespace Workbench.Tests.Core.Connectors;

public class JsonPathTests
{
    private static readonly JsonElement Response = JsonDocument.Parse("""
        {
          "data": { "items": [ { "ma": "D001", "diaChi": { "tinh": "Quảng Nam" } }, { "ma": "D002", "diaChi": null } ] },
          "@odata.nextLink": "/next",
          "a": { "b": [ { "c": 1 }, { "c": 2 } ] }
        }
        """).RootElement.Clone();

    [Theory]
    [InlineData("$.data.items[0].ma", "D001")]
    [InlineData("data.items[1].ma", "D002")]
    [InlineData("a.b[1].c", "2")]
    [InlineData("$['@odata.nextLink']", "/next")]
    [InlineData("$.data.items[0]['diaChi'].tinh", "Quảng Nam")]
    [InlineData("data[\"items\"][0].ma", "D001")]
    public void A_path_selects_the_value_it_names(string path, string expected)
    {
        var parsed = JsonPath.Parse(path).Value!;

        Assert.True(parsed.TrySelect(Response, out var value));
        Assert.Equal(expected, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
    }

    [Fact]
    public void Dollar_alone_is_the_root_so_a_root_array_is_the_records()
    {
        using var document = JsonDocument.Parse("[1, 2, 3]");

        var root = JsonPath.Parse("$").Value!;

        Assert.True(root.IsRoot);
        Assert.True(root.TrySelect(document.RootElement, out var value));
        Assert.Equal(3, value.GetArrayLength());
    }

    [Fact]
    public void With_or_without_the_dollar_the_path_is_the_same()
    {
        Assert.Equal("$.data.items", JsonPath.Parse("data.items").Value!.ToString());
        Assert.Equal("$.data.items", JsonPath.Parse("$.data.items").Value!.ToString());
        Assert.Equal("$['@odata.nextLink']", JsonPath.Parse("$[\"@odata.nextLink\"]").Value!.ToString());
        Assert.Equal("$.a.b[0].c", JsonPath.Parse(" a.b[0].c ").Value!.ToString());
    }

    [Theory]
    [InlineData("$.data.total")]
    [InlineData("data.items[5]")]
    [InlineData("data.items.ma")]
    [InlineData("a.b[0].c.d")]
    public void A_path_that_is_not_there_is_a_miss(string path)
    {
        Assert.False(JsonPath.Parse(path).Value!.TrySelect(Response, out _));
    }

    [Fact]
    public void A_null_on_the_way_is_a_null_value_not_a_miss()
    {
        var path = JsonPath.Parse("data.items[1].diaChi.tinh").Value!;

        Assert.True(path.TrySelect(Response, out var value));
        Assert.Equal(JsonValueKind.Null, value.ValueKind);
    }

    [Fact]
    public void A_miss_is_explained_by_the_deepest_part_found()
    {
        using var _ = new UiCulture("en-US");

        Assert.Equal("'$.data' has no field 'total'", JsonPath.Parse("data.total").Value!.ExplainMiss(Response));
        Assert.Equal("the array '$.data.items' has only 2 elements", JsonPath.Parse("data.items[7]").Value!.ExplainMiss(Response));
        Assert.Equal("'$.data.items' is an array, not an object with a field 'ma'", JsonPath.Parse("data.items.ma").Value!.ExplainMiss(Response));
    }

    [Theory]
    [InlineData("", "the path is empty")]
    [InlineData("$.", "position 3: a field name is expected here")]
    [InlineData("a..b", "position 3: a field name is expected here")]
    [InlineData(".a", "position 1: a path cannot start with a dot")]
    [InlineData("a[0", "']' is missing for the '[' at position 2")]
    [InlineData("a[x]", "an index (0, 1, ...) or a quoted name is expected after '['")]
    [InlineData("a[*]", "wildcards ('*') are not supported")]
    [InlineData("a.*", "wildcards ('*') are not supported")]
    [InlineData("$['a", "a quoted name is not closed")]
    [InlineData("a]b", "'.' or '[' expected but found ']'")]
    public void A_bad_path_says_where_and_what_is_wrong(string path, string expected)
    {
        using var _ = new UiCulture("en-US");

        var result = JsonPath.Parse(path);

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error!.Message);
    }

    [Fact]
    public void A_bad_path_is_explained_in_Vietnamese_by_default()
    {
        using var _ = new UiCulture("vi-VN");

        Assert.Equal("Đường dẫn JSON «a..b», vị trí 3: cần một tên trường ở đây.", JsonPath.Parse("a..b").Error!.Message);
    }
}

/// <summary>Sets the UI culture for a test's duration (messages are picked by it).</summary>
internal sealed class UiCulture : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}
