using System.Globalization;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Dialects;
using Workbench.Tests.Core.Query;

namespace Workbench.Tests.Core.Pipelines;

/// <summary>Each kind of validation error names its step, field and (in expressions) position, in the UI language; no SQL is produced.</summary>
public sealed class PipelineValidationTests : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public PipelineValidationTests() => CultureInfo.CurrentUICulture = new CultureInfo("en-US");

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;

    private static async Task<PipelineError> SingleErrorAsync(string steps, string parameters = "[]", string arguments = "{}")
    {
        var json = $$"""{ "source": { "dataset": "dan-so" }, "parameters": {{parameters}}, "steps": {{steps}}, "arguments": {{arguments}} }""";

        var result = await TestCatalog.CompileAsync(json, new DuckDbDialect());

        Assert.Null(result.Query);
        Assert.Null(result.PivotValuesNeeded);
        return Assert.Single(result.Errors);
    }

    private static string Filter(string expression) =>
        $$"""[ { "type": "distinct" }, { "type": "filter", "expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} } ]""";

    [Fact]
    public async Task An_unknown_column_is_reported_with_its_position_and_a_suggestion()
    {
        var error = await SingleErrorAsync(Filter("[Năm] = 2023 and [Dan so] > 1"));

        Assert.Equal((1, "expression", 17), (error.Step, error.Field, error.Position));
        Assert.Equal("There is no column 'Dan so'. Did you mean 'Dân số'?", error.Message);
    }

    [Fact]
    public async Task Suggestions_are_in_Vietnamese_by_default()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");

        var error = await SingleErrorAsync(Filter("[Huyen] = 'x'"));

        Assert.Equal("Không có cột 'Huyen'. Có phải ý bạn là 'Huyện'?", error.Message);
    }

    [Fact]
    public async Task Comparing_an_integer_column_with_text_is_a_type_mismatch()
    {
        var error = await SingleErrorAsync(Filter("[Năm] = '2023'"));

        Assert.Equal((1, "expression"), (error.Step, error.Field));
        Assert.Equal("'=' cannot combine types integer and text.", error.Message);
    }

    [Fact]
    public async Task An_unknown_function_is_reported_with_a_suggestion()
    {
        var error = await SingleErrorAsync(Filter("Contain([Huyện], 'x')"));

        Assert.Equal((1, "expression", 0), (error.Step, error.Field, error.Position));
        Assert.Equal("There is no function 'Contain'. Did you mean 'Contains'?", error.Message);
    }

    [Theory]
    [InlineData("Round()", "Round takes 1–2 arguments but got 0.")]
    [InlineData("Len('a', 'b') > 1", "Len takes 1 arguments but got 2.")]
    [InlineData("Len(5) > 1", "Argument 1 of Len must be of type text but is integer.")]
    [InlineData("Year([Huyện]) > 1", "Argument 1 of Year must be of type date/datetime but is text.")]
    [InlineData("DateDiff([Huyện], [Ngày], [Ngày]) > 1", "Argument 1 of DateDiff must be the literal 'day', 'month' or 'year'.")]
    [InlineData("DateDiff('week', [Ngày], [Ngày]) > 1", "Argument 1 of DateDiff must be the literal 'day', 'month' or 'year'.")]
    [InlineData("[Huyện] + 1 = 'x'", "'+' cannot combine types text and integer.")]
    [InlineData("[Năm]", "A filter must be true or false, but is of type integer.")]
    [InlineData("[Năm] ** 2 > 1", "The '**' operator is not supported; use Power(x, y).")]
    [InlineData("[Năm] & 2 > 1", "The operator 'BitwiseAnd' is not supported.")]
    [InlineData("true ? true : false", "The '? :' operator is not supported; use if(condition, a, b).")]
    [InlineData("[@khong] = 1", "There is no parameter 'khong'.")]
    [InlineData("Round(1 ", null)]
    public async Task Bad_expressions_are_reported(string expression, string? message)
    {
        var error = await SingleErrorAsync(Filter(expression));

        Assert.Equal((1, "expression"), (error.Step, error.Field));
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
    }

    [Fact]
    public async Task A_parse_error_carries_its_position()
    {
        var error = await SingleErrorAsync(Filter("Round([Năm], 2"));
        var odd = await SingleErrorAsync(Filter("[Năm] = = 1"));

        Assert.Equal(14, error.Position); // the end, where the ")" is missing
        Assert.StartsWith("The expression cannot be read", odd.Message);
        Assert.StartsWith("The expression cannot be read", error.Message);
    }

    [Fact]
    public async Task Deep_nesting_and_long_expressions_are_refused_clearly()
    {
        var deep = await SingleErrorAsync(Filter(new string('(', 65) + "true" + new string(')', 65)));
        var longOne = await SingleErrorAsync(Filter("[Huyện] = '" + new string('x', 4_000) + "'"));
        var unary = await SingleErrorAsync(Filter(new string('!', 3_000) + "true"));
        var chained = await SingleErrorAsync(Filter(string.Concat(Enumerable.Repeat("[Năm] + ", 400)) + "1 > 0"));
        var manyValues = await SingleErrorAsync(Filter("[Năm] in (" + string.Join(",", Enumerable.Repeat("1", 1_001)) + ")"));

        Assert.Equal("The expression is nested too deeply (at most 64 levels).", deep.Message);
        Assert.Equal(64, deep.Position);
        Assert.Equal(deep.Message, unary.Message);
        Assert.Equal(deep.Message, chained.Message);
        Assert.StartsWith("The expression is 4012 characters long; the limit is 4000.", longOne.Message);
        Assert.Equal("The 'in' list has 1001 values; the limit is 1000.", manyValues.Message);
    }

    [Fact]
    public async Task Duplicate_output_names_are_refused()
    {
        var error = await SingleErrorAsync("""[ { "type": "select", "columns": [ "Năm", { "name": "Huyện", "as": "Năm" } ] } ]""");

        Assert.Equal((0, "columns", "The column name 'Năm' is used twice."), (error.Step, error.Field, error.Message));
    }

    [Fact]
    public async Task Join_keys_of_different_types_are_refused()
    {
        var error = await SingleErrorAsync("""[ { "type": "join", "dataset": "huyen", "kind": "inner", "on": [ { "left": "Năm", "right": "Mã" } ] } ]""");

        Assert.Equal((0, "on[0]", "Cannot join column 'Năm' (integer) with column 'Mã' (text)."), (error.Step, error.Field, error.Message));
    }

    [Fact]
    public async Task A_clashing_join_column_without_a_prefix_is_refused()
    {
        var error = await SingleErrorAsync("""[ { "type": "join", "dataset": "huyen", "kind": "inner", "on": [ { "left": "Mã huyện", "right": "Mã" } ] } ]""");

        Assert.Equal((0, "columns"), (error.Step, error.Field));
        Assert.Equal("The right-side column 'Huyện' clashes with a left column; set a 'prefix'.", error.Message);
    }

    [Fact]
    public async Task An_aggregate_without_measures_is_refused()
    {
        var error = await SingleErrorAsync("""[ { "type": "aggregate", "groupBy": [ "Năm" ], "measures": [] } ]""");

        Assert.Equal((0, "measures"), (error.Step, error.Field));
    }

    [Fact]
    public async Task Summing_text_is_refused()
    {
        var error = await SingleErrorAsync("""[ { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Huyện", "as": "x" } ] } ]""");

        Assert.Equal((0, "measures[0].function"), (error.Step, error.Field));
    }

    [Fact]
    public async Task More_than_a_hundred_pivot_values_are_refused()
    {
        var values = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"\"v{i}\""));

        var error = await SingleErrorAsync($$"""[ { "type": "pivot", "rows": [], "column": "Huyện", "value": "Dân số", "function": "sum", "values": [ {{values}} ] } ]""");

        Assert.Equal((0, "values"), (error.Step, error.Field));
    }

    [Fact]
    public async Task A_pivot_whose_column_has_more_than_a_hundred_values_is_refused_after_reading_them()
    {
        var read = Enumerable.Range(0, 101).Select(i => $"v{i}").ToList();
        var json = """{ "source": { "dataset": "dan-so" }, "steps": [ { "type": "pivot", "rows": [], "column": "Huyện", "value": "Dân số", "function": "sum" } ] }""";

        var result = await TestCatalog.CompileAsync(json, new DuckDbDialect(), pivotValues: new Dictionary<int, IReadOnlyList<string>> { [0] = read });

        Assert.Equal((0, "column"), (result.Errors[0].Step, result.Errors[0].Field));
        Assert.Null(result.Query);
    }

    [Fact]
    public async Task A_parameter_without_a_value_is_reported()
    {
        var error = await SingleErrorAsync(Filter("[Năm] = [@nam]"), """[ { "name": "nam", "type": "integer" } ]""");

        Assert.Equal((null, "parameters[0]", "The parameter 'nam' has no value."), (error.Step, error.Field, error.Message));
    }

    [Fact]
    public async Task An_argument_of_the_wrong_type_is_reported()
    {
        var error = await SingleErrorAsync(Filter("[Năm] = [@nam]"), """[ { "name": "nam", "type": "integer" } ]""", """{ "nam": "2023; DROP TABLE ds_1" }""");

        Assert.Equal((null, "arguments.nam"), (error.Step, error.Field));
    }

    [Fact]
    public async Task An_unknown_dataset_is_not_found()
    {
        var result = await TestCatalog.CompileAsync("""{ "source": { "dataset": "khong-co" }, "steps": [] }""", new DuckDbDialect());

        Assert.Equal(ErrorKind.NotFound, Assert.Single(result.Errors).Kind);
    }

    [Fact]
    public async Task Another_agencys_dataset_is_forbidden()
    {
        var result = await TestCatalog.CompileAsync("""{ "source": { "dataset": "dan-so" }, "steps": [] }""", new DuckDbDialect(), TestCatalog.Stranger);

        Assert.Equal(ErrorKind.Forbidden, Assert.Single(result.Errors).Kind);
        Assert.Null(result.Query);
    }

    [Fact]
    public async Task A_scenario_source_is_not_supported_yet()
    {
        var result = await TestCatalog.CompileAsync("""{ "source": { "scenario": "bao-cao" }, "steps": [] }""", new DuckDbDialect());

        Assert.Equal((null, "scenario"), (Assert.Single(result.Errors).Step, result.Errors[0].Field));
    }

    [Fact]
    public async Task Each_step_reports_its_output_columns()
    {
        var result = await TestCatalog.CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "compute", "column": "Mật độ", "expression": "[Dân số] / [Diện tích]" },
              { "type": "aggregate", "groupBy": [ "Năm" ], "measures": [ { "function": "sum", "column": "Dân số", "as": "Tổng" }, { "function": "avg", "column": "Dân số", "as": "TB" } ] } ] }
            """, new DuckDbDialect());

        Assert.True(result.IsValid);
        Assert.Equal(new StepColumn("Mật độ", Workbench.Core.Catalog.ColumnType.Number), result.StepSchemas[0][^1]);
        Assert.Equal(
            [new StepColumn("Năm", Workbench.Core.Catalog.ColumnType.Integer), new StepColumn("Tổng", Workbench.Core.Catalog.ColumnType.Integer), new StepColumn("TB", Workbench.Core.Catalog.ColumnType.Number)],
            result.StepSchemas[1]);
    }

    [Fact]
    public async Task Hostile_logical_names_never_reach_the_sql()
    {
        var hostile = "x\"; DROP TABLE ds_1; -- ]'";

        var result = await TestCatalog.CompileAsync($$"""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "compute", "column": {{System.Text.Json.JsonSerializer.Serialize(hostile)}}, "expression": "'; DROP TABLE ds_1; --'" },
              { "type": "aggregate", "groupBy": [ {{System.Text.Json.JsonSerializer.Serialize(hostile)}} ], "measures": [ { "function": "count", "as": "{{new string('đ', 150)}}" } ] } ] }
            """, new DuckDbDialect());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.DoesNotContain("DROP", result.Query!.Sql);
        Assert.Equal(hostile, result.Query.Columns[0].Name);
    }

    [Fact]
    public async Task A_later_step_after_an_invalid_one_is_not_checked_against_a_guessed_schema()
    {
        var result = await TestCatalog.CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "select", "columns": [ "Khong co" ] },
              { "type": "filter", "expression": "[Khác] = 1" } ] }
            """, new DuckDbDialect());

        Assert.Equal(0, Assert.Single(result.Errors).Step);
    }
}
