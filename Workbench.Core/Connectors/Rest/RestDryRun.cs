using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Core.Connectors.Rest;

/// <summary>A column proposed for a new dataset from a source's records, and the field it would be filled from.</summary>
public sealed record ProposedColumn(string Name, ColumnType Type, string SourcePath)
{
    public FieldMapping ToMapping() => new(Name, Type, SourcePath);
}

/// <summary>
/// What the first page of a REST source looks like, for the connector editor's "test" button: the raw records, the
/// rows the current mappings make of them, and a schema proposed for a new dataset.
/// </summary>
/// <param name="RawRecords">The first <see cref="MaxRawRecords"/> records as indented JSON.</param>
/// <param name="RecordCount">Records on the first page.</param>
/// <param name="Batch">The first page mapped by the settings' mappings; null when there are none yet or <paramref name="MappingError"/> is set.</param>
/// <param name="MappingError">Why the mappings could not be applied (a field missing from every record), else null.</param>
/// <param name="ProposedSchema">One column per field of the records (nested objects flattened to <c>a.b</c>, arrays kept as JSON text).</param>
public sealed record RestDryRun(
    IReadOnlyList<string> RawRecords,
    int RecordCount,
    SourceBatch? Batch,
    string? MappingError,
    IReadOnlyList<ProposedColumn> ProposedSchema)
{
    public const int MaxRawRecords = 20;
}

/// <summary>Proposes dataset columns from sample records, typed by <see cref="ColumnTypeInference"/>.</summary>
public static class RestSchemaProposal
{
    private const int MaxDepth = 8;

    /// <summary>
    /// One column per leaf field of the records (objects' fields, flattened to <c>diaChi.tinh</c>), in the order they first
    /// appear; an array is one text column holding its JSON. The column name is the path, which the user can rename.
    /// </summary>
    public static IReadOnlyList<ProposedColumn> Propose(JsonElement records)
    {
        var columns = new Dictionary<string, ColumnTypeInference>(StringComparer.Ordinal);
        var order = new List<string>();
        if (records.ValueKind == JsonValueKind.Array)
        {
            foreach (var record in records.EnumerateArray())
            {
                if (record.ValueKind == JsonValueKind.Object)
                {
                    Walk(record, "", 0, columns, order);
                }
            }
        }
        return [.. order.Select(path => new ProposedColumn(path, columns[path].Result(NumberStyle.Invariant), path))];
    }

    private static void Walk(JsonElement element, string prefix, int depth, Dictionary<string, ColumnTypeInference> columns, List<string> order)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = JsonPath.Child(prefix, property.Name);
            if (property.Value.ValueKind == JsonValueKind.Object && depth < MaxDepth)
            {
                Walk(property.Value, path, depth + 1, columns, order);
                continue;
            }
            if (!columns.TryGetValue(path, out var inference))
            {
                columns[path] = inference = new ColumnTypeInference();
                order.Add(path);
            }
            inference.Observe(JsonValues.ForInference(property.Value));
        }
    }
}
