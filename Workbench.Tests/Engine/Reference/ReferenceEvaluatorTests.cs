using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

public class ReferenceEvaluatorTests
{
    private static readonly ReferenceTable DanSo = new(
        [
            new("Mã huyện", ColumnType.Text), new("Huyện", ColumnType.Text), new("Năm", ColumnType.Integer),
            new("Dân số", ColumnType.Integer), new("Diện tích", ColumnType.Number), new("Ven biển", ColumnType.Boolean),
            new("Ngày", ColumnType.Date),
        ],
        [
            ["001", "Bình Sơn", 2023L, 100L, 10.0, true, new DateOnly(2023, 1, 1)],
            ["002", "Sơn Tịnh", 2023L, 50L, null, false, new DateOnly(2023, 2, 1)],
            ["001", "Bình Sơn", 2022L, 80L, 10.0, true, null],
            ["003", "Lý Sơn", 2023L, null, 2.5, true, new DateOnly(2023, 3, 1)],
            [null, "Ba Tơ", 2022L, 30L, 5.0, null, new DateOnly(2022, 5, 5)],
        ]);

    private static readonly ReferenceTable Huyen = new(
        [new("Mã", ColumnType.Text), new("Vùng", ColumnType.Text), new("Huyện", ColumnType.Text)],
        [
            ["001", "Đồng bằng", "Bình Sơn"],
            ["002", "Đồng bằng", "Sơn Tịnh"],
            ["004", "Miền núi", "Ba Tơ"],
        ]);

    private static readonly ReferenceTable Them = new(
        [new("Huyện", ColumnType.Text), new("Năm", ColumnType.Integer), new("Ghi chú", ColumnType.Text)],
        [
            ["Minh Long", 2024L, "mới"],
            ["Minh Long", 2024L, "mới"],
        ]);

    private static readonly ReferenceTable Chu = new(
        [new("Chữ", ColumnType.Text)],
        [["đ"], ["a"], [null], ["ê"], ["b"], ["â"], ["ă"], ["e"], ["c"], ["d"], ["A"]]);

    private static ReferenceTable Run(string pipeline, string? arguments = null)
    {
        var datasets = new Dictionary<string, ReferenceTable> { ["dan-so"] = DanSo, ["huyen"] = Huyen, ["them"] = Them, ["chu"] = Chu };
        return new ReferenceEvaluator(datasets, new DateOnly(2026, 1, 1)).Evaluate(pipeline, arguments);
    }

    private static string Steps(string steps, string source = "dan-so") =>
        $$"""{ "source": { "dataset": "{{source}}" }, "steps": [ {{steps}} ] }""";

    private static object?[] Column(ReferenceTable table, string name) => table.Rows.Select(r => r[table.IndexOf(name)]).ToArray();

    private static string[] Names(ReferenceTable table) => table.Columns.Select(c => c.Name).ToArray();

    [Fact]
    public void Filter_keeps_rows_where_the_expression_is_true()
    {
        var result = Run(Steps("""{ "type": "filter", "expression": "[Năm] = 2023 and [Huyện] != 'Lý Sơn'" }"""));

        Assert.Equal(["Bình Sơn", "Sơn Tịnh"], Column(result, "Huyện"));
    }

    [Fact]
    public void Filter_drops_rows_where_comparison_is_null()
    {
        var result = Run(Steps("""{ "type": "filter", "expression": "[Dân số] > 40" }"""));

        Assert.Equal([100L, 50L, 80L], Column(result, "Dân số"));
    }

    [Fact]
    public void Compute_adds_a_number_column_with_null_for_division_by_null()
    {
        var result = Run(Steps("""{ "type": "compute", "column": "Mật độ", "expression": "[Dân số] / [Diện tích]" }"""));

        Assert.Equal(new ReferenceColumn("Mật độ", ColumnType.Number), result.Columns[^1]);
        Assert.Equal([10.0, null, 8.0, null, 6.0], Column(result, "Mật độ"));
    }

    [Fact]
    public void Compute_replaces_a_column_of_the_same_name_in_place()
    {
        var result = Run(Steps("""{ "type": "compute", "column": "Năm", "expression": "ToText([Năm] + 1)" }"""));

        Assert.Equal(Names(DanSo), Names(result));
        Assert.Equal(ColumnType.Text, result.Columns[2].Type);
        Assert.Equal("2024", result.Rows[0][2]);
    }

    [Fact]
    public void Select_keeps_orders_and_renames()
    {
        var result = Run(Steps("""{ "type": "select", "columns": [ "Năm", { "name": "Huyện", "as": "Tên huyện" } ] }"""));

        Assert.Equal(["Năm", "Tên huyện"], Names(result));
        Assert.Equal([2023L, "Bình Sơn"], result.Rows[0]);
    }

    [Fact]
    public void Left_join_keeps_unmatched_and_null_keyed_rows_with_null_right_columns()
    {
        var result = Run(Steps("""{ "type": "join", "dataset": "huyen", "kind": "left", "on": [ { "left": "Mã huyện", "right": "Mã" } ], "columns": [ "Vùng" ] }"""));

        Assert.Equal([.. Names(DanSo), "Vùng"], Names(result));
        Assert.Equal(["Đồng bằng", "Đồng bằng", "Đồng bằng", null, null], Column(result, "Vùng"));
    }

    [Fact]
    public void Join_without_columns_keeps_all_right_columns_but_the_keys_and_prefixes_clashes()
    {
        var result = Run(Steps("""{ "type": "join", "dataset": "huyen", "kind": "inner", "on": [ { "left": "Mã huyện", "right": "Mã" } ], "prefix": "h_" }"""));

        Assert.Equal([.. Names(DanSo), "Vùng", "h_Huyện"], Names(result));
        Assert.Equal(3, result.Rows.Count);
    }

    [Fact]
    public void Join_with_a_clash_and_no_prefix_is_refused()
    {
        Assert.Throws<ReferenceEvaluationException>(() =>
            Run(Steps("""{ "type": "join", "dataset": "huyen", "kind": "inner", "on": [ { "left": "Mã huyện", "right": "Mã" } ] }""")));
    }

    [Fact]
    public void Right_join_adds_unmatched_right_rows_with_null_left_columns()
    {
        var result = Run(Steps("""{ "type": "join", "dataset": "huyen", "kind": "right", "on": [ { "left": "Mã huyện", "right": "Mã" } ], "columns": [ "Vùng" ] }"""));

        Assert.Equal(4, result.Rows.Count);
        Assert.Equal([null, null, null, null, null, null, null, "Miền núi"], result.Rows[^1]);
    }

    [Fact]
    public void Full_join_keeps_unmatched_rows_of_both_sides()
    {
        var result = Run(Steps("""{ "type": "join", "dataset": "huyen", "kind": "full", "on": [ { "left": "Mã huyện", "right": "Mã" } ], "columns": [ "Vùng" ] }"""));

        Assert.Equal(6, result.Rows.Count);
        Assert.Equal(["Đồng bằng", "Đồng bằng", "Đồng bằng", null, null, "Miền núi"], Column(result, "Vùng"));
    }

    [Fact]
    public void Union_matches_columns_by_name_and_fills_missing_with_null()
    {
        var result = Run(Steps("""{ "type": "union", "dataset": "them" }"""));

        Assert.Equal([.. Names(DanSo), "Ghi chú"], Names(result));
        Assert.Equal(7, result.Rows.Count);
        Assert.Equal([null, "Minh Long", 2024L, null, null, null, null, "mới"], result.Rows[^1]);
    }

    [Fact]
    public void Union_without_all_removes_duplicates()
    {
        var result = Run(Steps("""{ "type": "union", "dataset": "them", "all": false }"""));

        Assert.Equal(6, result.Rows.Count);
    }

    [Fact]
    public void Aggregate_computes_every_measure_per_group()
    {
        var result = Run(Steps("""
            { "type": "aggregate", "groupBy": [ "Năm" ], "measures": [
                { "function": "count", "as": "Số dòng" },
                { "function": "count", "column": "Dân số", "as": "Có dân số" },
                { "function": "countDistinct", "column": "Huyện", "as": "Số huyện" },
                { "function": "sum", "column": "Dân số", "as": "Tổng" },
                { "function": "avg", "column": "Dân số", "as": "Trung bình" },
                { "function": "min", "column": "Huyện", "as": "Đầu tiên" },
                { "function": "max", "column": "Ngày", "as": "Muộn nhất" } ] }
            """));

        Assert.Equal(
            [ColumnType.Integer, ColumnType.Integer, ColumnType.Integer, ColumnType.Integer, ColumnType.Integer, ColumnType.Number, ColumnType.Text, ColumnType.Date],
            result.Columns.Select(c => c.Type));
        Assert.Equal([2023L, 3L, 2L, 3L, 150L, 75.0, "Bình Sơn", new DateOnly(2023, 3, 1)], result.Rows[0]);
        Assert.Equal([2022L, 2L, 2L, 2L, 110L, 55.0, "Ba Tơ", new DateOnly(2022, 5, 5)], result.Rows[1]);
    }

    [Fact]
    public void Aggregate_without_group_by_gives_one_row_even_over_no_rows()
    {
        var result = Run(Steps("""
            { "type": "filter", "expression": "false" },
            { "type": "aggregate", "groupBy": [], "measures": [ { "function": "count", "as": "n" }, { "function": "sum", "column": "Dân số", "as": "s" } ] }
            """));

        Assert.Equal([0L, null], Assert.Single(result.Rows));
    }

    [Fact]
    public void Pivot_with_values_makes_one_column_per_value()
    {
        var result = Run(Steps("""{ "type": "pivot", "rows": [ "Huyện" ], "column": "Năm", "value": "Dân số", "function": "sum", "values": [ 2022, 2023 ] }"""));

        Assert.Equal(["Huyện", "2022", "2023"], Names(result));
        Assert.Equal(ColumnType.Integer, result.Columns[1].Type);
        Assert.Equal<object?[]>(
            [["Bình Sơn", 80L, 100L], ["Sơn Tịnh", null, 50L], ["Lý Sơn", null, null], ["Ba Tơ", 30L, null]],
            result.Rows);
    }

    [Fact]
    public void Pivot_without_values_reads_the_distinct_values_sorted()
    {
        var result = Run(Steps("""{ "type": "pivot", "rows": [], "column": "Huyện", "value": "Dân số", "function": "count" }"""));

        Assert.Equal(["Ba Tơ", "Bình Sơn", "Lý Sơn", "Sơn Tịnh"], Names(result));
        Assert.Equal([1L, 2L, 0L, 1L], Assert.Single(result.Rows));
    }

    [Fact]
    public void Window_row_number_restarts_per_partition_with_nulls_last()
    {
        var result = Run(Steps("""{ "type": "window", "column": "STT", "function": "rowNumber", "partitionBy": [ "Năm" ], "orderBy": [ { "column": "Dân số", "descending": true } ] }"""));

        Assert.Equal([1L, 2L, 1L, 3L, 2L], Column(result, "STT"));
    }

    [Fact]
    public void Window_rank_and_dense_rank_give_ties_the_same_rank()
    {
        var rank = Run(Steps("""{ "type": "window", "column": "r", "function": "rank", "orderBy": [ { "column": "Năm" } ] }"""));
        var dense = Run(Steps("""{ "type": "window", "column": "r", "function": "denseRank", "orderBy": [ { "column": "Năm" } ] }"""));

        Assert.Equal([3L, 3L, 1L, 3L, 1L], Column(rank, "r"));
        Assert.Equal([2L, 2L, 1L, 2L, 1L], Column(dense, "r"));
    }

    [Fact]
    public void Window_running_sum_includes_peers()
    {
        var result = Run(Steps("""{ "type": "window", "column": "Lũy kế", "function": "runningSum", "of": "Dân số", "orderBy": [ { "column": "Năm" } ] }"""));

        Assert.Equal(ColumnType.Integer, result.Columns[^1].Type);
        Assert.Equal([260L, 260L, 110L, 260L, 110L], Column(result, "Lũy kế"));
    }

    [Fact]
    public void Window_lag_and_lead_read_neighbours_in_order()
    {
        var lag = Run(Steps("""{ "type": "window", "column": "Trước", "function": "lag", "of": "Dân số", "orderBy": [ { "column": "Dân số" } ] }"""));
        var lead = Run(Steps("""{ "type": "window", "column": "Sau", "function": "lead", "of": "Dân số", "offset": 2, "orderBy": [ { "column": "Dân số" } ] }"""));

        Assert.Equal([80L, 30L, 50L, 100L, null], Column(lag, "Trước"));
        Assert.Equal([null, 100L, null, null, 80L], Column(lead, "Sau"));
    }

    [Fact]
    public void Window_percent_of_total_divides_by_the_partition_total()
    {
        var result = Run(Steps("""{ "type": "window", "column": "Tỷ trọng", "function": "percentOfTotal", "of": "Dân số", "partitionBy": [ "Năm" ] }"""));

        var values = Column(result, "Tỷ trọng");
        Assert.Equal(ColumnType.Number, result.Columns[^1].Type);
        Assert.Equal(100.0 * 100 / 150, (double)values[0]!, 9);
        Assert.Equal(50.0 * 100 / 150, (double)values[1]!, 9);
        Assert.Equal(80.0 * 100 / 110, (double)values[2]!, 9);
        Assert.Null(values[3]);
        Assert.Equal(30.0 * 100 / 110, (double)values[4]!, 9);
    }

    [Fact]
    public void Vietnamese_culture_orders_letters_with_diacritics_after_their_base()
    {
        var words = new List<string> { "đ", "ê", "b", "â", "ă", "e", "c", "d", "a" };

        words.Sort(ReferenceSemantics.TextOrder);

        Assert.Equal(["a", "ă", "â", "b", "c", "d", "đ", "e", "ê"], words);
    }

    [Fact]
    public void Sort_orders_text_in_Vietnamese_order_with_nulls_last()
    {
        var ascending = Run(Steps("""{ "type": "sort", "by": [ { "column": "Chữ" } ] }""", "chu"));
        var descending = Run(Steps("""{ "type": "sort", "by": [ { "column": "Chữ", "descending": true } ] }""", "chu"));

        Assert.Equal(["a", "A", "ă", "â", "b", "c", "d", "đ", "e", "ê", null], Column(ascending, "Chữ"));
        Assert.Equal(["ê", "e", "đ", "d", "c", "b", "â", "ă", "A", "a", null], Column(descending, "Chữ"));
    }

    [Fact]
    public void Sort_then_limit_with_offset_skips_and_takes()
    {
        var result = Run(Steps("""
            { "type": "sort", "by": [ { "column": "Dân số", "descending": true } ] },
            { "type": "limit", "count": 2, "offset": 1 }
            """));

        Assert.Equal([80L, 50L], Column(result, "Dân số"));
    }

    [Fact]
    public void Distinct_removes_identical_rows()
    {
        var result = Run(Steps("""
            { "type": "select", "columns": [ "Mã huyện", "Huyện" ] },
            { "type": "distinct" }
            """));

        Assert.Equal(4, result.Rows.Count);
    }

    [Fact]
    public void Parameters_take_the_argument_or_else_the_default()
    {
        const string pipeline = """
            { "source": { "dataset": "dan-so" },
              "parameters": [ { "name": "nam", "type": "integer", "default": 2023 } ],
              "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" } ] }
            """;

        Assert.Equal(3, Run(pipeline).Rows.Count);
        Assert.Equal(2, Run(pipeline, """{ "nam": 2022 }""").Rows.Count);
    }

    [Fact]
    public void The_contract_example_pipeline_runs()
    {
        var result = Run("""
            {
              "source": { "dataset": "dan-so" },
              "parameters": [ { "name": "nam", "type": "integer", "default": 2023 } ],
              "steps": [
                { "type": "filter",    "expression": "[Năm] = [@nam] and [Huyện] != 'Lý Sơn'" },
                { "type": "compute",   "column": "Mật độ", "expression": "[Dân số] / [Diện tích]" },
                { "type": "join",      "dataset": "huyen", "kind": "left",
                                       "on": [ { "left": "Mã huyện", "right": "Mã" } ],
                                       "columns": [ "Vùng" ] },
                { "type": "aggregate", "groupBy": [ "Vùng" ],
                                       "measures": [ { "function": "sum", "column": "Dân số", "as": "Tổng dân số" },
                                                     { "function": "count", "as": "Số huyện" } ] },
                { "type": "sort",      "by": [ { "column": "Tổng dân số", "descending": true } ] },
                { "type": "limit",     "count": 10 }
              ]
            }
            """);

        Assert.Equal(["Vùng", "Tổng dân số", "Số huyện"], Names(result));
        Assert.Equal(["Đồng bằng", 150L, 2L], Assert.Single(result.Rows));
    }
}
