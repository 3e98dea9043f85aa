using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Pipelines.Model;

/// <summary>
/// Reads and writes pipelines exactly as PIPELINE.md writes them. Reading never throws for bad input:
/// unknown step types, unknown fields and wrong field types come back as <see cref="PipelineError"/>s naming the step and field.
/// </summary>
public static class PipelineJson
{
    /// <summary>The pipeline, or the errors that stop it from being read.</summary>
    public sealed record ParseResult(Pipeline? Pipeline, IReadOnlyList<PipelineError> Errors, IReadOnlyDictionary<string, JsonElement> Arguments)
    {
        public bool IsValid => Pipeline is not null && Errors.Count == 0;
    }

    public static ParseResult Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            return Parse(document.RootElement.Clone());
        }
        catch (JsonException exception)
        {
            return new ParseResult(null, [new PipelineError(null, "", Text.Pick("JSON không hợp lệ: {0}", "Invalid JSON: {0}", exception.Message))], Empty);
        }
    }

    /// <summary>Reads a pipeline, optionally with <c>arguments</c> (the body of <c>POST /query</c>).</summary>
    public static ParseResult Parse(JsonElement root)
    {
        var reader = new Reader();
        var pipeline = reader.ReadPipeline(root);
        return new ParseResult(reader.Errors.Count == 0 ? pipeline : null, reader.Errors, reader.Arguments);
    }

    public static string Write(Pipeline pipeline, IReadOnlyDictionary<string, JsonElement>? arguments = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, pipeline, arguments);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, Pipeline pipeline, IReadOnlyDictionary<string, JsonElement>? arguments = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("source");
        WriteSourceKey(writer, pipeline.Source.Dataset, pipeline.Source.Scenario);
        writer.WriteEndObject();
        if (pipeline.Parameters.Count > 0)
        {
            writer.WriteStartArray("parameters");
            foreach (var parameter in pipeline.Parameters)
            {
                writer.WriteStartObject();
                writer.WriteString("name", parameter.Name);
                writer.WriteString("type", parameter.Type.ToContractName());
                if (parameter.Default is { } value)
                {
                    writer.WritePropertyName("default");
                    value.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteStartArray("steps");
        foreach (var step in pipeline.Steps)
        {
            WriteStep(writer, step);
        }
        writer.WriteEndArray();
        if (arguments is { Count: > 0 })
        {
            writer.WriteStartObject("arguments");
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> Empty = new Dictionary<string, JsonElement>();

    private static void WriteSourceKey(Utf8JsonWriter writer, string? dataset, string? scenario)
    {
        if (dataset is not null)
        {
            writer.WriteString("dataset", dataset);
        }
        if (scenario is not null)
        {
            writer.WriteString("scenario", scenario);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteSortKeys(Utf8JsonWriter writer, string name, IReadOnlyList<SortKey> keys)
    {
        writer.WriteStartArray(name);
        foreach (var key in keys)
        {
            writer.WriteStartObject();
            writer.WriteString("column", key.Column);
            if (key.Descending)
            {
                writer.WriteBoolean("descending", true);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteStep(Utf8JsonWriter writer, Step step)
    {
        writer.WriteStartObject();
        writer.WriteString("type", step.TypeName);
        switch (step)
        {
            case FilterStep filter:
                writer.WriteString("expression", filter.Expression);
                break;
            case ComputeStep compute:
                writer.WriteString("column", compute.Column);
                writer.WriteString("expression", compute.Expression);
                break;
            case SelectStep select:
                writer.WriteStartArray("columns");
                foreach (var column in select.Columns)
                {
                    if (column.As is null)
                    {
                        writer.WriteStringValue(column.Name);
                    }
                    else
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", column.Name);
                        writer.WriteString("as", column.As);
                        writer.WriteEndObject();
                    }
                }
                writer.WriteEndArray();
                break;
            case JoinStep join:
                WriteSourceKey(writer, join.Dataset, join.Scenario);
                writer.WriteString("kind", ContractNames.Of(join.Kind));
                writer.WriteStartArray("on");
                foreach (var key in join.On)
                {
                    writer.WriteStartObject();
                    writer.WriteString("left", key.Left);
                    writer.WriteString("right", key.Right);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                if (join.Columns is not null)
                {
                    WriteStrings(writer, "columns", join.Columns);
                }
                if (join.Prefix is not null)
                {
                    writer.WriteString("prefix", join.Prefix);
                }
                break;
            case UnionStep union:
                WriteSourceKey(writer, union.Dataset, union.Scenario);
                if (union.All is { } all)
                {
                    writer.WriteBoolean("all", all);
                }
                break;
            case AggregateStep aggregate:
                WriteStrings(writer, "groupBy", aggregate.GroupBy);
                writer.WriteStartArray("measures");
                foreach (var measure in aggregate.Measures)
                {
                    writer.WriteStartObject();
                    writer.WriteString("function", ContractNames.Of(measure.Function));
                    if (measure.Column is not null)
                    {
                        writer.WriteString("column", measure.Column);
                    }
                    writer.WriteString("as", measure.As);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                break;
            case PivotStep pivot:
                WriteStrings(writer, "rows", pivot.Rows);
                writer.WriteString("column", pivot.Column);
                writer.WriteString("value", pivot.Value);
                writer.WriteString("function", ContractNames.Of(pivot.Function));
                if (pivot.Values is not null)
                {
                    WriteStrings(writer, "values", pivot.Values);
                }
                break;
            case WindowStep window:
                writer.WriteString("column", window.Column);
                writer.WriteString("function", ContractNames.Of(window.Function));
                if (window.Of is not null)
                {
                    writer.WriteString("of", window.Of);
                }
                WriteStrings(writer, "partitionBy", window.PartitionBy);
                WriteSortKeys(writer, "orderBy", window.OrderBy);
                if (window.Offset is { } offset)
                {
                    writer.WriteNumber("offset", offset);
                }
                break;
            case SortStep sort:
                WriteSortKeys(writer, "by", sort.By);
                break;
            case LimitStep limit:
                writer.WriteNumber("count", limit.Count);
                if (limit.Offset is { } skip)
                {
                    writer.WriteNumber("offset", skip);
                }
                break;
            case DistinctStep:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, null);
        }
        writer.WriteEndObject();
    }

    /// <summary>Converts a JSON value to the CLR value of a column type (<see cref="ColumnTypes.ClrType"/>); null JSON is a null value.</summary>
    public static bool TryConvertValue(JsonElement value, ColumnType type, out object? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        switch (type)
        {
            case ColumnType.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer):
                result = integer;
                return true;
            case ColumnType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number):
                result = number;
                return true;
            case ColumnType.Text when value.ValueKind == JsonValueKind.String:
                result = value.GetString();
                return true;
            case ColumnType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                result = value.GetBoolean();
                return true;
            case ColumnType.Date when value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                result = date;
                return true;
            case ColumnType.DateTime when value.ValueKind == JsonValueKind.String
                && DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime):
                result = DateTime.SpecifyKind(dateTime.Kind == DateTimeKind.Utc ? dateTime : dateTime, DateTimeKind.Unspecified);
                return true;
            default:
                return false;
        }
    }

    private sealed class Reader
    {
        public List<PipelineError> Errors { get; } = [];

        public Dictionary<string, JsonElement> Arguments { get; } = new(StringComparer.Ordinal);

        private int? _step;

        public Pipeline? ReadPipeline(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("", Text.Pick("Pipeline phải là một đối tượng JSON.", "A pipeline must be a JSON object."));
                return null;
            }
            Unknown(root, "", "source", "parameters", "steps", "arguments");
            SourceReference? source = null;
            if (!root.TryGetProperty("source", out var sourceElement))
            {
                Missing("source");
            }
            else if (Expect(sourceElement, JsonValueKind.Object, "source"))
            {
                Unknown(sourceElement, "source.", "dataset", "scenario");
                var (dataset, scenario) = ReadSourceKey(sourceElement, "source.");
                source = new SourceReference(dataset, scenario);
            }
            var parameters = new List<PipelineParameter>();
            if (root.TryGetProperty("parameters", out var parametersElement) && Expect(parametersElement, JsonValueKind.Array, "parameters"))
            {
                var index = 0;
                foreach (var item in parametersElement.EnumerateArray())
                {
                    var field = $"parameters[{index++}]";
                    if (!Expect(item, JsonValueKind.Object, field))
                    {
                        continue;
                    }
                    Unknown(item, field + ".", "name", "type", "default");
                    var name = RequiredString(item, "name", field + ".");
                    var typeName = RequiredString(item, "type", field + ".");
                    if (typeName is null || name is null)
                    {
                        continue;
                    }
                    if (!ColumnTypes.TryParse(typeName, out var type) || typeName != type.ToContractName())
                    {
                        Error(field + ".type", Text.Pick("Kiểu '{0}' không tồn tại; dùng một trong: {1}.", "Unknown type '{0}'; use one of: {1}.",
                            typeName, string.Join(", ", ColumnTypes.All.Select(t => t.ToContractName()))));
                        continue;
                    }
                    JsonElement? defaultValue = null;
                    if (item.TryGetProperty("default", out var defaultElement))
                    {
                        if (!TryConvertValue(defaultElement, type, out _))
                        {
                            Error(field + ".default", Text.Pick("Giá trị mặc định không phải kiểu {0}.", "The default is not of type {0}.", type.ToContractName()));
                        }
                        defaultValue = defaultElement;
                    }
                    parameters.Add(new PipelineParameter(name, type, defaultValue));
                }
            }
            var steps = new List<Step>();
            if (!root.TryGetProperty("steps", out var stepsElement))
            {
                Missing("steps");
            }
            else if (Expect(stepsElement, JsonValueKind.Array, "steps"))
            {
                var index = 0;
                foreach (var item in stepsElement.EnumerateArray())
                {
                    _step = index++;
                    if (ReadStep(item) is { } step)
                    {
                        steps.Add(step);
                    }
                }
                _step = null;
            }
            if (root.TryGetProperty("arguments", out var argumentsElement) && Expect(argumentsElement, JsonValueKind.Object, "arguments"))
            {
                foreach (var property in argumentsElement.EnumerateObject())
                {
                    Arguments[property.Name] = property.Value.Clone();
                }
            }
            return source is null ? null : new Pipeline(source, parameters, steps);
        }

        private Step? ReadStep(JsonElement item)
        {
            if (!Expect(item, JsonValueKind.Object, ""))
            {
                return null;
            }
            var type = RequiredString(item, "type", "");
            switch (type)
            {
                case null:
                    return null;
                case "filter":
                    Unknown(item, "", "type", "expression");
                    return RequiredString(item, "expression") is { } filter ? new FilterStep(filter) : null;
                case "compute":
                {
                    Unknown(item, "", "type", "column", "expression");
                    var column = RequiredString(item, "column");
                    var expression = RequiredString(item, "expression");
                    return column is null || expression is null ? null : new ComputeStep(column, expression);
                }
                case "select":
                {
                    Unknown(item, "", "type", "columns");
                    if (RequiredArray(item, "columns") is not { } array)
                    {
                        return null;
                    }
                    var columns = new List<SelectColumn>();
                    var index = 0;
                    foreach (var column in array.EnumerateArray())
                    {
                        var field = $"columns[{index++}]";
                        if (column.ValueKind == JsonValueKind.String)
                        {
                            columns.Add(new SelectColumn(column.GetString()!));
                        }
                        else if (column.ValueKind == JsonValueKind.Object)
                        {
                            Unknown(column, field + ".", "name", "as");
                            var name = RequiredString(column, "name", field + ".");
                            var alias = OptionalString(column, "as", field + ".");
                            if (name is not null)
                            {
                                columns.Add(new SelectColumn(name, alias));
                            }
                        }
                        else
                        {
                            Error(field, Text.Pick("Phải là tên cột hoặc {{ \"name\", \"as\" }}.", "Must be a column name or {{ \"name\", \"as\" }}."));
                        }
                    }
                    return new SelectStep(columns);
                }
                case "join":
                {
                    Unknown(item, "", "type", "dataset", "scenario", "kind", "on", "columns", "prefix");
                    var (dataset, scenario) = ReadSourceKey(item, "");
                    var kindName = RequiredString(item, "kind");
                    var kind = JoinKind.Inner;
                    if (kindName is not null && !ContractNames.TryParse(kindName, out kind))
                    {
                        OneOf("kind", kindName, ContractNames.All<JoinKind>());
                    }
                    var on = new List<JoinKey>();
                    if (RequiredArray(item, "on") is { } onArray)
                    {
                        var index = 0;
                        foreach (var pair in onArray.EnumerateArray())
                        {
                            var field = $"on[{index++}]";
                            if (!Expect(pair, JsonValueKind.Object, field))
                            {
                                continue;
                            }
                            Unknown(pair, field + ".", "left", "right");
                            var left = RequiredString(pair, "left", field + ".");
                            var right = RequiredString(pair, "right", field + ".");
                            if (left is not null && right is not null)
                            {
                                on.Add(new JoinKey(left, right));
                            }
                        }
                    }
                    var columns = OptionalStrings(item, "columns");
                    var prefix = OptionalString(item, "prefix");
                    return new JoinStep(dataset, scenario, kind, on, columns, prefix);
                }
                case "union":
                {
                    Unknown(item, "", "type", "dataset", "scenario", "all");
                    var (dataset, scenario) = ReadSourceKey(item, "");
                    bool? all = null;
                    if (item.TryGetProperty("all", out var allElement))
                    {
                        if (allElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        {
                            all = allElement.GetBoolean();
                        }
                        else
                        {
                            WrongType("all", "boolean");
                        }
                    }
                    return new UnionStep(dataset, scenario, all);
                }
                case "aggregate":
                {
                    Unknown(item, "", "type", "groupBy", "measures");
                    var groupBy = OptionalStrings(item, "groupBy") ?? [];
                    var measures = new List<Measure>();
                    if (RequiredArray(item, "measures") is { } array)
                    {
                        var index = 0;
                        foreach (var measure in array.EnumerateArray())
                        {
                            var field = $"measures[{index++}]";
                            if (!Expect(measure, JsonValueKind.Object, field))
                            {
                                continue;
                            }
                            Unknown(measure, field + ".", "function", "column", "as");
                            var function = ReadAggregateFunction(measure, field + ".function");
                            var column = OptionalString(measure, "column", field + ".");
                            var alias = RequiredString(measure, "as", field + ".");
                            if (function is { } f && alias is not null)
                            {
                                measures.Add(new Measure(f, column, alias));
                            }
                        }
                    }
                    return new AggregateStep(groupBy, measures);
                }
                case "pivot":
                {
                    Unknown(item, "", "type", "rows", "column", "value", "function", "values");
                    var rows = OptionalStrings(item, "rows") ?? [];
                    var column = RequiredString(item, "column");
                    var value = RequiredString(item, "value");
                    var function = ReadAggregateFunction(item, "function");
                    var values = OptionalValues(item, "values");
                    return column is null || value is null || function is null ? null : new PivotStep(rows, column, value, function.Value, values);
                }
                case "window":
                {
                    Unknown(item, "", "type", "column", "function", "of", "partitionBy", "orderBy", "offset");
                    var column = RequiredString(item, "column");
                    var functionName = RequiredString(item, "function");
                    WindowFunction function = default;
                    var known = functionName is not null && ContractNames.TryParse(functionName, out function);
                    if (functionName is not null && !known)
                    {
                        OneOf("function", functionName, ContractNames.All<WindowFunction>());
                    }
                    var of = OptionalString(item, "of");
                    var partitionBy = OptionalStrings(item, "partitionBy") ?? [];
                    var orderBy = ReadSortKeys(item, "orderBy", required: false);
                    int? offset = null;
                    if (item.TryGetProperty("offset", out var offsetElement))
                    {
                        if (offsetElement.ValueKind == JsonValueKind.Number && offsetElement.TryGetInt32(out var o))
                        {
                            offset = o;
                        }
                        else
                        {
                            WrongType("offset", "integer");
                        }
                    }
                    return column is null || !known ? null : new WindowStep(column, function, of, partitionBy, orderBy, offset);
                }
                case "sort":
                    Unknown(item, "", "type", "by");
                    return new SortStep(ReadSortKeys(item, "by", required: true));
                case "limit":
                {
                    Unknown(item, "", "type", "count", "offset");
                    var count = ReadInteger(item, "count", required: true);
                    var offset = ReadInteger(item, "offset", required: false);
                    return count is null ? null : new LimitStep(count.Value, offset);
                }
                case "distinct":
                    Unknown(item, "", "type");
                    return new DistinctStep();
                default:
                    OneOf("type", type, ["filter", "compute", "select", "join", "union", "aggregate", "pivot", "window", "sort", "limit", "distinct"]);
                    return null;
            }
        }

        private AggregateFunction? ReadAggregateFunction(JsonElement item, string field)
        {
            var name = field.Contains('.') ? RequiredString(item, "function", field[..(field.LastIndexOf('.') + 1)]) : RequiredString(item, "function");
            if (name is null)
            {
                return null;
            }
            if (ContractNames.TryParse<AggregateFunction>(name, out var function))
            {
                return function;
            }
            OneOf(field, name, ContractNames.All<AggregateFunction>());
            return null;
        }

        private List<SortKey> ReadSortKeys(JsonElement item, string name, bool required)
        {
            var keys = new List<SortKey>();
            JsonElement? array = required ? RequiredArray(item, name) : OptionalArray(item, name);
            if (array is not { } elements)
            {
                return keys;
            }
            var index = 0;
            foreach (var key in elements.EnumerateArray())
            {
                var field = $"{name}[{index++}]";
                if (!Expect(key, JsonValueKind.Object, field))
                {
                    continue;
                }
                Unknown(key, field + ".", "column", "descending");
                var column = RequiredString(key, "column", field + ".");
                var descending = false;
                if (key.TryGetProperty("descending", out var d))
                {
                    if (d.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        descending = d.GetBoolean();
                    }
                    else
                    {
                        WrongType(field + ".descending", "boolean");
                    }
                }
                if (column is not null)
                {
                    keys.Add(new SortKey(column, descending));
                }
            }
            return keys;
        }

        private long? ReadInteger(JsonElement item, string name, bool required)
        {
            if (!item.TryGetProperty(name, out var element))
            {
                if (required)
                {
                    Missing(name);
                }
                return null;
            }
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= 0)
            {
                return value;
            }
            Error(name, Text.Pick("Phải là một số nguyên không âm.", "Must be a non-negative integer."));
            return null;
        }

        private (string? Dataset, string? Scenario) ReadSourceKey(JsonElement item, string prefix)
        {
            var dataset = OptionalString(item, "dataset", prefix);
            var scenario = OptionalString(item, "scenario", prefix);
            if ((dataset is null) == (scenario is null))
            {
                Error(prefix + "dataset", Text.Pick("Cần đúng một trong 'dataset' hoặc 'scenario'.", "Exactly one of 'dataset' or 'scenario' is needed."));
            }
            return (dataset, scenario);
        }

        private string? RequiredString(JsonElement item, string name, string prefix = "")
        {
            if (!item.TryGetProperty(name, out _))
            {
                Missing(prefix + name);
                return null;
            }
            return OptionalString(item, name, prefix);
        }

        private string? OptionalString(JsonElement item, string name, string prefix = "")
        {
            if (!item.TryGetProperty(name, out var element))
            {
                return null;
            }
            if (element.ValueKind != JsonValueKind.String)
            {
                WrongType(prefix + name, "string");
                return null;
            }
            return element.GetString();
        }

        private JsonElement? RequiredArray(JsonElement item, string name)
        {
            if (!item.TryGetProperty(name, out _))
            {
                Missing(name);
                return null;
            }
            return OptionalArray(item, name);
        }

        private JsonElement? OptionalArray(JsonElement item, string name)
        {
            if (!item.TryGetProperty(name, out var element))
            {
                return null;
            }
            return Expect(element, JsonValueKind.Array, name) ? element : null;
        }

        private List<string>? OptionalStrings(JsonElement item, string name)
        {
            if (OptionalArray(item, name) is not { } array)
            {
                return null;
            }
            var values = new List<string>();
            var index = 0;
            foreach (var value in array.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    values.Add(value.GetString()!);
                }
                else
                {
                    WrongType($"{name}[{index}]", "string");
                }
                index++;
            }
            return values;
        }

        // Pivot values name columns by the value's text; a JSON number or boolean (the natural way to list the values of an
        // integer or boolean column) stands for its text: 2022 is "2022", true is "true".
        private List<string>? OptionalValues(JsonElement item, string name)
        {
            if (OptionalArray(item, name) is not { } array)
            {
                return null;
            }
            var values = new List<string>();
            var index = 0;
            foreach (var value in array.EnumerateArray())
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.String: values.Add(value.GetString()!); break;
                    case JsonValueKind.Number: values.Add(value.GetRawText()); break;
                    case JsonValueKind.True: values.Add("true"); break;
                    case JsonValueKind.False: values.Add("false"); break;
                    default: WrongType($"{name}[{index}]", "string"); break;
                }
                index++;
            }
            return values;
        }

        private bool Expect(JsonElement element, JsonValueKind kind, string field)
        {
            if (element.ValueKind == kind)
            {
                return true;
            }
            WrongType(field, kind == JsonValueKind.Object ? "object" : kind == JsonValueKind.Array ? "array" : kind.ToString().ToLowerInvariant());
            return false;
        }

        private void Unknown(JsonElement item, string prefix, params string[] known) => UnknownCore(item, prefix, known);

        private void UnknownCore(JsonElement item, string prefix, string[] known)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    Error(prefix + property.Name, Text.Pick("Trường '{0}' không được hỗ trợ; các trường hợp lệ: {1}.", "Unknown field '{0}'; valid fields: {1}.",
                        property.Name, string.Join(", ", known)));
                }
            }
        }

        private void Missing(string field) =>
            Error(field, Text.Pick("Thiếu trường '{0}'.", "The field '{0}' is missing.", field));

        private void WrongType(string field, string expected) =>
            Error(field, Text.Pick("Trường '{0}' phải có kiểu {1}.", "The field '{0}' must be of type {1}.", field, expected));

        private void OneOf(string field, string value, IEnumerable<string> valid) =>
            Error(field, Text.Pick("'{0}' không hợp lệ; dùng một trong: {1}.", "'{0}' is not valid; use one of: {1}.", value, string.Join(", ", valid)));

        private void Error(string field, string message) => Errors.Add(new PipelineError(_step, field, message));
    }
}
