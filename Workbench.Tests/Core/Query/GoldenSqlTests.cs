using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Dialects;

namespace Workbench.Tests.Core.Query;

/// <summary>
/// The exact SQL of a representative set of pipelines, one subclass per database (like EF Core's
/// NorthwindWhereQuery*Test). SQL Server cannot run on the build machines: these strings are its only coverage.
/// </summary>
public abstract class GoldenSqlTests
{
    protected abstract SqlDialect Dialect { get; }

    private async Task<CompilationResult> CompileAsync(string json)
    {
        var result = await TestCatalog.CompileAsync(json, Dialect);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result;
    }

    private static void AssertSql(string expected, string actual, [System.Runtime.CompilerServices.CallerMemberName] string scenario = "")
    {
        if (Environment.GetEnvironmentVariable("WORKBENCH_GOLDEN_DUMP") is { Length: > 0 } folder)
        {
            File.WriteAllText(Path.Combine(folder, scenario + ".sql"), actual);
            return; // regenerating the expected strings
        }
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual);
    }

    protected abstract string ContractExampleSql { get; }

    [Fact]
    public async Task Contract_example()
    {
        var result = await CompileAsync(Pipelines.PipelineJsonTests.ContractExample);

        AssertSql(ContractExampleSql, result.Query!.Sql);
        Assert.Equal([2023L], result.Query.Parameters.Take(1).Select(p => p.Value));
    }

    protected abstract string TextFunctionsSql { get; }

    [Fact]
    public async Task Text_functions()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "filter", "expression": "Contains([Huyện], 'đà') or StartsWith([Huyện], 'q') or [Huyện] like 'l_%'" },
              { "type": "compute", "column": "t", "expression": "Concat(Upper(Left([Huyện], 3)), Len([Huyện]), Substring([Huyện], 2, [Năm]))" } ] }
            """);

        AssertSql(TextFunctionsSql, result.Query!.Sql);
    }

    protected abstract string NumbersAndDatesSql { get; }

    [Fact]
    public async Task Numbers_and_dates()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "compute", "column": "a", "expression": "Round([Diện tích], 1) + [Dân số] % 7 + Min([Năm], 2000)" },
              { "type": "compute", "column": "b", "expression": "DateDiff('month', [Ngày], AddMonths(Today(), -1))" },
              { "type": "compute", "column": "c", "expression": "ToInteger(ToText([Diện tích])) + ToNumber('1.5') + Year(ToDate('2024-01-02'))" } ] }
            """);

        AssertSql(NumbersAndDatesSql, result.Query!.Sql);
    }

    protected abstract string BooleansSql { get; }

    [Fact]
    public async Task Booleans_as_values_and_conditions()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "compute", "column": "lớn", "expression": "[Thành phố] and [Dân số] > 100000" },
              { "type": "filter", "expression": "[lớn] or not IsNull([Ngày])" } ] }
            """);

        AssertSql(BooleansSql, result.Query!.Sql);
    }

    protected abstract string WindowThenFilterSql { get; }

    [Fact]
    public async Task Window_then_filter()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "window", "column": "Hạng", "function": "rank", "partitionBy": [ "Năm" ], "orderBy": [ { "column": "Dân số", "descending": true } ] },
              { "type": "window", "column": "%", "function": "percentOfTotal", "of": "Dân số", "partitionBy": [ "Năm" ] },
              { "type": "window", "column": "trước", "function": "lag", "of": "Dân số" },
              { "type": "filter", "expression": "[Hạng] <= 3" } ] }
            """);

        AssertSql(WindowThenFilterSql, result.Query!.Sql);
    }

    protected abstract string PivotSql { get; }

    protected abstract string PivotValuesSql { get; }

    [Fact]
    public async Task Pivot_in_two_phases()
    {
        const string json = """
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [ "Năm" ], "column": "Huyện", "value": "Dân số", "function": "sum" } ] }
            """;

        var first = await TestCatalog.CompileAsync(json, Dialect);
        var second = await TestCatalog.CompileAsync(json, Dialect, pivotValues: new Dictionary<int, IReadOnlyList<string>> { [0] = ["Lý Sơn", "Quảng Ngãi"] });

        AssertSql(PivotValuesSql, first.PivotValuesNeeded!.Query.Sql, "Pivot_values");
        AssertSql(PivotSql, second.Query!.Sql);
        Assert.Equal(["Năm", "Lý Sơn", "Quảng Ngãi"], second.Query.Columns.Select(c => c.Name));
    }

    protected abstract string PivotOnIntegerSql { get; }

    [Fact]
    public async Task Pivot_on_an_integer_column_compares_integers()
    {
        // "2023" is how ToText prints 2023, so the column is compared as an integer; "02023" is no integer's text and is matched as text (never).
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [ "Mã huyện" ], "column": "Năm", "value": "Dân số", "function": "sum", "values": [ "2023", "02023" ] } ] }
            """);

        AssertSql(PivotOnIntegerSql, result.Query!.Sql);
        Assert.Equal([2023L, "02023"], result.Query.Parameters.Select(p => p.Value));
    }

    protected abstract string AveragesSql { get; }

    [Fact]
    public async Task Averages_of_integers_and_numbers()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "aggregate", "groupBy": [ "Năm" ], "measures": [
                { "function": "avg", "column": "Dân số", "as": "a" }, { "function": "avg", "column": "Diện tích", "as": "b" } ] } ] }
            """);

        AssertSql(AveragesSql, result.Query!.Sql);
    }

    protected abstract string UnionDistinctLimitSql { get; }

    [Fact]
    public async Task Union_distinct_sort_limit()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "select", "columns": [ "Mã huyện", { "name": "Dân số", "as": "Dân số" } ] },
              { "type": "union", "dataset": "dan-so-moi", "all": false },
              { "type": "distinct" },
              { "type": "sort", "by": [ { "column": "Mã huyện" }, { "column": "Dân số", "descending": true } ] },
              { "type": "limit", "count": 10, "offset": 20 } ] }
            """);

        AssertSql(UnionDistinctLimitSql, result.Query!.Sql);
    }

    protected abstract string SortLimitSql { get; }

    [Fact]
    public async Task Sort_then_limit()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "huyen" }, "steps": [
              { "type": "sort", "by": [ { "column": "Huyện" } ] },
              { "type": "limit", "count": 2 } ] }
            """);

        AssertSql(SortLimitSql, result.Query!.Sql);
    }

    protected abstract string InListsAndUnorderedRankSql { get; }

    [Fact]
    public async Task In_lists_and_an_unordered_rank()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "filter", "expression": "[Huyện] in ('Lý Sơn', 'Đức Phổ') and [Năm] not in (2020, 2021)" },
              { "type": "window", "column": "r", "function": "rank" } ] }
            """);

        AssertSql(InListsAndUnorderedRankSql, result.Query!.Sql);
    }

    protected abstract string ScenarioSourceSql { get; }

    [Fact]
    public async Task Scenario_source_is_inlined_with_its_parameter_overridden()
    {
        var result = await CompileAsync("""
            { "source": { "scenario": "dan-so-theo-nam" },
              "parameters": [ { "name": "nam", "type": "integer", "default": 2022 } ],
              "steps": [ { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Dân", "as": "Tổng" } ] } ] }
            """);

        AssertSql(ScenarioSourceSql, result.Query!.Sql);
        Assert.Equal([2022L], result.Query.Parameters.Select(p => p.Value));
    }

    protected abstract string JoinWithScenarioSql { get; }

    [Fact]
    public async Task Join_with_a_scenario()
    {
        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "join", "scenario": "vung", "kind": "left", "on": [ { "left": "Mã huyện", "right": "Mã" } ] },
              { "type": "sort", "by": [ { "column": "Vùng" } ] } ] }
            """);

        AssertSql(JoinWithScenarioSql, result.Query!.Sql);
    }
}
