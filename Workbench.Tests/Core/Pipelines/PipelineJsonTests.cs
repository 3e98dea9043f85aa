using System.Text.Json.Nodes;
using Workbench.Core.Pipelines.Model;

namespace Workbench.Tests.Core.Pipelines;

public sealed class PipelineJsonTests
{
    public const string ContractExample = """
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
        """;

    public const string EveryStep = """
        {
          "source": { "scenario": "bao-cao" },
          "parameters": [ { "name": "ten", "type": "text" }, { "name": "ngay", "type": "date", "default": "2024-02-29" },
                          { "name": "ty-le", "type": "number", "default": 2.5 }, { "name": "co", "type": "boolean", "default": null } ],
          "steps": [
            { "type": "filter", "expression": "[a] = 1" },
            { "type": "compute", "column": "b", "expression": "[a] * 2" },
            { "type": "select", "columns": [ "a", { "name": "b", "as": "B" } ] },
            { "type": "join", "scenario": "khac", "kind": "full", "on": [ { "left": "a", "right": "x" }, { "left": "B", "right": "y" } ], "prefix": "r_" },
            { "type": "union", "dataset": "d2", "all": false },
            { "type": "union", "dataset": "d3" },
            { "type": "aggregate", "groupBy": [], "measures": [ { "function": "countDistinct", "column": "a", "as": "n" } ] },
            { "type": "pivot", "rows": [ "a" ], "column": "b", "value": "c", "function": "avg", "values": [ "x", "y" ] },
            { "type": "pivot", "rows": [], "column": "b", "value": "c", "function": "max" },
            { "type": "window", "column": "w", "function": "lag", "of": "a", "partitionBy": [ "b" ], "orderBy": [ { "column": "c" }, { "column": "d", "descending": true } ], "offset": 2 },
            { "type": "window", "column": "r", "function": "percentOfTotal", "of": "a", "partitionBy": [], "orderBy": [] },
            { "type": "sort", "by": [ { "column": "a" } ] },
            { "type": "limit", "count": 5, "offset": 10 },
            { "type": "distinct" }
          ],
          "arguments": { "ten": "Lý Sơn", "ngay": "2023-01-01" }
        }
        """;

    [Theory]
    [InlineData(ContractExample)]
    [InlineData(EveryStep)]
    public void Writing_a_parsed_pipeline_gives_back_the_same_json(string json)
    {
        var parsed = PipelineJson.Parse(json);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var written = PipelineJson.Write(parsed.Pipeline!, parsed.Arguments);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void The_contract_example_reads_into_typed_steps()
    {
        var pipeline = PipelineJson.Parse(ContractExample).Pipeline!;

        Assert.Equal("dan-so", pipeline.Source.Dataset);
        Assert.Equal(Workbench.Core.Catalog.ColumnType.Integer, Assert.Single(pipeline.Parameters).Type);
        Assert.Collection(pipeline.Steps,
            s => Assert.Equal("[Năm] = [@nam] and [Huyện] != 'Lý Sơn'", Assert.IsType<FilterStep>(s).Expression),
            s => Assert.Equal("Mật độ", Assert.IsType<ComputeStep>(s).Column),
            s => Assert.Equal(new JoinKey("Mã huyện", "Mã"), Assert.Single(Assert.IsType<JoinStep>(s).On)),
            s => Assert.Equal(AggregateFunction.Count, Assert.IsType<AggregateStep>(s).Measures[1].Function),
            s => Assert.True(Assert.Single(Assert.IsType<SortStep>(s).By).Descending),
            s => Assert.Equal(10, Assert.IsType<LimitStep>(s).Count));
    }

    [Fact]
    public void Select_columns_read_as_names_or_renames()
    {
        var pipeline = PipelineJson.Parse("""{ "source": { "dataset": "d" }, "steps": [ { "type": "select", "columns": [ "a", { "name": "b", "as": "c" } ] } ] }""").Pipeline!;

        Assert.Equal([new SelectColumn("a"), new SelectColumn("b", "c")], Assert.IsType<SelectStep>(Assert.Single(pipeline.Steps)).Columns);
    }

    [Fact]
    public void Pivot_values_given_as_numbers_or_booleans_read_as_their_text()
    {
        var pipeline = PipelineJson.Parse("""
            { "source": { "dataset": "d" }, "steps": [
              { "type": "pivot", "rows": [], "column": "Năm", "value": "v", "function": "sum", "values": [ 2022, "2023", true, false ] } ] }
            """).Pipeline!;

        Assert.Equal(["2022", "2023", "true", "false"], Assert.IsType<PivotStep>(Assert.Single(pipeline.Steps)).Values);
    }

    [Theory]
    [InlineData("""{ "type": "explode" }""", "type")]
    [InlineData("""{ "type": "filter", "expression": "true", "extra": 1 }""", "extra")]
    [InlineData("""{ "type": "filter", "expression": 42 }""", "expression")]
    [InlineData("""{ "type": "filter" }""", "expression")]
    [InlineData("""{ "type": "limit", "count": "10" }""", "count")]
    [InlineData("""{ "type": "limit", "count": -1 }""", "count")]
    [InlineData("""{ "type": "select", "columns": [ 1 ] }""", "columns[0]")]
    [InlineData("""{ "type": "pivot", "rows": [], "column": "a", "value": "b", "function": "sum", "values": [ null ] }""", "values[0]")]
    [InlineData("""{ "type": "join", "dataset": "x", "kind": "outer", "on": [] }""", "kind")]
    [InlineData("""{ "type": "join", "kind": "left", "on": [] }""", "dataset")]
    [InlineData("""{ "type": "aggregate", "groupBy": [], "measures": [ { "function": "median", "as": "m" } ] }""", "measures[0].function")]
    [InlineData("""{ "type": "window", "column": "w", "function": "ntile" }""", "function")]
    [InlineData("""{ "type": "sort", "by": [ { "column": "a", "descending": "yes" } ] }""", "by[0].descending")]
    [InlineData("""{ "type": "union", "dataset": "d", "all": 1 }""", "all")]
    [InlineData("""[ "filter" ]""", "")]
    public void Bad_steps_are_rejected_with_the_step_index_and_field(string step, string field)
    {
        var json = $$"""{ "source": { "dataset": "d" }, "steps": [ { "type": "distinct" }, {{step}} ] }""";

        var parsed = PipelineJson.Parse(json);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Step == 1 && e.Field == field);
    }

    [Theory]
    [InlineData("""{ "source": { "dataset": "d" } }""", "steps")]
    [InlineData("""{ "steps": [] }""", "source")]
    [InlineData("""{ "source": { "dataset": "d", "scenario": "s" }, "steps": [] }""", "source.dataset")]
    [InlineData("""{ "source": { "dataset": "d" }, "steps": [], "version": 2 }""", "version")]
    [InlineData("""{ "source": { "dataset": "d" }, "steps": [], "parameters": [ { "name": "p", "type": "money" } ] }""", "parameters[0].type")]
    [InlineData("""{ "source": { "dataset": "d" }, "steps": [], "parameters": [ { "name": "p", "type": "integer", "default": "x" } ] }""", "parameters[0].default")]
    [InlineData("""{ "source": { "dataset": "d" }, "steps": {} }""", "steps")]
    [InlineData("""not json""", "")]
    public void Bad_pipelines_are_rejected_with_the_field(string json, string field)
    {
        var parsed = PipelineJson.Parse(json);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Step is null && e.Field == field);
    }

    [Fact]
    public void Messages_are_in_Vietnamese_unless_English_is_chosen()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("vi-VN");
            var vietnamese = PipelineJson.Parse("""{ "source": { "dataset": "d" }, "steps": [ { "type": "explode" } ] }""").Errors[0].Message;
            System.Globalization.CultureInfo.CurrentUICulture = new("en-US");
            var english = PipelineJson.Parse("""{ "source": { "dataset": "d" }, "steps": [ { "type": "explode" } ] }""").Errors[0].Message;

            Assert.Contains("không hợp lệ", vietnamese);
            Assert.Contains("is not valid", english);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
