using System.Text.Json.Nodes;

namespace Workbench.Tests.Engine.Reference;

public class RandomPipelinesTests
{
    private static readonly Lazy<IReadOnlyList<DifferentialCase>> Cases = new(() => RandomPipelines.Generate(RandomPipelines.DefaultSeed, 500));

    [Fact]
    public void The_same_seed_gives_the_same_cases()
    {
        var first = RandomPipelines.Generate(7, 60);
        var second = RandomPipelines.Generate(7, 60);

        Assert.Equal(first.Select(c => c.ToJson()), second.Select(c => c.ToJson()));
    }

    [Fact]
    public void Another_seed_gives_other_cases()
    {
        var first = RandomPipelines.Generate(7, 10).Select(c => c.PipelineJson);
        var second = RandomPipelines.Generate(8, 10).Select(c => c.PipelineJson);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Five_hundred_generated_pipelines_run_on_the_reference()
    {
        var rows = 0;

        foreach (var c in Cases.Value)
        {
            rows += new ReferenceEvaluator(c.Datasets).Evaluate(c.Pipeline, c.Arguments).Rows.Count;
        }

        Assert.Equal(500, Cases.Value.Count);
        Assert.True(rows > 0);
    }

    [Fact]
    public void Generated_pipelines_use_every_step_type_window_function_and_join_kind()
    {
        var steps = Cases.Value.SelectMany(c => c.Pipeline["steps"]!.AsArray()).Select(s => s!.AsObject()).ToList();

        var types = steps.Select(s => (string)s["type"]!).ToHashSet();
        var windows = steps.Where(s => (string)s["type"]! == "window").Select(s => (string)s["function"]!).ToHashSet();
        var kinds = steps.Where(s => (string)s["type"]! == "join").Select(s => (string)s["kind"]!).ToHashSet();
        var measures = steps.Where(s => (string)s["type"]! == "aggregate")
            .SelectMany(s => s["measures"]!.AsArray()).Select(m => (string)m!["function"]!).ToHashSet();

        Assert.Superset(new HashSet<string> { "filter", "compute", "select", "join", "union", "aggregate", "pivot", "window", "sort", "limit", "distinct" }, types);
        Assert.Superset(new HashSet<string> { "rowNumber", "rank", "denseRank", "runningSum", "lag", "lead", "percentOfTotal" }, windows);
        Assert.Superset(new HashSet<string> { "inner", "left", "right", "full" }, kinds);
        Assert.Superset(new HashSet<string> { "count", "countDistinct", "sum", "avg", "min", "max" }, measures);
        Assert.Contains(steps, s => (string)s["type"]! == "pivot" && s["values"] is null);
        Assert.Contains(steps, s => (string)s["type"]! == "pivot" && s["values"] is JsonArray);
        Assert.Contains(steps, s => s["prefix"] is not null);
    }

    [Fact]
    public void Generated_steps_use_only_the_fields_of_the_contract()
    {
        var fields = new Dictionary<string, string[]>
        {
            ["filter"] = ["type", "expression"],
            ["compute"] = ["type", "column", "expression"],
            ["select"] = ["type", "columns"],
            ["join"] = ["type", "dataset", "kind", "on", "columns", "prefix"],
            ["union"] = ["type", "dataset", "all"],
            ["aggregate"] = ["type", "groupBy", "measures"],
            ["pivot"] = ["type", "rows", "column", "value", "function", "values"],
            ["window"] = ["type", "column", "function", "of", "partitionBy", "orderBy", "offset"],
            ["sort"] = ["type", "by"],
            ["limit"] = ["type", "count", "offset"],
            ["distinct"] = ["type"],
        };

        var steps = Cases.Value.SelectMany(c => c.Pipeline["steps"]!.AsArray()).Select(s => s!.AsObject()).ToList();

        Assert.All(steps, step => Assert.Subset(fields[(string)step["type"]!].ToHashSet(), step.Select(p => p.Key).ToHashSet()));
        Assert.All(Cases.Value, c => Assert.Subset(new HashSet<string> { "source", "parameters", "steps" }, c.Pipeline.Select(p => p.Key).ToHashSet()));
        Assert.All(steps.Where(s => (string)s["type"]! == "aggregate"), s => Assert.NotEmpty(s["measures"]!.AsArray()));
    }

    [Fact]
    public void Generated_expressions_use_every_function_and_operator()
    {
        var expressions = string.Join("\n", Cases.Value
            .SelectMany(c => c.Pipeline["steps"]!.AsArray())
            .Select(s => (string?)s!["expression"])
            .Where(e => e is not null));
        string[] expected =
        [
            "if(", "IsNull(", "Coalesce(", "Abs(", "Round(", "Floor(", "Ceiling(", "Power(", "Sqrt(", "Min(", "Max(",
            "Len(", "Upper(", "Lower(", "Trim(", "Left(", "Right(", "Substring(", "Replace(", "Contains(", "StartsWith(",
            "EndsWith(", "Concat(", "Date(", "Year(", "Month(", "Day(", "Quarter(", "DateDiff(", "AddDays(", "AddMonths(",
            "ToNumber(", "ToInteger(", "ToText(", "ToDate(", "[@",
            " + ", " - ", " * ", " / ", " % ", " = ", " == ", " != ", " <> ", " < ", " <= ", " > ", " >= ",
            " and ", " or ", "not ", " && ", " || ", "!(", " in (", " like ", "-(",
        ];

        Assert.All(expected, token => Assert.Contains(token, expressions));
    }

    [Fact]
    public void Generated_datasets_hold_nulls_duplicates_and_Vietnamese_text()
    {
        var tables = Cases.Value.SelectMany(c => c.Datasets.Values).Distinct().ToList();
        var values = tables.SelectMany(t => t.Rows).SelectMany(r => r).ToList();

        Assert.InRange(values.Count(v => v is null) / (double)values.Count, 0.10, 0.25);
        Assert.Contains(tables, t => t.Rows.Distinct(RowKeyComparer.Instance).Count() < t.Rows.Count);
        Assert.Contains(values, v => v is string s && s.Contains('Đ'));
        Assert.Contains(values, v => v is string s && s.StartsWith('0'));
        Assert.Contains(values, v => v is DateOnly);
        Assert.Contains(values, v => v is DateTime);
        Assert.Contains(values, v => v is bool);
        Assert.All(tables, t => Assert.InRange(t.Columns.Count, 5, 8));
        Assert.All(tables, t => Assert.InRange(t.Rows.Count, 0, 60));
    }

    [Fact]
    public void Some_cases_have_a_determined_order_and_some_do_not()
    {
        var ordered = Cases.Value.Count(ResultComparer.IsOrderDetermined);

        Assert.InRange(ordered, 50, 450);
    }
}
