using System.Globalization;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Dialects;
using Workbench.Tests.Core.Query;

namespace Workbench.Tests.Core.Pipelines;

/// <summary>
/// A saved scenario as a source, join or union side: who may read it, which parameter values it gets, cycles and depth,
/// the columns it gives the steps after it, and the datasets the compiled statement reports.
/// </summary>
public sealed class ScenarioSourceTests : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public ScenarioSourceTests() => CultureInfo.CurrentUICulture = new CultureInfo("en-US");

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;

    private static Task<CompilationResult> CompileAsync(string json, TestCatalog? catalog = null, Caller? caller = null, string? scenario = null) =>
        TestCatalog.CompileAsync(json, new DuckDbDialect(), caller: caller, catalog: catalog, scenario: scenario);

    private static string FromScenario(string key, string steps = "[]", string parameters = "[]", string arguments = "{}") =>
        $$"""{ "source": { "scenario": "{{key}}" }, "parameters": {{parameters}}, "steps": {{steps}}, "arguments": {{arguments}} }""";

    private static string ReadingScenario(string key) => FromScenario(key);

    [Fact]
    public async Task A_scenario_source_gives_its_result_columns_to_the_first_step()
    {
        var result = await CompileAsync(FromScenario("dan-so-theo-nam", """[ { "type": "compute", "column": "Gấp đôi", "expression": "[Dân] * 2" } ]"""));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([("Mã huyện", ColumnType.Text), ("Huyện", ColumnType.Text), ("Dân", ColumnType.Integer), ("Gấp đôi", ColumnType.Integer)],
            result.StepSchemas[0].Select(c => (c.Name, c.Type)));
        Assert.Equal(["Mã huyện", "Huyện", "Dân", "Gấp đôi"], result.Query!.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task A_join_with_a_scenario_sees_its_columns_and_the_sources_list_every_dataset_read()
    {
        var result = await CompileAsync("""
            { "source": { "scenario": "dan-so-theo-nam" }, "steps": [
              { "type": "join", "scenario": "vung", "kind": "left", "on": [ { "left": "Mã huyện", "right": "Mã" } ] } ] }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(["Mã huyện", "Huyện", "Dân", "Vùng"], result.StepSchemas[0].Select(c => c.Name));
        Assert.Equal(["dan-so", "huyen"], result.Sources.Select(d => d.Key));
    }

    [Fact]
    public async Task A_column_the_scenario_does_not_output_is_unknown_after_it()
    {
        var result = await CompileAsync(FromScenario("dan-so-theo-nam", """[ { "type": "filter", "expression": "[Diện tích] > 1" } ]"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "expression"), (error.Step, error.Field));
        Assert.StartsWith("There is no column 'Diện tích'", error.Message);
    }

    [Fact]
    public async Task Inner_parameters_take_their_defaults()
    {
        var result = await CompileAsync(ReadingScenario("dan-so-theo-nam"));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([2023L], result.Query!.Parameters.Select(p => p.Value));
    }

    [Fact]
    public async Task An_outer_parameter_of_the_same_name_and_type_overrides_the_inner_default()
    {
        var result = await CompileAsync(FromScenario("dan-so-theo-nam",
            parameters: """[ { "name": "nam", "type": "integer", "default": 2020 } ]""", arguments: """{ "nam": 2022 }"""));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([2022L], result.Query!.Parameters.Select(p => p.Value));
    }

    [Fact]
    public async Task An_outer_parameter_of_another_type_leaves_the_inner_default()
    {
        var result = await CompileAsync(FromScenario("dan-so-theo-nam",
            """[ { "type": "filter", "expression": "[Huyện] != [@nam]" } ]""",
            parameters: """[ { "name": "nam", "type": "text", "default": "x" } ]"""));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([2023L, "x"], result.Query!.Parameters.Select(p => p.Value));
    }

    [Fact]
    public async Task An_outer_parameter_flows_through_a_scenario_that_does_not_declare_it_to_one_that_does()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("boc-ngoai", ReadingScenario("dan-so-theo-nam")));

        var result = await CompileAsync(FromScenario("boc-ngoai",
            parameters: """[ { "name": "nam", "type": "integer", "default": 2022 } ]"""), catalog);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([2022L], result.Query!.Parameters.Select(p => p.Value));
    }

    [Fact]
    public async Task An_inner_parameter_without_default_or_outer_value_is_an_error_naming_scenario_and_parameter()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("can-nam", """
            { "source": { "dataset": "dan-so" },
              "parameters": [ { "name": "năm bắt buộc", "type": "integer" } ],
              "steps": [ { "type": "filter", "expression": "[Năm] = [@năm bắt buộc]" } ] }
            """));

        var result = await CompileAsync("""
            { "source": { "dataset": "huyen" }, "steps": [ { "type": "union", "scenario": "can-nam" } ] }
            """, catalog);

        Assert.Null(result.Query);
        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "scenario", ErrorKind.Invalid), (error.Step, error.Field, error.Kind));
        Assert.StartsWith("Scenario 'can-nam': The parameter 'năm bắt buộc' has no value", error.Message);
    }

    [Fact]
    public async Task An_error_inside_a_scenario_is_reported_where_it_is_used_with_its_step()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("hong", """
            { "source": { "dataset": "dan-so" }, "steps": [ { "type": "distinct" }, { "type": "filter", "expression": "[Không có] = 1" } ] }
            """));

        var result = await CompileAsync("""
            { "source": { "dataset": "dan-so" }, "steps": [ { "type": "distinct" }, { "type": "union", "scenario": "hong" } ] }
            """, catalog);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "scenario"), (error.Step, error.Field));
        Assert.Equal("Scenario 'hong', step 2: There is no column 'Không có'.", error.Message);
        Assert.Null(error.Position);
    }

    [Fact]
    public async Task A_scenario_that_reads_itself_is_a_cycle()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("tu-than", ReadingScenario("tu-than")));

        var result = await CompileAsync(ReadingScenario("tu-than"), catalog);

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, "scenario"), (error.Step, error.Field));
        Assert.Equal("The scenarios form a cycle: tu-than → tu-than.", error.Message);
    }

    [Fact]
    public async Task Two_scenarios_reading_each_other_are_a_cycle_named_from_the_one_being_edited()
    {
        var catalog = new TestCatalog(
            TestCatalog.MakeScenario("a", ReadingScenario("b")),
            TestCatalog.MakeScenario("b", ReadingScenario("a")));

        var result = await CompileAsync("""
            { "source": { "dataset": "huyen" }, "steps": [ { "type": "union", "scenario": "b" } ] }
            """, catalog, scenario: "a");

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "scenario"), (error.Step, error.Field));
        Assert.Equal("The scenarios form a cycle: a → b → a.", error.Message);
    }

    [Fact]
    public async Task Scenarios_may_nest_8_deep_but_not_9()
    {
        var chain = Enumerable.Range(1, 9)
            .Select(i => TestCatalog.MakeScenario($"tang-{i}", i == 9 ? """{ "source": { "dataset": "huyen" }, "steps": [] }""" : ReadingScenario($"tang-{i + 1}")))
            .ToArray();
        var catalog = new TestCatalog(chain);

        var eight = await CompileAsync(ReadingScenario("tang-2"), catalog);
        var nine = await CompileAsync(ReadingScenario("tang-1"), catalog);

        Assert.True(eight.IsValid, string.Join("; ", eight.Errors));
        Assert.Equal(["Mã", "Vùng", "Huyện"], eight.Query!.Columns.Select(c => c.Name));
        var error = Assert.Single(nine.Errors);
        Assert.Equal("Scenarios nest more than 8 deep: tang-1 → tang-2 → tang-3 → tang-4 → tang-5 → tang-6 → tang-7 → tang-8 → tang-9.", error.Message);
    }

    [Fact]
    public async Task A_scenario_the_caller_may_not_view_is_refused_like_a_dataset()
    {
        var result = await CompileAsync(ReadingScenario("dan-so-theo-nam"), caller: TestCatalog.Stranger);

        Assert.Null(result.Query);
        var error = Assert.Single(result.Errors);
        Assert.Equal((null, "scenario", ErrorKind.Forbidden), (error.Step, error.Field, error.Kind));
        Assert.Equal("You may not view the scenario 'dan-so-theo-nam'; ask its owner to share it.", error.Message);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public async Task An_unknown_scenario_is_not_found()
    {
        var result = await CompileAsync(ReadingScenario("khong-co"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, "scenario", ErrorKind.NotFound), (error.Step, error.Field, error.Kind));
        Assert.Equal("There is no scenario 'khong-co'.", error.Message);
    }

    [Fact]
    public async Task A_missing_dataset_inside_a_scenario_says_which_scenario()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("mat-nguon", """{ "source": { "dataset": "da-xoa" }, "steps": [] }"""));

        var result = await CompileAsync("""
            { "source": { "dataset": "huyen" }, "steps": [ { "type": "join", "scenario": "mat-nguon", "kind": "inner", "on": [ { "left": "Mã", "right": "Mã" } ] } ] }
            """, catalog);

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "scenario", ErrorKind.NotFound), (error.Step, error.Field, error.Kind));
        Assert.Equal("In scenario 'mat-nguon': There is no dataset 'da-xoa'.", error.Message);
    }

    [Fact]
    public async Task The_callers_access_applies_to_datasets_inside_a_scenario()
    {
        var masked = new AccessContext(TestCatalog.Owner, dataset => dataset.Key == "dan-so"
            ? DatasetPolicy.Hiding("[Năm] = 2023", "Dân số")
            : DatasetPolicy.Everything);
        var refused = new AccessContext(TestCatalog.Owner, dataset => dataset.Key == "dan-so" ? DatasetPolicy.Denied : DatasetPolicy.Everything);
        var json = ReadingScenario("dan-so-theo-nam");

        var filtered = await TestCatalog.CompileAsync(json, new DuckDbDialect(), access: masked);
        var denied = await TestCatalog.CompileAsync(json, new DuckDbDialect(), access: refused);

        Assert.True(filtered.IsValid, string.Join("; ", filtered.Errors));
        Assert.Contains("CAST(NULL AS BIGINT) AS \"c4\"", filtered.Query!.Sql);
        Assert.Contains("WHERE (\"c3\" = ", filtered.Query.Sql);
        var error = Assert.Single(denied.Errors);
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Contains("Dân số huyện", error.Message);
    }

    [Fact]
    public async Task A_scenario_used_twice_in_one_pipeline_is_inlined_once()
    {
        var result = await CompileAsync("""
            { "source": { "scenario": "vung" }, "steps": [ { "type": "union", "scenario": "vung", "all": false } ] }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Single(result.Query!.Sql.Split('\n'), line => line.StartsWith("\"sc1_s1\" AS", StringComparison.Ordinal));
        Assert.DoesNotContain("\"sc2_", result.Query.Sql);
    }

    [Fact]
    public async Task A_pivot_inside_a_scenario_asks_for_its_values_under_a_key_of_its_own()
    {
        var catalog = new TestCatalog(TestCatalog.MakeScenario("xoay", """
            { "source": { "dataset": "dan-so" }, "steps": [
              { "type": "pivot", "rows": [ "Năm" ], "column": "Huyện", "value": "Dân số", "function": "sum" } ] }
            """));
        const string json = """{ "source": { "dataset": "dan-so" }, "steps": [ { "type": "join", "scenario": "xoay", "kind": "inner", "on": [ { "left": "Năm", "right": "Năm" } ] } ] }""";

        var first = await TestCatalog.CompileAsync(json, new DuckDbDialect(), catalog: catalog);
        var request = first.PivotValuesNeeded!;
        var second = await TestCatalog.CompileAsync(json, new DuckDbDialect(), catalog: catalog,
            pivotValues: new Dictionary<int, IReadOnlyList<string>> { [request.Step] = ["Lý Sơn"] });

        Assert.True(request.Step < 0);
        Assert.Null(first.Query);
        Assert.True(second.IsValid, string.Join("; ", second.Errors));
        Assert.Equal("Lý Sơn", second.StepSchemas[0][^1].Name);
    }
}
