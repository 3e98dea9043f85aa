using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

public class ResultComparerTests
{
    private static readonly ReferenceColumn[] Columns = [new("Tên", ColumnType.Text), new("Giá trị", ColumnType.Number), new("Số", ColumnType.Integer)];

    private static ResultTable Table(params object?[][] rows) => new(Columns, rows);

    [Fact]
    public void Numbers_match_within_the_tolerance()
    {
        var expected = Table(["a", 1.0 / 3, 1L], ["b", 1e12, 2L]);
        var actual = Table(["a", 0.3333333333m, 1], ["b", 1e12 + 1e-4, 2L]);

        Assert.Null(ResultComparer.Compare(expected, actual, ordered: true));
    }

    [Fact]
    public void Numbers_outside_the_tolerance_differ()
    {
        var difference = ResultComparer.Compare(Table(["a", 1.0, 1L]), Table(["a", 1.001, 1L]), ordered: true);

        Assert.NotNull(difference);
    }

    [Fact]
    public void Unordered_results_compare_as_multisets()
    {
        var expected = Table(["a", 1.0, 1L], ["a", 1.0, 1L], ["b", null, 2L]);
        var shuffled = Table(["b", null, 2L], ["a", 1.0000000001, 1L], ["a", 1.0, 1L]);
        var missingDuplicate = Table(["b", null, 2L], ["a", 1.0, 1L], ["b", null, 2L]);

        Assert.Null(ResultComparer.Compare(expected, shuffled, ordered: false));
        Assert.NotNull(ResultComparer.Compare(expected, shuffled, ordered: true));
        Assert.NotNull(ResultComparer.Compare(expected, missingDuplicate, ordered: false));
    }

    [Fact]
    public void Text_compares_exactly()
    {
        Assert.NotNull(ResultComparer.Compare(Table(["Đà", null, null]), Table(["Da", null, null]), ordered: true));
        Assert.NotNull(ResultComparer.Compare(Table(["đà", null, null]), Table(["Đà", null, null]), ordered: true));
    }

    [Fact]
    public void Different_columns_or_row_counts_differ()
    {
        var renamed = new ResultTable([new("Khác", ColumnType.Text), Columns[1], Columns[2]], [["a", 1.0, 1L]]);
        var retyped = new ResultTable([Columns[0], Columns[1], new("Số", ColumnType.Number)], [["a", 1.0, 1.0]]);

        Assert.NotNull(ResultComparer.Compare(Table(["a", 1.0, 1L]), renamed, ordered: false));
        Assert.NotNull(ResultComparer.Compare(Table(["a", 1.0, 1L]), retyped, ordered: false));
        Assert.NotNull(ResultComparer.Compare(Table(["a", 1.0, 1L]), Table(), ordered: false));
    }

    [Fact]
    public void Driver_values_are_normalised_to_the_column_types()
    {
        var columns = new ReferenceColumn[] { new("Ngày", ColumnType.Date), new("Lúc", ColumnType.DateTime) };
        var expected = new ResultTable(columns, [[new DateOnly(2024, 1, 31), new DateTime(2024, 1, 31, 8, 0, 0)]]);
        var actual = new ResultTable(columns, [[new DateTime(2024, 1, 31), new DateTimeOffset(2024, 1, 31, 8, 0, 0, TimeSpan.Zero)]]);

        Assert.Null(ResultComparer.Compare(expected, actual, ordered: true));
    }

    [Fact]
    public void Order_is_determined_only_by_a_final_sort_over_every_column()
    {
        var datasets = new Dictionary<string, ReferenceTable>
        {
            ["t"] = new([new("a", ColumnType.Integer), new("b", ColumnType.Text)], [[1L, "x"]]),
        };
        DifferentialCase Case(string steps) => new(datasets, $$"""{ "source": { "dataset": "t" }, "steps": [ {{steps}} ] }""", "{}");

        Assert.True(ResultComparer.IsOrderDetermined(Case("""{ "type": "sort", "by": [ { "column": "b" }, { "column": "a" } ] }, { "type": "limit", "count": 3 }""")));
        Assert.True(ResultComparer.IsOrderDetermined(Case("""{ "type": "sort", "by": [ { "column": "b" }, { "column": "a" } ] }, { "type": "select", "columns": [ "a" ] }""")));
        Assert.False(ResultComparer.IsOrderDetermined(Case("""{ "type": "sort", "by": [ { "column": "b" } ] }""")));
        Assert.False(ResultComparer.IsOrderDetermined(Case("""{ "type": "sort", "by": [ { "column": "b" }, { "column": "a" } ] }, { "type": "distinct" }""")));
        Assert.False(ResultComparer.IsOrderDetermined(Case("""{ "type": "filter", "expression": "true" }""")));
    }
}
