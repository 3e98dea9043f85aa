using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// Runs a pipeline, given as the JSON text of PIPELINE.md, over in-memory tables: plain C#, no SQL, no engine
/// code, so that the engine can be checked against it. Semantic choices the contract leaves open are in
/// <see cref="ReferenceSemantics"/>.
/// </summary>
public sealed class ReferenceEvaluator(IReadOnlyDictionary<string, ReferenceTable> datasets, DateOnly? today = null)
{
    private readonly DateOnly _today = today ?? DateOnly.FromDateTime(DateTime.Today);

    public ReferenceTable Evaluate(string pipelineJson, string? argumentsJson = null) =>
        Evaluate(Parse(pipelineJson), argumentsJson is null ? null : Parse(argumentsJson));

    public ReferenceTable Evaluate(JsonObject pipeline, JsonObject? arguments = null)
    {
        var table = Source(pipeline);
        var parameters = Parameters(pipeline, arguments);
        foreach (var step in pipeline["steps"]?.AsArray() ?? [])
        {
            table = ApplyStep(table, step!.AsObject(), parameters);
        }
        return table;
    }

    /// <summary>The source table of a pipeline (a dataset; scenarios are not part of the reference).</summary>
    public ReferenceTable Source(JsonObject pipeline)
    {
        var source = pipeline["source"]?.AsObject() ?? throw new ReferenceEvaluationException("Missing source.");
        return Dataset(source);
    }

    /// <summary>Parameter name → (declared type, argument or default).</summary>
    public static IReadOnlyDictionary<string, (ColumnType Type, object? Value)> Parameters(JsonObject pipeline, JsonObject? arguments)
    {
        var result = new Dictionary<string, (ColumnType, object?)>();
        foreach (var node in pipeline["parameters"]?.AsArray() ?? [])
        {
            var parameter = node!.AsObject();
            var name = (string)parameter["name"]!;
            if (!ColumnTypes.TryParse((string?)parameter["type"], out var type))
            {
                throw new ReferenceEvaluationException($"Parameter '{name}' has an unknown type.");
            }
            var value = arguments is not null && arguments.TryGetPropertyValue(name, out var argument) ? argument : parameter["default"];
            result[name] = (type, FromJson(value, type));
        }
        return result;
    }

    /// <summary>Applies one step to a table (public so that generators can follow the schema step by step).</summary>
    public ReferenceTable ApplyStep(ReferenceTable table, JsonObject step, IReadOnlyDictionary<string, (ColumnType Type, object? Value)> parameters)
    {
        var type = (string?)step["type"];
        return type switch
        {
            "filter" => Filter(table, step, parameters),
            "compute" => Compute(table, step, parameters),
            "select" => Select(table, step),
            "join" => Join(table, step),
            "union" => Union(table, step),
            "aggregate" => Aggregate(table, step),
            "pivot" => Pivot(table, step),
            "window" => Window(table, step),
            "sort" => Sort(table, step),
            "limit" => Limit(table, step),
            "distinct" => new ReferenceTable(table.Columns, Distinct(table.Rows)),
            _ => throw new ReferenceEvaluationException($"Unknown step type '{type}'."),
        };
    }

    private ReferenceTable Filter(ReferenceTable table, JsonObject step, IReadOnlyDictionary<string, (ColumnType, object?)> parameters)
    {
        var expression = ReferenceExpressionParser.Parse((string)step["expression"]!);
        var interpreter = new ReferenceInterpreter(table.Columns, parameters, _today);
        return new ReferenceTable(table.Columns, table.Rows.Where(row => interpreter.IsTrue(expression, row)).ToList());
    }

    private ReferenceTable Compute(ReferenceTable table, JsonObject step, IReadOnlyDictionary<string, (ColumnType, object?)> parameters)
    {
        var name = (string)step["column"]!;
        var expression = ReferenceExpressionParser.Parse((string)step["expression"]!);
        var interpreter = new ReferenceInterpreter(table.Columns, parameters, _today);
        // A bare null has no type of its own; text is the reference's choice (the generator never emits it).
        var type = interpreter.InferType(expression) ?? ColumnType.Text;
        var existing = table.Columns.ToList().FindIndex(c => c.Name == name);
        var columns = table.Columns.ToList();
        if (existing >= 0)
        {
            columns[existing] = new ReferenceColumn(name, type);
        }
        else
        {
            columns.Add(new ReferenceColumn(name, type));
        }
        var rows = table.Rows.Select(row =>
        {
            var value = interpreter.EvaluateAs(expression, row, type);
            var output = existing >= 0 ? (object?[])row.Clone() : [.. row, null];
            output[existing >= 0 ? existing : row.Length] = value;
            return output;
        }).ToList();
        return new ReferenceTable(columns, rows);
    }

    private static ReferenceTable Select(ReferenceTable table, JsonObject step)
    {
        var picks = step["columns"]!.AsArray().Select(node => node is JsonObject o
            ? ((string)o["name"]!, (string?)o["as"] ?? (string)o["name"]!)
            : ((string)node!, (string)node!)).ToList();
        var indexes = picks.Select(p => table.IndexOf(p.Item1)).ToArray();
        var columns = picks.Select((p, i) => new ReferenceColumn(p.Item2, table.Columns[indexes[i]].Type)).ToList();
        EnsureUnique(columns);
        return new ReferenceTable(columns, table.Rows.Select(row => indexes.Select(i => row[i]).ToArray()).ToList());
    }

    /// <summary>
    /// Join: null keys never match. Kept right columns default to all but the right keys; with <c>prefix</c>,
    /// only right names that clash with a left name get it.
    /// </summary>
    private ReferenceTable Join(ReferenceTable left, JsonObject step)
    {
        var right = Dataset(step);
        var kind = (string?)step["kind"] ?? "inner";
        var on = step["on"]!.AsArray().Select(p => (left.IndexOf((string)p!["left"]!), right.IndexOf((string)p!["right"]!))).ToArray();
        var rightKeys = on.Select(p => right.Columns[p.Item2].Name).ToHashSet();
        var kept = step["columns"] is JsonArray list
            ? list.Select(n => right.IndexOf((string)n!)).ToArray()
            : right.Columns.Select((c, i) => (c, i)).Where(p => !rightKeys.Contains(p.c.Name)).Select(p => p.i).ToArray();
        var prefix = (string?)step["prefix"];
        var leftNames = left.Columns.Select(c => c.Name).ToHashSet();
        var columns = left.Columns.ToList();
        foreach (var i in kept)
        {
            var name = right.Columns[i].Name;
            if (leftNames.Contains(name))
            {
                name = prefix is null ? throw new ReferenceEvaluationException($"Join column '{name}' clashes and no prefix is given.") : prefix + name;
            }
            columns.Add(new ReferenceColumn(name, right.Columns[i].Type));
        }
        EnsureUnique(columns);

        var rows = new List<object?[]>();
        var rightMatched = new bool[right.Rows.Count];
        foreach (var l in left.Rows)
        {
            var matched = false;
            for (var r = 0; r < right.Rows.Count; r++)
            {
                var rightRow = right.Rows[r];
                if (on.All(p => l[p.Item1] is not null && ReferenceSemantics.ValuesEqual(l[p.Item1], rightRow[p.Item2])))
                {
                    matched = true;
                    rightMatched[r] = true;
                    rows.Add([.. l, .. kept.Select(i => rightRow[i])]);
                }
            }
            if (!matched && kind is "left" or "full")
            {
                rows.Add([.. l, .. kept.Select(_ => (object?)null)]);
            }
        }
        if (kind is "right" or "full")
        {
            for (var r = 0; r < right.Rows.Count; r++)
            {
                if (!rightMatched[r])
                {
                    rows.Add([.. left.Columns.Select(_ => (object?)null), .. kept.Select(i => right.Rows[r][i])]);
                }
            }
        }
        return new ReferenceTable(columns, rows);
    }

    /// <summary>Union by column name: the left columns, then the right's other columns; missing values are null.</summary>
    private ReferenceTable Union(ReferenceTable left, JsonObject step)
    {
        var right = Dataset(step);
        var columns = left.Columns.ToList();
        foreach (var column in right.Columns)
        {
            var i = columns.FindIndex(c => c.Name == column.Name);
            if (i < 0)
            {
                columns.Add(column);
            }
            else if (columns[i].Type != column.Type)
            {
                columns[i] = (columns[i].Type, column.Type) is (ColumnType.Integer, ColumnType.Number) or (ColumnType.Number, ColumnType.Integer)
                    ? columns[i] with { Type = ColumnType.Number }
                    : throw new ReferenceEvaluationException($"Union column '{column.Name}' has types {columns[i].Type} and {column.Type}.");
            }
        }
        object?[] Project(ReferenceTable table, object?[] row) => columns
            .Select(c => table.Columns.ToList().FindIndex(x => x.Name == c.Name) is var i and >= 0 ? Widen(row[i], c.Type) : null)
            .ToArray();
        var rows = left.Rows.Select(r => Project(left, r)).Concat(right.Rows.Select(r => Project(right, r))).ToList();
        var all = (bool?)step["all"] ?? true;
        return new ReferenceTable(columns, all ? rows : Distinct(rows));
    }

    private static object? Widen(object? value, ColumnType type) => value is long l && type == ColumnType.Number ? (double)l : value;

    private static ReferenceTable Aggregate(ReferenceTable table, JsonObject step)
    {
        var groupBy = step["groupBy"]?.AsArray().Select(n => table.IndexOf((string)n!)).ToArray() ?? [];
        var measures = step["measures"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var columns = groupBy.Select(i => table.Columns[i]).ToList();
        foreach (var measure in measures)
        {
            var function = (string)measure["function"]!;
            var of = (string?)measure["column"];
            columns.Add(new ReferenceColumn((string)measure["as"]!, MeasureType(function, of is null ? null : table.Columns[table.IndexOf(of)].Type)));
        }
        EnsureUnique(columns);
        var groups = Group(table.Rows, groupBy);
        if (groupBy.Length == 0 && groups.Count == 0)
        {
            groups.Add(([], []));
        }
        var rows = groups.Select(g => g.Key.Concat(measures.Select(m =>
        {
            var of = (string?)m["column"];
            return Measure((string)m["function"]!, of is null ? null : table.IndexOf(of), g.Rows);
        })).ToArray()).ToList();
        return new ReferenceTable(columns, rows);
    }

    private static ColumnType MeasureType(string function, ColumnType? of) => function switch
    {
        "count" or "countDistinct" => ColumnType.Integer,
        "avg" => ColumnType.Number,
        "sum" or "min" or "max" => of ?? throw new ReferenceEvaluationException($"{function} needs a column."),
        _ => throw new ReferenceEvaluationException($"Unknown aggregate function '{function}'."),
    };

    /// <summary>count: rows (no column) or non-null values; sum/avg/min/max skip nulls and are null over no values.</summary>
    private static object? Measure(string function, int? column, IReadOnlyList<object?[]> rows)
    {
        if (function == "count" && column is null)
        {
            return (long)rows.Count;
        }
        var values = rows.Select(r => r[column ?? throw new ReferenceEvaluationException($"{function} needs a column.")])
            .Where(v => v is not null).Select(v => v!).ToList();
        switch (function)
        {
            case "count":
                return (long)values.Count;
            case "countDistinct":
                return (long)values.Distinct(new ValueComparer()).Count();
        }
        if (values.Count == 0)
        {
            return null;
        }
        return function switch
        {
            "sum" when values[0] is long => values.Aggregate(0L, (s, v) => checked(s + (long)v)),
            "sum" => values.Sum(v => System.Convert.ToDouble(v, CultureInfo.InvariantCulture)),
            "avg" => values.Average(v => System.Convert.ToDouble(v, CultureInfo.InvariantCulture)),
            "min" => values.Aggregate((a, b) => ReferenceSemantics.CompareValues(a, b) <= 0 ? a : b),
            "max" => values.Aggregate((a, b) => ReferenceSemantics.CompareValues(a, b) >= 0 ? a : b),
            _ => throw new ReferenceEvaluationException($"Unknown aggregate function '{function}'."),
        };
    }

    /// <summary>
    /// Pivot: one output row per distinct combination of <c>rows</c> over all input rows; a cell aggregates the
    /// rows whose pivot value's text equals the column name (count of no rows is 0, other functions null).
    /// Without <c>values</c>: the distinct non-null values, sorted as the sort step sorts, at most 100.
    /// </summary>
    private static ReferenceTable Pivot(ReferenceTable table, JsonObject step)
    {
        var rowIndexes = step["rows"]?.AsArray().Select(n => table.IndexOf((string)n!)).ToArray() ?? [];
        var pivotIndex = table.IndexOf((string)step["column"]!);
        var valueName = (string?)step["value"];
        int? valueIndex = valueName is null ? null : table.IndexOf(valueName);
        var function = (string)step["function"]!;
        List<string> names;
        if (step["values"] is JsonArray explicitValues)
        {
            names = explicitValues.Select(v => v!.GetValueKind() == JsonValueKind.String ? (string)v! : v.ToJsonString()).ToList();
        }
        else
        {
            var distinct = table.Rows.Select(r => r[pivotIndex]).Where(v => v is not null).Distinct(new ValueComparer()).ToList();
            distinct.Sort((a, b) => ReferenceSemantics.CompareForSort(a, b, false));
            if (distinct.Count > 100)
            {
                throw new ReferenceEvaluationException("Pivot has more than 100 values.");
            }
            names = distinct.Select(v => ReferenceSemantics.ToText(v!)).ToList();
        }
        var type = MeasureType(function, valueIndex is null ? null : table.Columns[valueIndex.Value].Type);
        var columns = rowIndexes.Select(i => table.Columns[i]).Concat(names.Select(n => new ReferenceColumn(n, type))).ToList();
        EnsureUnique(columns);
        var groups = Group(table.Rows, rowIndexes);
        if (rowIndexes.Length == 0 && groups.Count == 0)
        {
            // Like an aggregate without groupBy: one row even over no input.
            groups.Add(([], []));
        }
        var rows = groups.Select(g => g.Key.Concat(names.Select(name =>
        {
            var cell = g.Rows.Where(r => r[pivotIndex] is { } v && ReferenceSemantics.ToText(v) == name).ToList();
            return Measure(function, valueIndex, cell);
        })).ToArray()).ToList();
        return new ReferenceTable(columns, rows);
    }

    private static ReferenceTable Window(ReferenceTable table, JsonObject step)
    {
        var name = (string)step["column"]!;
        var function = (string)step["function"]!;
        var ofName = (string?)step["of"];
        int? of = ofName is null ? null : table.IndexOf(ofName);
        var partitionBy = step["partitionBy"]?.AsArray().Select(n => table.IndexOf((string)n!)).ToArray() ?? [];
        var orderBy = OrderKeys(table, step["orderBy"]?.AsArray());
        var offset = (int?)step["offset"] ?? 1;
        var type = function switch
        {
            "rowNumber" or "rank" or "denseRank" => ColumnType.Integer,
            "percentOfTotal" => ColumnType.Number,
            "runningSum" or "lag" or "lead" => table.Columns[of ?? throw new ReferenceEvaluationException($"{function} needs 'of'.")].Type,
            _ => throw new ReferenceEvaluationException($"Unknown window function '{function}'."),
        };
        var results = new object?[table.Rows.Count];
        var indexed = table.Rows.Select((row, i) => (row, i)).ToList();
        foreach (var partition in indexed.GroupBy(p => partitionBy.Select(i => p.row[i]).ToArray(), RowKeyComparer.Instance))
        {
            var ordered = partition.ToList();
            ordered.Sort((a, b) => CompareRows(a.row, b.row, orderBy) is var c && c != 0 ? c : a.i.CompareTo(b.i));
            bool Peers(int x, int y) => CompareRows(ordered[x].row, ordered[y].row, orderBy) == 0;
            long rank = 0, dense = 0;
            for (var k = 0; k < ordered.Count; k++)
            {
                if (k == 0 || !Peers(k, k - 1))
                {
                    rank = k + 1;
                    dense++;
                }
                results[ordered[k].i] = function switch
                {
                    "rowNumber" => (long)(k + 1),
                    "rank" => rank,
                    "denseRank" => dense,
                    "lag" => k - offset >= 0 && k - offset < ordered.Count ? ordered[k - offset].row[of!.Value] : null,
                    "lead" => k + offset < ordered.Count && k + offset >= 0 ? ordered[k + offset].row[of!.Value] : null,
                    "runningSum" => RunningSum(ordered, k, of!.Value, Peers),
                    _ => PercentOfTotal(ordered.Select(p => p.row[of!.Value]).ToList(), ordered[k].row[of!.Value]),
                };
            }
        }
        var columns = table.Columns.Where(c => c.Name != name).Append(new ReferenceColumn(name, type)).ToList();
        var keep = table.Columns.Select((c, i) => (c, i)).Where(p => p.c.Name != name).Select(p => p.i).ToArray();
        return new ReferenceTable(columns, table.Rows.Select((row, r) => keep.Select(i => row[i]).Append(results[r]).ToArray()).ToList());
    }

    private static object? RunningSum(List<(object?[] row, int i)> ordered, int k, int of, Func<int, int, bool> peers)
    {
        var end = k;
        if (ReferenceSemantics.RunningSumIncludesPeers)
        {
            while (end + 1 < ordered.Count && peers(end + 1, k))
            {
                end++;
            }
        }
        return Measure("sum", of, ordered.Take(end + 1).Select(p => p.row).ToList());
    }

    /// <summary>value × 100 / the partition's total of non-null values; null when the value is null or the total is 0 or null.</summary>
    private static object? PercentOfTotal(List<object?> partition, object? value)
    {
        var present = partition.Where(v => v is not null).Select(v => System.Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
        if (value is null || present.Count == 0 || present.Sum() == 0)
        {
            return null;
        }
        return System.Convert.ToDouble(value, CultureInfo.InvariantCulture) * 100 / present.Sum();
    }

    /// <summary>Sort: stable, text in Vietnamese order, nulls placed by <see cref="ReferenceSemantics.NullOrdering"/>.</summary>
    private static ReferenceTable Sort(ReferenceTable table, JsonObject step)
    {
        var keys = OrderKeys(table, step["by"]!.AsArray());
        var rows = table.Rows.Select((row, i) => (row, i)).ToList();
        rows.Sort((a, b) => CompareRows(a.row, b.row, keys) is var c && c != 0 ? c : a.i.CompareTo(b.i));
        return new ReferenceTable(table.Columns, rows.Select(p => p.row).ToList());
    }

    private static ReferenceTable Limit(ReferenceTable table, JsonObject step)
    {
        var count = (int)step["count"]!;
        var offset = (int?)step["offset"] ?? 0;
        return new ReferenceTable(table.Columns, table.Rows.Skip(offset).Take(count).ToList());
    }

    private static (int Index, bool Descending)[] OrderKeys(ReferenceTable table, JsonArray? keys) =>
        keys?.Select(n => (table.IndexOf((string)n!["column"]!), (bool?)n["descending"] ?? false)).ToArray() ?? [];

    private static int CompareRows(object?[] a, object?[] b, (int Index, bool Descending)[] keys)
    {
        foreach (var (index, descending) in keys)
        {
            var order = ReferenceSemantics.CompareForSort(a[index], b[index], descending);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    private static List<(object?[] Key, List<object?[]> Rows)> Group(IReadOnlyList<object?[]> rows, int[] by)
    {
        var groups = new Dictionary<object?[], List<object?[]>>(RowKeyComparer.Instance);
        var order = new List<object?[]>();
        foreach (var row in rows)
        {
            var key = by.Select(i => row[i]).ToArray();
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }
            list.Add(row);
        }
        return order.Select(k => (k, groups[k])).ToList();
    }

    private static List<object?[]> Distinct(IEnumerable<object?[]> rows) => rows.Distinct(RowKeyComparer.Instance).ToList();

    private static void EnsureUnique(List<ReferenceColumn> columns)
    {
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ReferenceEvaluationException($"Duplicate output column '{duplicate.Key}'.");
        }
    }

    private ReferenceTable Dataset(JsonObject holder)
    {
        var key = (string?)holder["dataset"] ?? throw new ReferenceEvaluationException("Only datasets are supported as sources (not scenarios).");
        return datasets.TryGetValue(key, out var table) ? table : throw new ReferenceEvaluationException($"Unknown dataset '{key}'.");
    }

    private static JsonObject Parse(string json) =>
        JsonNode.Parse(json)?.AsObject() ?? throw new ReferenceEvaluationException("Empty JSON.");

    /// <summary>A JSON value as the CLR value of a column type (dates as yyyy-MM-dd, datetimes as ISO 8601).</summary>
    public static object? FromJson(JsonNode? node, ColumnType type)
    {
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        var value = node.AsValue();
        return type switch
        {
            // ToJsonString works for parsed and for in-memory values alike (GetValue<double> refuses a boxed int).
            ColumnType.Integer => value.GetValueKind() == JsonValueKind.Number
                ? (long)decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                : long.Parse((string)value!, CultureInfo.InvariantCulture),
            ColumnType.Number => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            ColumnType.Text => (string)value!,
            ColumnType.Boolean => value.GetValue<bool>(),
            ColumnType.Date => DateOnly.ParseExact((string)value!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
    }

    /// <summary>A CLR value as JSON (the inverse of <see cref="FromJson"/>).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime t => JsonValue.Create(t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
        _ => throw new ReferenceEvaluationException($"Unsupported value {value.GetType()}"),
    };

    private sealed class ValueComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => ReferenceSemantics.ValuesEqual(x, y);

        public int GetHashCode(object? obj) => RowKeyComparer.Instance.GetHashCode([obj]);
    }
}
