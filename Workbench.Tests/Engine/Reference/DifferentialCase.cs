using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// One differential test case: the datasets, the pipeline (PIPELINE.md JSON) and its arguments. A failing case is
/// printed with <see cref="ToJson"/> as <c>{ "datasets": {...}, "pipeline": {...}, "arguments": {...} }</c> and replayed
/// with <see cref="FromJson"/>.
/// </summary>
public sealed record DifferentialCase(
    IReadOnlyDictionary<string, ReferenceTable> Datasets,
    string PipelineJson,
    string ArgumentsJson)
{
    private static readonly JsonSerializerOptions Printing = new()
    {
        WriteIndented = true,
        // Vietnamese stays readable in a failure message.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactPrinting = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public JsonObject Pipeline => JsonNode.Parse(PipelineJson)!.AsObject();

    public JsonObject Arguments => JsonNode.Parse(ArgumentsJson)!.AsObject();

    /// <summary>
    /// Dataset values as in the API: dates <c>yyyy-MM-dd</c>, datetimes ISO 8601, numbers as JSON numbers.
    /// Written by hand so that each row stays on one line and Vietnamese stays readable.
    /// </summary>
    public string ToJson()
    {
        var builder = new StringBuilder("{\n  \"datasets\": {");
        var firstTable = true;
        foreach (var (key, table) in Datasets)
        {
            builder.Append(firstTable ? "\n" : ",\n");
            firstTable = false;
            var columns = new JsonArray(table.Columns
                .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type.ToContractName() })
                .ToArray());
            builder.Append($"    {Compact(JsonValue.Create(key))}: {{\n      \"columns\": {Compact(columns)},\n      \"rows\": [");
            builder.AppendJoin(",", table.Rows.Select(r => "\n        " + Compact(new JsonArray(r.Select(ReferenceEvaluator.ToJson).ToArray()))));
            builder.Append(table.Rows.Count > 0 ? "\n      ]\n    }" : "]\n    }");
        }
        builder.Append("\n  },\n  \"pipeline\": ");
        builder.Append(Pipeline.ToJsonString(Printing).ReplaceLineEndings("\n  "));
        builder.Append(",\n  \"arguments\": ").Append(Compact(Arguments)).Append("\n}\n");
        return builder.ToString();
    }

    /// <summary>JSON on one line, Vietnamese unescaped.</summary>
    public static string Compact(JsonNode? node) => node?.ToJsonString(CompactPrinting) ?? "null";

    public static DifferentialCase FromJson(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var datasets = new Dictionary<string, ReferenceTable>();
        foreach (var (key, node) in root["datasets"]!.AsObject())
        {
            var columns = node!["columns"]!.AsArray().Select(c =>
            {
                if (!ColumnTypes.TryParse((string?)c!["type"], out var type))
                {
                    throw new JsonException($"Unknown column type in dataset '{key}'.");
                }
                return new ReferenceColumn((string)c["name"]!, type);
            }).ToList();
            var rows = node["rows"]!.AsArray()
                .Select(r => r!.AsArray().Select((v, i) => ReferenceEvaluator.FromJson(v, columns[i].Type)).ToArray())
                .ToList();
            datasets[key] = new ReferenceTable(columns, rows);
        }
        return new DifferentialCase(
            datasets,
            root["pipeline"]!.ToJsonString(),
            root["arguments"]?.ToJsonString() ?? "{}");
    }
}

/// <summary>
/// The seam for the engine: runs a case's pipeline on a warehouse (DuckDB, PostgreSQL, ...) after loading the case's
/// datasets under their keys, and returns the result with its column types.
/// </summary>
public interface IPipelineRunner
{
    Task<ResultTable> RunAsync(DifferentialCase c, CancellationToken ct);
}
