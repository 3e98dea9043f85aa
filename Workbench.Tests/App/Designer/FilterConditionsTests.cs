using Workbench.App.Features.Designer;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;

namespace Workbench.Tests.App.Designer;

public sealed class FilterConditionsTests
{
    private static readonly StepColumn[] Columns =
    [
        new("Huyện", ColumnType.Text),
        new("Năm", ColumnType.Integer),
        new("Diện tích", ColumnType.Number),
        new("Ngày cấp", ColumnType.Date),
        new("Đồng bằng", ColumnType.Boolean),
    ];

    [Theory]
    [InlineData("Huyện", FilterComparison.Equal, "Lý Sơn", "[Huyện] = 'Lý Sơn'")]
    [InlineData("Huyện", FilterComparison.Contains, "O'Neil \\ x", "Contains([Huyện], 'O\\'Neil \\\\ x')")]
    [InlineData("Năm", FilterComparison.GreaterOrEqual, "2.023", "[Năm] >= 2023")]
    [InlineData("Diện tích", FilterComparison.Less, "1.234,5", "[Diện tích] < 1234.5")]
    [InlineData("Diện tích", FilterComparison.Less, "1234.5", "[Diện tích] < 1234.5")]
    [InlineData("Ngày cấp", FilterComparison.Equal, "31/12/2024", "[Ngày cấp] = Date(2024, 12, 31)")]
    [InlineData("Đồng bằng", FilterComparison.Equal, "đúng", "[Đồng bằng] = true")]
    [InlineData("Huyện", FilterComparison.IsEmpty, "", "IsNull([Huyện])")]
    [InlineData("Huyện", FilterComparison.IsNotEmpty, "", "not IsNull([Huyện])")]
    public void A_builder_row_writes_the_expression_with_a_literal_typed_by_its_column(string column, FilterComparison op, string value, string expected)
    {
        var (expression, bad) = FilterConditions.Write([new FilterCondition(column, op, value)], any: false, Columns);

        Assert.Null(bad);
        Assert.Equal(expected, expression);
    }

    [Theory]
    [InlineData("Năm", "hai nghìn")]
    [InlineData("Ngày cấp", "2024-13-01")]
    [InlineData("Đồng bằng", "có lẽ")]
    public void A_value_that_does_not_fit_its_column_names_its_row_and_writes_nothing(string column, string value)
    {
        var (expression, bad) = FilterConditions.Write(
            [new FilterCondition("Huyện", FilterComparison.Equal, "x"), new FilterCondition(column, FilterComparison.Equal, value)], false, Columns);

        Assert.Null(expression);
        Assert.Equal(1, bad);
    }

    [Fact]
    public void Rows_join_with_and_or_or_and_read_back_to_the_same_rows()
    {
        FilterCondition[] rows =
        [
            new("Năm", FilterComparison.Equal, "2023"),
            new("Huyện", FilterComparison.StartsWith, "Huyện and 'Sơn'"),
            new("Ngày cấp", FilterComparison.Greater, "01/02/2024"),
        ];

        foreach (var any in new[] { false, true })
        {
            var expression = FilterConditions.Write(rows, any, Columns).Expression!;
            var read = FilterConditions.Read(expression, Columns);

            Assert.NotNull(read);
            Assert.Equal(any, read.Value.Any);
            Assert.Equal(rows, read.Value.Conditions);
        }
    }

    [Theory]
    [InlineData("[Năm] = 2023 and ([Huyện] = 'A' or [Huyện] = 'B')")]
    [InlineData("[Dân số] / [Diện tích] > 100")]
    [InlineData("[Năm] = 2023 and [Huyện] = 'A' or [Huyện] = 'B'")]
    public void An_expression_the_builder_cannot_show_exactly_stays_in_the_text_editor(string expression) =>
        Assert.Null(FilterConditions.Read(expression, Columns));

    [Fact]
    public void Text_columns_offer_text_comparisons_and_numbers_offer_ranges()
    {
        Assert.Contains(FilterComparison.Contains, FilterConditions.For(ColumnType.Text));
        Assert.DoesNotContain(FilterComparison.Greater, FilterConditions.For(ColumnType.Text));
        Assert.Contains(FilterComparison.Greater, FilterConditions.For(ColumnType.Integer));
        Assert.DoesNotContain(FilterComparison.Contains, FilterConditions.For(ColumnType.Date));
    }
}
