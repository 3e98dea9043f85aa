using System.Text.Json;
using Workbench.Core.Access;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;
using Workbench.Tests.Core.Query;

namespace Workbench.Tests.Infrastructure.Query;

/// <summary>
/// Compiles pipelines and runs the SQL on a real warehouse: every operator and function of PIPELINE.md, the Vietnamese
/// text rules, nulls and hostile input. One subclass per executed database (SQL Server is covered by golden SQL only).
/// </summary>
public abstract class PipelineExecutionTests
{
    protected abstract SqlDialect Dialect { get; }

    protected abstract Task<List<object?[]>> ExecuteAsync(CompiledQuery query);

    protected async Task<List<object?[]>> RunAsync(
        string json, IReadOnlyDictionary<int, IReadOnlyList<string>>? pivotValues = null, AccessContext? access = null, TestCatalog? catalog = null)
    {
        var result = await TestCatalog.CompileAsync(json, Dialect, pivotValues: pivotValues, access: access, catalog: catalog);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        if (result.PivotValuesNeeded is { } request)
        {
            var values = (await ExecuteAsync(request.Query)).Select(r => (string)r[0]!).ToList();
            var known = new Dictionary<int, IReadOnlyList<string>>(pivotValues ?? new Dictionary<int, IReadOnlyList<string>>()) { [request.Step] = values };
            return await RunAsync(json, known, access, catalog);
        }
        Assert.NotNull(result.Query);
        return await ExecuteAsync(result.Query);
    }

    /// <summary>The value of an expression on the row H1 (Quảng Ngãi, 2023, 120000, 156.5, 2023-03-31, true).</summary>
    protected async Task<object?> EvaluateAsync(string expression)
    {
        var json = $$"""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "filter", "expression": "[Mã huyện] = 'H1'" },
              { "type": "compute", "column": "v", "expression": {{JsonSerializer.Serialize(expression)}} },
              { "type": "select", "columns": [ "v" ] } ] }
            """;
        var rows = await RunAsync(json);
        return Assert.Single(rows)[0];
    }

    private static void AssertValue(object? expected, object? actual)
    {
        if (expected is double d)
        {
            var number = Assert.IsType<double>(actual);
            Assert.Equal(d, number, 1e-9);
            return;
        }
        if (expected is int i)
        {
            expected = (long)i;
        }
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("1 + 2", 3)]
    [InlineData("7 / 2", 3.5)]
    [InlineData("[Dân số] / 2.5", 48000.0)]
    [InlineData("7 % 3", 1)]
    [InlineData("2 * 3 - 1", 5)]
    [InlineData("-[Năm]", -2023)]
    [InlineData("[Dân số] / [Diện tích]", 766.7731629392971)]
    [InlineData("'a' + 'b'", "ab")]
    [InlineData("[Huyện] + ' tỉnh'", "Quảng Ngãi tỉnh")]
    public async Task Arithmetic_and_concatenation_follow_the_contract(string expression, object expected) =>
        AssertValue(expected, await EvaluateAsync(expression));

    [Theory]
    [InlineData("7 / 0")]
    [InlineData("7 % 0")]
    [InlineData("[Diện tích] / 0")]
    [InlineData("1 + null")]
    [InlineData("[Huyện] + null")]
    [InlineData("null * 2")]
    [InlineData("[Năm] = null")]
    [InlineData("Min(3, null)")]
    [InlineData("Max(null, 3)")]
    [InlineData("Sqrt(-1)")]
    [InlineData("ToNumber('abc')")]
    [InlineData("ToNumber('NaN')")]
    [InlineData("ToInteger('4.2')")]
    [InlineData("ToInteger('99999999999999999999')")]
    [InlineData("ToDate('2023-02-30')")]
    [InlineData("ToDate('31/12/2023')")]
    [InlineData("Coalesce(null, null)")]
    [InlineData("Date(2023, 2, 29)")]
    [InlineData("Date(2023, 13, 1)")]
    [InlineData("Date(2023, 4, 31)")]
    [InlineData("Date(0, 1, 1)")]
    public async Task Nulls_propagate_and_failures_give_null(string expression) =>
        Assert.Null(await EvaluateAsync(expression));

    [Theory]
    [InlineData("[Huyện] = 'Quảng Ngãi'", true)]
    [InlineData("'Đà' = 'Da'", false)]
    [InlineData("'Đà' == 'Đà'", true)]
    [InlineData("'a' != 'A'", true)]
    [InlineData("'a' <> 'a'", false)]
    [InlineData("2 < 3 and 3 <= 3", true)]
    [InlineData("2.5 > 2 && 2 >= 3", false)]
    [InlineData("not (1 > 2) && !(2 >= 3) || false", true)]
    [InlineData("[Thành phố] or false", true)]
    [InlineData("[Năm] in (2022, 2023)", true)]
    [InlineData("[Năm] in (2022)", false)]
    [InlineData("[Huyện] not in ('Lý Sơn', 'Đức Phổ')", true)]
    [InlineData("[Huyện] like 'quảng%'", true)]
    [InlineData("[Huyện] like '_UẢNG NGÃI'", true)]
    [InlineData("[Huyện] like 'quang%'", false)]
    [InlineData("'ĐÀ NẴNG' like 'đà%'", true)]
    [InlineData("[Huyện] not like '%ngãi'", false)]
    [InlineData("IsNull(null)", true)]
    [InlineData("IsNull([Huyện])", false)]
    [InlineData("IsNull(!([Thành phố]))", false)]
    [InlineData("IsNull(not [Thành phố])", false)]
    [InlineData("Contains('ĐÀ NẴNG', 'đà')", true)]
    [InlineData("Contains('Da Nang', 'Đà')", false)]
    [InlineData("Contains('50%', '%')", true)]
    [InlineData("Contains('abc', '_')", false)]
    [InlineData("Contains('abc', '')", true)]
    [InlineData("StartsWith('Quảng Ngãi', 'QUẢNG')", true)]
    [InlineData("StartsWith('abc', 'a%')", false)]
    [InlineData("EndsWith('Quảng Ngãi', 'ngãi')", true)]
    [InlineData("EndsWith('Quảng Ngãi', 'ngai')", false)]
    [InlineData("Date(2023, 3, 31) = [Ngày]", true)]
    [InlineData("Year(Today()) >= 2024", true)]
    [InlineData("if(true, false, true)", false)]
    public async Task Comparisons_logic_and_text_tests_follow_the_contract(string expression, bool expected) =>
        Assert.Equal(expected, await EvaluateAsync(expression));

    [Theory]
    [InlineData("if([Dân số] > 100000, 'lớn', 'nhỏ')", "lớn")]
    [InlineData("Coalesce(null, 'x', 'y')", "x")]
    [InlineData("Abs(-2.5)", 2.5)]
    [InlineData("Abs(-3)", 3)]
    [InlineData("Round(2.5, 0)", 3.0)]
    [InlineData("Round(-2.5, 0)", -3.0)]
    [InlineData("Round(0.125, 2)", 0.13)]
    [InlineData("Round([Diện tích])", 157.0)]
    [InlineData("Floor(2.7)", 2.0)]
    [InlineData("Floor(-2.5)", -3.0)]
    [InlineData("Ceiling(2.1)", 3.0)]
    [InlineData("Floor(5)", 5)]
    [InlineData("Power(2, 10)", 1024.0)]
    [InlineData("Sqrt(16)", 4.0)]
    [InlineData("Min(3, 5)", 3)]
    [InlineData("Max(3, 5.5)", 5.5)]
    [InlineData("Max('a', 'b')", "b")]
    [InlineData("Len('Quảng Ngãi')", 10)]
    [InlineData("Len('a  ')", 3)]
    [InlineData("Len([Huyện])", 10)]
    [InlineData("Upper('đà nẵng')", "ĐÀ NẴNG")]
    [InlineData("Lower('ĐÀ NẴNG Ư Ơ Ữ')", "đà nẵng ư ơ ữ")]
    [InlineData("Trim('  a b  ')", "a b")]
    [InlineData("Left('Quảng Ngãi', 5)", "Quảng")]
    [InlineData("Right('Quảng Ngãi', 4)", "Ngãi")]
    [InlineData("Left('abc', -1)", "")]
    [InlineData("Substring('Quảng Ngãi', 7, 4)", "Ngãi")]
    [InlineData("Replace('a-b-c', '-', '+')", "a+b+c")]
    [InlineData("Concat('a', 1, null, 'đ')", "a1đ")]
    [InlineData("Year([Ngày])", 2023)]
    [InlineData("Month([Ngày])", 3)]
    [InlineData("Day([Ngày])", 31)]
    [InlineData("Quarter([Ngày])", 1)]
    [InlineData("Quarter(Date(2023, 12, 1))", 4)]
    [InlineData("DateDiff('day', [Ngày], Date(2023, 4, 2))", 2)]
    [InlineData("DateDiff('Month', Date(2023, 1, 31), Date(2023, 2, 1))", 1)]
    [InlineData("DateDiff('year', Date(2022, 12, 31), Date(2023, 1, 1))", 1)]
    [InlineData("ToText(AddDays(Date(2023, 1, 31), 1))", "2023-02-01")]
    [InlineData("ToText(AddMonths(Date(2023, 1, 31), 1))", "2023-02-28")]
    [InlineData("ToText(ToDate('2024-02-29'))", "2024-02-29")]
    [InlineData("ToText(Date(2024, 2, 29))", "2024-02-29")]
    [InlineData("ToText(Date(2023, 12, 31))", "2023-12-31")]
    [InlineData("Substring('abc', 0, 2)", "a")]
    [InlineData("Substring('abc', -1, 3)", "a")]
    [InlineData("Substring('abc', -3, 3)", "")]
    [InlineData("Substring('abc', 2, 10)", "bc")]
    [InlineData("ToText([Ngày])", "2023-03-31")]
    [InlineData("ToNumber('2.5')", 2.5)]
    [InlineData("ToNumber(' -1e3 ')", -1000.0)]
    [InlineData("ToNumber(7)", 7.0)]
    [InlineData("ToInteger('42')", 42)]
    [InlineData("ToInteger(' -42 ')", -42)]
    [InlineData("ToInteger(2.7)", 2)]
    [InlineData("ToInteger(-2.7)", -2)]
    [InlineData("ToInteger(true)", 1)]
    [InlineData("ToText(42)", "42")]
    [InlineData("ToText(true)", "true")]
    [InlineData("ToText(2.5)", "2.5")]
    [InlineData("ToText(3.0)", "3")]
    [InlineData("ToText(-156.5)", "-156.5")]
    [InlineData("Concat([Diện tích], '')", "156.5")]
    [InlineData("ToText('x')", "x")]
    [InlineData("ROUND(1.5, 0) + abs(-1)", 3.0)]
    public async Task Functions_follow_the_contract(string expression, object expected) =>
        AssertValue(expected, await EvaluateAsync(expression));

    [Theory]
    [InlineData("it's")]
    [InlineData("'; DROP TABLE ds_1; --")]
    [InlineData("[Huyện]")]
    [InlineData("\"c1\" --")]
    [InlineData("$p0 @p0 ?")]
    [InlineData("ĐÀ NẴNG \\ /* */")]
    public async Task Hostile_text_literals_are_plain_values(string value)
    {
        var literal = "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

        var result = await EvaluateAsync(literal);

        Assert.Equal(value, result);
    }

    [Fact]
    public async Task A_very_long_literal_is_a_plain_value()
    {
        var value = new string('ư', 3_900);

        Assert.Equal(value, await EvaluateAsync("'" + value + "'"));
    }

    [Fact]
    public async Task The_example_pipeline_of_the_contract_runs()
    {
        var rows = await RunAsync("""
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
              ],
              "arguments": { "nam": 2023 }
            }
            """);

        Assert.Equal([["Trung du", 120000L, 1L]], rows);
    }

    [Fact]
    public async Task Text_sorts_in_Vietnamese_order_with_nulls_last()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "sort", "by": [ { "column": "Huyện" } ] },
              { "type": "select", "columns": [ "Huyện" ] } ] }
            """);

        Assert.Equal(["ĐÀ NẴNG", "Đức Phổ", "Lý Sơn", "Quảng Ngãi", null], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task A_filter_after_a_window_sees_the_window_column()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "window", "column": "Hạng", "function": "rank", "partitionBy": [ "Năm" ],
                "orderBy": [ { "column": "Dân số", "descending": true } ] },
              { "type": "filter", "expression": "[Hạng] = 1" },
              { "type": "sort", "by": [ { "column": "Năm" } ] },
              { "type": "select", "columns": [ "Mã huyện", { "name": "Hạng", "as": "Thứ hạng" } ] } ] }
            """);

        Assert.Equal([["H3", 1L], ["H1", 1L]], rows);
    }

    [Fact]
    public async Task Window_functions_compute_running_sums_lags_and_percentages()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "filter", "expression": "[Năm] = 2023" },
              { "type": "window", "column": "n", "function": "rowNumber", "orderBy": [ { "column": "Mã huyện" } ] },
              { "type": "window", "column": "luỹ kế", "function": "runningSum", "of": "Dân số", "orderBy": [ { "column": "Mã huyện" } ] },
              { "type": "window", "column": "trước", "function": "lag", "of": "Mã huyện", "orderBy": [ { "column": "Mã huyện" } ] },
              { "type": "window", "column": "sau", "function": "lead", "of": "Mã huyện", "offset": 2, "orderBy": [ { "column": "Mã huyện" } ] },
              { "type": "window", "column": "%", "function": "percentOfTotal", "of": "Dân số" },
              { "type": "window", "column": "dr", "function": "denseRank", "orderBy": [ { "column": "Năm" } ] },
              { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
              { "type": "select", "columns": [ "Mã huyện", "n", "luỹ kế", "trước", "sau", "%", "dr" ] } ] }
            """);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["H1", 1L, 120000L, null, "H4"], rows[0][..5]);
        Assert.Equal(120000.0 / 142000 * 100, (double)rows[0][5]!, 1e-6);
        Assert.Equal(1L, rows[0][6]);
        Assert.Equal(["H2", 2L, 142000L, "H1", null], rows[1][..5]);
        Assert.Equal(["H4", 3L, 142000L, "H2", null, null, 1L], rows[2]);
    }

    [Fact]
    public async Task Pivot_reads_the_distinct_values_first()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [ "Năm" ], "column": "Mã huyện", "value": "Dân số", "function": "sum" },
              { "type": "sort", "by": [ { "column": "Năm" } ] },
              { "type": "select", "columns": [ "Năm", "H1", "H3", "H5" ] } ] }
            """);

        Assert.Equal([[2022L, null, 150000L, 0L], [2023L, 120000L, null, null]], rows);
    }

    [Fact]
    public async Task Pivot_on_an_integer_column_matches_the_values_text()
    {
        // "2023" matches the year 2023 (compared as an integer); "02023" and "+2023" are no integer's text and match nothing.
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [ "Mã huyện" ], "column": "Năm", "value": "Dân số", "function": "sum",
                "values": [ "2022", "2023", "02023", "+2023" ] },
              { "type": "sort", "by": [ { "column": "Mã huyện" } ] } ] }
            """);

        Assert.Equal([
            ["H1", null, 120000L, null, null],
            ["H2", null, 22000L, null, null],
            ["H3", 150000L, null, null, null],
            ["H4", null, null, null, null],
            ["H5", 0L, null, null, null]], rows);
    }

    [Fact]
    public async Task Pivot_cells_aggregate_only_their_rows_with_every_function()
    {
        // Rows by Thành phố: false = H2 (2023, 22000), H3 (2022, 150000); true = H1 (2023, 120000), H5 (2022, 0); null = H4 (2023, null).
        var expected = new Dictionary<string, object?[][]>
        {
            ["count"] = [[false, 1L, 1L], [true, 1L, 1L], [null, 0L, 0L]],
            ["countDistinct"] = [[false, 1L, 1L], [true, 1L, 1L], [null, 0L, 0L]],
            ["sum"] = [[false, 150000L, 22000L], [true, 0L, 120000L], [null, null, null]],
            ["avg"] = [[false, 150000.0, 22000.0], [true, 0.0, 120000.0], [null, null, null]],
            ["min"] = [[false, 150000L, 22000L], [true, 0L, 120000L], [null, null, null]],
            ["max"] = [[false, 150000L, 22000L], [true, 0L, 120000L], [null, null, null]],
        };
        foreach (var (function, rows) in expected)
        {
            var actual = await RunAsync($$"""
                { "source": { "dataset": "dan-so" }, "steps": [
                  { "type": "pivot", "rows": [ "Thành phố" ], "column": "Năm", "value": "Dân số", "function": "{{function}}", "values": [ "2022", "2023" ] },
                  { "type": "sort", "by": [ { "column": "Thành phố" } ] } ] }
                """);

            Assert.True(rows.Length == actual.Count, function);
            for (var i = 0; i < rows.Length; i++)
            {
                Assert.Equal(rows[i], actual[i]);
            }
        }
    }

    [Fact]
    public async Task Pivot_values_read_from_an_integer_column_are_in_numeric_order()
    {
        var result = await TestCatalog.CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [], "column": "Dân số", "value": "Năm", "function": "count" } ] }
            """, Dialect);

        var request = Assert.IsType<Workbench.Core.Query.Compilation.PivotValuesRequest>(result.PivotValuesNeeded);
        var values = (await ExecuteAsync(request.Query)).Select(r => r[0]);
        Assert.Equal(["0", "22000", "120000", "150000"], values);
    }

    [Fact]
    public async Task Union_matches_columns_by_name_and_fills_missing_ones_with_null()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "select", "columns": [ "Mã huyện", "Dân số" ] },
              { "type": "union", "dataset": "dan-so-moi" },
              { "type": "filter", "expression": "[Mã huyện] in ('H1', 'H6')" },
              { "type": "sort", "by": [ { "column": "Mã huyện" }, { "column": "Dân số" } ] } ] }
            """);

        Assert.Equal([["H1", 1.0, null], ["H1", 120000.0, null], ["H6", 5000.5, "mới"]], rows);
    }

    [Fact]
    public async Task Distinct_limit_and_offset_apply_after_the_sort()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "select", "columns": [ "Năm" ] },
              { "type": "distinct" },
              { "type": "sort", "by": [ { "column": "Năm", "descending": true } ] },
              { "type": "limit", "count": 1, "offset": 1 } ] }
            """);

        Assert.Equal([[2022L]], rows);
    }

    [Fact]
    public async Task Aggregates_count_rows_values_and_distinct_values()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "aggregate", "groupBy": [], "measures": [
                { "function": "count", "as": "rows" },
                { "function": "count", "column": "Dân số", "as": "values" },
                { "function": "countDistinct", "column": "Năm", "as": "years" },
                { "function": "sum", "column": "Dân số", "as": "sum" },
                { "function": "avg", "column": "Dân số", "as": "avg" },
                { "function": "min", "column": "Huyện", "as": "min" },
                { "function": "max", "column": "Ngày", "as": "max" },
                { "function": "avg", "column": "Năm", "as": "avg year" } ] } ] }
            """);

        var row = Assert.Single(rows);
        Assert.Equal([5L, 4L, 2L, 292000L], row[..4]);
        Assert.Equal(73000.0, (double)row[4]!, 1e-9);
        Assert.NotNull(row[5]);
        Assert.Equal("2024-02-29", row[6] switch { DateOnly d => d.ToString("yyyy-MM-dd"), DateTime t => t.ToString("yyyy-MM-dd"), var other => other?.ToString() });
        Assert.Equal(2022.6, (double)row[7]!, 1e-9); // an average of integers is a number, never an integer division
    }

    [Fact]
    public async Task A_concatenation_that_is_always_null_still_sorts_as_text()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "compute", "column": "v", "expression": "Left(ToText(ToDate('x')), 2) + 'a'" },
              { "type": "sort", "by": [ { "column": "v" }, { "column": "Mã huyện" } ] },
              { "type": "select", "columns": [ "v" ] } ] }
            """);

        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Null(r[0]));
    }

    [Fact]
    public async Task Min_and_max_of_text_follow_Vietnamese_order()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "aggregate", "groupBy": [], "measures": [
                { "function": "min", "column": "Huyện", "as": "min" },
                { "function": "max", "column": "Huyện", "as": "max" } ] } ] }
            """);

        // Byte order would give Lý Sơn and Đức Phổ: Đ sorts after Z in code points but between d and e in Vietnamese.
        Assert.Equal([["ĐÀ NẴNG", "Quảng Ngãi"]], rows);
    }

    [Fact]
    public async Task Row_filters_and_masks_of_the_access_context_apply_at_the_source()
    {
        var access = new AccessContext(TestCatalog.Owner, _ => DatasetPolicy.Hiding("[Năm] = 2022", "Dân số"));

        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
              { "type": "select", "columns": [ "Mã huyện", "Dân số" ] } ] }
            """, access: access);

        Assert.Equal([["H3", null], ["H5", null]], rows);
    }

    [Fact]
    public async Task A_partly_masked_text_keeps_its_first_4_and_last_3_characters_and_short_or_null_texts_stay_hidden()
    {
        var access = new AccessContext(TestCatalog.Owner, _ => new DatasetPolicy(true, null,
            new Dictionary<string, MaskKind> { ["Huyện"] = MaskKind.Partial, ["Dân số"] = MaskKind.Partial }));

        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
              { "type": "select", "columns": [ "Mã huyện", "Huyện", "Dân số" ] } ] }
            """, access: access);

        // Characters, not bytes: Vietnamese letters count once. A number cannot be shown in part: it reads as null.
        Assert.Equal([["H1", "Quản***gãi", null], ["H2", "***", null], ["H3", "***", null], ["H4", null, null], ["H5", "***", null]], rows);
    }

    [Fact]
    public async Task Parameters_are_bound_with_their_declared_type()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" },
              "parameters": [ { "name": "ten", "type": "text" }, { "name": "ngay", "type": "date", "default": "2023-01-01" } ],
              "steps": [ { "type": "filter", "expression": "[Huyện] = [@ten] or [Ngày] < [@ngay]" },
                         { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
                         { "type": "select", "columns": [ "Mã huyện" ] } ],
              "arguments": { "ten": "Lý Sơn'; --" } }
            """);

        Assert.Equal([["H4"]], rows);
    }

    [Fact]
    public async Task Hostile_column_names_are_read_through_their_synthetic_names()
    {
        var quoted = "it's \"q\"; --";
        var longName = new string('Đ', 300);
        var json = $$"""
            { "source": { "dataset": "hostile" }, "steps": [
              { "type": "filter", "expression": {{JsonSerializer.Serialize("[" + quoted + "] = 'x\\'y' and [a[b] + [" + longName + "] = 3")}} },
              { "type": "compute", "column": "x\"; DROP TABLE ds_1; --", "expression": {{JsonSerializer.Serialize("[" + quoted + "] + '--'")}} } ] }
            """;

        var rows = await RunAsync(json);

        Assert.Equal([["x'y", 1L, 2L, "x'y--"]], rows);
    }

    [Theory]
    [InlineData("inner", new[] { "H1", "H2", "H3" })]
    [InlineData("left", new[] { "H1", "H2", "H3", "H4", "H5" })]
    [InlineData("right", new[] { "H1", "H2", "H3", "" })]
    [InlineData("full", new[] { "H1", "H2", "H3", "H4", "H5", "" })]
    public async Task Joins_keep_rows_by_kind_and_prefix_clashing_names(string kind, string[] codes)
    {
        var rows = await RunAsync($$"""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "join", "dataset": "huyen", "kind": "{{kind}}", "on": [ { "left": "Mã huyện", "right": "Mã" } ], "prefix": "h_" },
              { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
              { "type": "select", "columns": [ "Mã huyện", "Vùng", "h_Huyện" ] } ] }
            """);

        Assert.Equal(codes, rows.Select(r => (string?)r[0] ?? ""));
        Assert.Contains(rows, r => r[1] is "Trung du" && r[2] is "Quảng Ngãi");
    }

    [Fact]
    public async Task A_sort_survives_later_steps_that_drop_or_replace_its_key()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "sort", "by": [ { "column": "Dân số", "descending": true } ] },
              { "type": "compute", "column": "Dân số", "expression": "0" },
              { "type": "filter", "expression": "[Năm] > 2000" },
              { "type": "select", "columns": [ "Mã huyện" ] },
              { "type": "limit", "count": 4 } ] }
            """);

        Assert.Equal(["H3", "H1", "H2", "H5"], rows.Select(r => r[0]));
    }

    private const string ByYearSteps = """
        [ { "type": "compute", "column": "Mật độ", "expression": "[Dân số] / [Diện tích]" },
          { "type": "filter", "expression": "[Dân số] > 0 or IsNull([Huyện])" },
          { "type": "aggregate", "groupBy": [ "Năm" ], "measures": [
            { "function": "sum", "column": "Dân số", "as": "Tổng" }, { "function": "max", "column": "Mật độ", "as": "Mật độ lớn nhất" },
            { "function": "count", "as": "Số huyện" } ] } ]
        """;

    private const string ByYearOuterSteps = """
        { "type": "filter", "expression": "[Năm] >= [@từ năm]" },
        { "type": "sort", "by": [ { "column": "Năm" } ] }
        """;

    [Theory]
    [InlineData(2000)]
    [InlineData(2023)]
    public async Task A_scenario_source_gives_the_same_rows_as_its_pipeline_written_inline(long from)
    {
        var parameters = $$"""[ { "name": "từ năm", "type": "integer", "default": {{from}} } ]""";
        var catalog = new TestCatalog(TestCatalog.MakeScenario("theo-nam", $$"""
            { "source": { "dataset": "dan-so" },
              "parameters": [ { "name": "từ năm", "type": "integer", "default": 1900 } ],
              "steps": {{ByYearSteps.TrimEnd().TrimEnd(']')}}, { "type": "filter", "expression": "[Năm] >= [@từ năm]" } ] }
            """));

        var viaScenario = await RunAsync($$"""
            { "source": { "scenario": "theo-nam" }, "parameters": {{parameters}}, "steps": [ {{ByYearOuterSteps}} ] }
            """, catalog: catalog);
        var byHand = await RunAsync($$"""
            { "source": { "dataset": "dan-so" }, "parameters": {{parameters}},
              "steps": {{ByYearSteps.TrimEnd().TrimEnd(']')}}, { "type": "filter", "expression": "[Năm] >= [@từ năm]" }, {{ByYearOuterSteps}} ] }
            """);

        Assert.NotEmpty(byHand);
        Assert.Equal(byHand, viaScenario);
        Assert.Equal(from == 2023 ? [2023L] : [2022L, 2023L], viaScenario.Select(r => r[0]));
    }

    [Fact]
    public async Task A_join_with_a_scenario_matches_its_filtered_rows()
    {
        var rows = await RunAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "join", "scenario": "vung", "kind": "left", "on": [ { "left": "Mã huyện", "right": "Mã" } ] },
              { "type": "sort", "by": [ { "column": "Mã huyện" } ] },
              { "type": "select", "columns": [ "Mã huyện", "Vùng" ] } ] }
            """);

        Assert.Equal<object?[]>([["H1", "Trung du"], ["H2", "Hải đảo"], ["H3", "Đồng bằng"], ["H4", null], ["H5", null]], rows);
    }

    [Fact]
    public async Task A_union_with_a_scenario_appends_its_rows_and_distinct_removes_the_repeats()
    {
        const string json = """
            { "source": { "dataset": "huyen" }, "steps": [
              { "type": "select", "columns": [ "Mã", "Vùng" ] },
              { "type": "union", "scenario": "vung", "all": ALL },
              { "type": "sort", "by": [ { "column": "Mã" } ] } ] }
            """;

        var all = await RunAsync(json.Replace("ALL", "true"));
        var distinct = await RunAsync(json.Replace("ALL", "false"));

        Assert.Equal(["H1", "H1", "H2", "H2", "H3", "H3", "H9"], all.Select(r => r[0]));
        Assert.Equal(["H1", "H2", "H3", "H9"], distinct.Select(r => r[0]));
    }

    [Fact]
    public async Task A_scenario_with_a_pivot_and_a_limit_inside_runs_as_a_source()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("xoay-nam", """
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [ "Mã huyện" ], "column": "Năm", "value": "Dân số", "function": "sum" },
              { "type": "sort", "by": [ { "column": "Mã huyện", "descending": true } ] },
              { "type": "limit", "count": 3 } ] }
            """));

        var rows = await RunAsync("""
            { "source": { "scenario": "xoay-nam" }, "steps": [ { "type": "sort", "by": [ { "column": "Mã huyện" } ] } ] }
            """, catalog: catalog);

        Assert.Equal<object?[]>([["H3", 150000L, null], ["H4", null, null], ["H5", 0L, null]], rows);
    }
}
