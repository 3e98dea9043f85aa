using Workbench.Core.Catalog;
using Workbench.Infrastructure.Persistence.Seeding;

namespace Workbench.Tests.Infrastructure.Persistence;

public sealed class SampleDataTests
{
    public static TheoryData<string> Keys => [.. SampleData.All.Select(d => d.Key)];

    private static SampleDataset Dataset(string key) => SampleData.All.Single(d => d.Key == key);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Rows_are_the_same_every_time(string key)
    {
        var dataset = Dataset(key);

        var first = dataset.Rows().ToList();
        var second = dataset.Rows().ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_value_has_the_clr_type_of_its_column(string key)
    {
        var dataset = Dataset(key);

        foreach (var row in dataset.Rows())
        {
            Assert.Equal(dataset.Columns.Count, row.Length);
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is { } value)
                {
                    Assert.Equal(dataset.Columns[i].Type.ClrType(), value.GetType());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Key_columns_identify_each_row(string key)
    {
        var dataset = Dataset(key);
        var keyIndexes = dataset.Columns.Select((column, index) => (column, index)).Where(c => c.column.IsKey).Select(c => c.index).ToList();

        var keys = dataset.Rows().Select(row => string.Join("|", keyIndexes.Select(i => row[i]))).ToList();

        Assert.NotEmpty(keyIndexes);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Metadata_is_labelled_as_sample_and_fits_the_catalog(string key)
    {
        var dataset = Dataset(key);

        Assert.True(DatasetKey.IsValid(dataset.Key));
        Assert.StartsWith("Dữ liệu mẫu — số liệu giả lập, không phải số liệu chính thức", dataset.Description);
        Assert.Contains(AgencySeed.All, agency => agency.Code == dataset.OwnerAgencyCode);
        Assert.False(string.IsNullOrWhiteSpace(dataset.CatalogGroup));
        Assert.Equal(dataset.Columns.Count, dataset.Columns.Select(c => c.Name).Distinct().Count());
        Assert.All(dataset.Columns, column => Assert.False(string.IsNullOrWhiteSpace(column.Description)));
    }

    [Fact]
    public void Districts_are_the_13_current_units_with_their_GSO_codes()
    {
        var codes = SampleData.Districts.Select(d => d.Code);

        Assert.Equal(["522", "524", "525", "527", "528", "529", "530", "531", "532", "533", "534", "535", "536"], codes);
        Assert.Contains(SampleData.Districts, d => d is { Code: "534", Name: "Thị xã Đức Phổ" });
        Assert.Contains(SampleData.Districts, d => d is { Code: "536", Name: "Huyện Lý Sơn" });
    }

    [Fact]
    public void Enterprises_keep_leading_zeros_in_tax_codes()
    {
        var rows = Dataset("doanh-nghiep-dang-ky").Rows().ToList();
        var taxCodes = rows.Select(row => (string)row[0]!).ToList();

        Assert.InRange(rows.Count, 1_900, 2_100);
        Assert.All(taxCodes, code => Assert.Matches("^[0-9]{10}$", code));
        Assert.Contains(taxCodes, code => code.StartsWith('0'));
        Assert.Contains(rows, row => row[6] is null);
    }

    [Fact]
    public void Budget_months_are_first_days_from_2022_to_2024()
    {
        var months = Dataset("thu-ngan-sach").Rows().Select(row => (DateOnly)row[1]!).Distinct().Order().ToList();

        Assert.Equal(36, months.Count);
        Assert.Equal(new DateOnly(2022, 1, 1), months[0]);
        Assert.Equal(new DateOnly(2024, 12, 1), months[^1]);
        Assert.All(months, month => Assert.Equal(1, month.Day));
    }
}
