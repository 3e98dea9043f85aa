using Workbench.Core.Catalog;

namespace Workbench.Tests.Core.Catalog;

public class DatasetKeyTests
{
    [Theory]
    [InlineData("Dân số theo huyện", "dan-so-theo-huyen")]
    [InlineData("Đường  bộ -- Quảng Ngãi", "duong-bo-quang-ngai")]
    [InlineData("  2024 / Thu ngân sách ", "2024-thu-ngan-sach")]
    public void Slugify_folds_Vietnamese_letters_to_a_valid_key(string name, string expected)
    {
        var key = DatasetKey.Slugify(name);

        Assert.Equal(expected, key);
        Assert.True(DatasetKey.IsValid(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Dan-so")]
    [InlineData("dan so")]
    [InlineData("-dan")]
    [InlineData("dan--so")]
    [InlineData("dân")]
    public void IsValid_rejects_anything_but_lower_case_slugs(string key) => Assert.False(DatasetKey.IsValid(key));

    [Fact]
    public void Physical_names_are_synthetic() 
    {
        Assert.Equal("ds_42", DatasetKey.TableNameFor(42));
        Assert.Equal("c1", DatasetKey.PhysicalColumnName(0));
    }
}
