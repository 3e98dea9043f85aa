using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// Deterministic random VALID pipelines over <see cref="RandomDatasets"/>. The schema is followed step by step by
/// applying each generated step with <see cref="ReferenceEvaluator.ApplyStep"/>, so every expression is type-correct
/// for the columns the step really sees.
/// </summary>
/// <remarks>
/// To keep engine and reference comparable, the generator only makes pipelines whose result is determined:
/// every sort orders by all columns (only identical rows tie), limit only follows such a sort, rowNumber/lag/lead/
/// runningSum order by every non-partition column, numbers are never compared with = or grouped on, text is never
/// compared with &lt; or &gt;, Date(y, m, d) only gets valid literals, and pivot names never differ only in case.
/// </remarks>
public static class RandomPipelines
{
    public const int DefaultSeed = 20261127;

    /// <summary><paramref name="count"/> cases; a fresh dataset set every <paramref name="casesPerDatasetSet"/> cases.</summary>
    public static IReadOnlyList<DifferentialCase> Generate(int seed, int count, int casesPerDatasetSet = 25)
    {
        var random = new Random(seed);
        var cases = new List<DifferentialCase>(count);
        IReadOnlyDictionary<string, ReferenceTable> datasets = new Dictionary<string, ReferenceTable>();
        for (var i = 0; i < count; i++)
        {
            if (i % casesPerDatasetSet == 0)
            {
                datasets = RandomDatasets.Generate(random, i / casesPerDatasetSet);
            }
            cases.Add(new Builder(random, datasets).Build());
        }
        return cases;
    }

    private sealed class Builder(Random random, IReadOnlyDictionary<string, ReferenceTable> datasets)
    {
        private const int MaxRows = 3000;
        private readonly ReferenceEvaluator _evaluator = new(datasets, new DateOnly(2026, 1, 1));
        private readonly List<(string Name, ColumnType Type)> _parameters = [];
        private IReadOnlyDictionary<string, (ColumnType Type, object? Value)> _parameterValues = new Dictionary<string, (ColumnType, object?)>();
        private ReferenceTable _table = null!;

        public DifferentialCase Build()
        {
            var keys = datasets.Keys.ToList();
            var source = Pick(keys);
            var pipeline = new JsonObject { ["source"] = new JsonObject { ["dataset"] = source } };
            var arguments = new JsonObject();
            AddParameters(pipeline, arguments);
            _parameterValues = ReferenceEvaluator.Parameters(pipeline, arguments);
            _table = datasets[source];

            var steps = new JsonArray();
            var count = random.Next(1, 6);
            var ordered = false;
            for (var s = 0; s < count; s++)
            {
                foreach (var step in NextSteps())
                {
                    _table = _evaluator.ApplyStep(_table, step, _parameterValues);
                    steps.Add(step);
                    var type = (string)step["type"]!;
                    ordered = type == "sort" || (ordered && type is "filter" or "compute" or "select" or "limit");
                }
            }
            if (!ordered && random.Next(2) == 0)
            {
                var sort = TotalSort();
                _table = _evaluator.ApplyStep(_table, sort, _parameterValues);
                steps.Add(sort);
            }
            pipeline["steps"] = steps;
            return new DifferentialCase(datasets, DifferentialCase.Compact(pipeline), DifferentialCase.Compact(arguments));
        }

        private void AddParameters(JsonObject pipeline, JsonObject arguments)
        {
            if (random.NextDouble() >= 0.35)
            {
                return;
            }
            var list = new JsonArray();
            var candidates = new (string Name, ColumnType Type)[]
            {
                ("nam", ColumnType.Integer), ("nguong", ColumnType.Number), ("ten_huyen", ColumnType.Text),
                ("co", ColumnType.Boolean), ("moc", ColumnType.Date),
            }.OrderBy(_ => random.Next()).Take(random.Next(1, 3));
            foreach (var (name, type) in candidates)
            {
                _parameters.Add((name, type));
                list.Add(new JsonObject { ["name"] = name, ["type"] = type.ToContractName(), ["default"] = ParameterValue(type) });
                if (random.Next(2) == 0)
                {
                    arguments[name] = ParameterValue(type);
                }
            }
            pipeline["parameters"] = list;
        }

        private JsonNode ParameterValue(ColumnType type) => type switch
        {
            ColumnType.Integer => random.Next(2019, 2026),
            ColumnType.Number => random.Next(-40, 4000) / 8.0,
            ColumnType.Text => Pick(RandomDatasets.Districts),
            ColumnType.Boolean => random.Next(2) == 0,
            _ => new DateOnly(2019, 1, 1).AddDays(random.Next(0, 2557)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        private IEnumerable<JsonObject> NextSteps()
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var roll = random.Next(20);
                IEnumerable<JsonObject>? steps = roll switch
                {
                    < 4 => [Filter()],
                    < 7 => [Compute()],
                    < 8 => [Select()],
                    < 10 => Join() is { } join ? [join] : null,
                    < 11 => Union() is { } union ? [union] : null,
                    < 13 => [Aggregate()],
                    < 14 => Pivot() is { } pivot ? [pivot] : null,
                    < 16 => [Window()],
                    < 18 => SortAndLimit(),
                    _ => [new JsonObject { ["type"] = "distinct" }],
                };
                if (steps is not null)
                {
                    return steps;
                }
            }
            return [Filter()];
        }

        private JsonObject Filter() => new() { ["type"] = "filter", ["expression"] = Expression(ColumnType.Boolean, random.Next(2, 5)) };

        private JsonObject Compute()
        {
            var types = new List<ColumnType> { ColumnType.Integer, ColumnType.Number, ColumnType.Text, ColumnType.Boolean, ColumnType.Date };
            if (ColumnsOf(ColumnType.DateTime).Count > 0)
            {
                types.Add(ColumnType.DateTime);
            }
            var type = Pick(types);
            var name = random.Next(5) == 0 ? Pick(_table.Columns).Name : Fresh(Pick(["Kết quả", "Giá trị", "Chỉ số", "Cờ", "Nhãn"]));
            return new JsonObject { ["type"] = "compute", ["column"] = name, ["expression"] = Expression(type, random.Next(2, 5)) };
        }

        private JsonObject Select()
        {
            var chosen = _table.Columns.OrderBy(_ => random.Next()).Take(random.Next(1, _table.Columns.Count + 1)).ToList();
            var names = new HashSet<string>(chosen.Select(c => c.Name));
            var list = new JsonArray();
            foreach (var column in chosen)
            {
                var renamed = column.Name + " mới";
                if (random.Next(4) == 0 && names.Add(renamed))
                {
                    list.Add(new JsonObject { ["name"] = column.Name, ["as"] = renamed });
                }
                else
                {
                    list.Add(column.Name);
                }
            }
            return new JsonObject { ["type"] = "select", ["columns"] = list };
        }

        private JsonObject? Join()
        {
            var key = Pick(datasets.Keys.ToList());
            var right = datasets[key];
            var pairs = _table.Columns
                .Where(l => l.Type is ColumnType.Text or ColumnType.Integer)
                .SelectMany(l => right.Columns.Where(r => r.Type == l.Type && r.Name == l.Name).Select(r => (l.Name, Right: r.Name)))
                .ToList();
            if (pairs.Count == 0)
            {
                return null;
            }
            var on = new List<(string Left, string Right)>();
            var keyPair = pairs.FirstOrDefault(p => p.Name == RandomDatasets.KeyColumn);
            on.Add(keyPair.Name is not null && random.Next(5) > 0 ? keyPair : Pick(pairs));
            if (random.Next(6) == 0 && pairs.Count > 1)
            {
                var second = Pick(pairs);
                if (!on.Contains(second))
                {
                    on.Add(second);
                }
            }
            var step = new JsonObject
            {
                ["type"] = "join",
                ["dataset"] = key,
                ["kind"] = Pick(["inner", "left", "right", "full"]),
                ["on"] = new JsonArray(on.Select(p => (JsonNode)new JsonObject { ["left"] = p.Left, ["right"] = p.Right }).ToArray()),
            };
            var keys = on.Select(p => p.Right).ToHashSet();
            var candidates = right.Columns.Where(c => !keys.Contains(c.Name)).ToList();
            var kept = candidates;
            if (random.Next(2) == 0 && candidates.Count > 0)
            {
                kept = candidates.OrderBy(_ => random.Next()).Take(random.Next(1, candidates.Count + 1)).ToList();
                step["columns"] = new JsonArray(kept.Select(c => (JsonNode)c.Name).ToArray());
            }
            if (kept.Any(c => _table.Columns.Any(l => l.Name == c.Name)))
            {
                step["prefix"] = Pick(["p_", "Phải "]);
            }
            return Tried(step, MaxRows);
        }

        private JsonObject? Union()
        {
            var key = Pick(datasets.Keys.ToList());
            var right = datasets[key];
            if (right.Columns.Any(r => _table.Columns.Any(l => l.Name == r.Name && l.Type != r.Type)) || _table.Rows.Count + right.Rows.Count > MaxRows)
            {
                return null;
            }
            var step = new JsonObject { ["type"] = "union", ["dataset"] = key };
            if (random.Next(3) > 0)
            {
                step["all"] = random.Next(2) == 0;
            }
            return step;
        }

        private JsonObject Aggregate()
        {
            var groupable = _table.Columns.Where(c => c.Type != ColumnType.Number).ToList();
            var groupBy = groupable.OrderBy(_ => random.Next()).Take(random.Next(0, Math.Min(3, groupable.Count + 1))).ToList();
            var names = groupBy.Select(c => c.Name).ToHashSet();
            var measures = new JsonArray();
            var count = random.Next(1, 4);
            for (var m = 0; m < count; m++)
            {
                var (function, column) = Measure(allowCountDistinct: true);
                var name = function + (column is null ? "" : " " + column);
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{function} {n}";
                }
                var measure = new JsonObject { ["function"] = function };
                if (column is not null)
                {
                    measure["column"] = column;
                }
                measure["as"] = name;
                measures.Add(measure);
            }
            return new JsonObject
            {
                ["type"] = "aggregate",
                ["groupBy"] = new JsonArray(groupBy.Select(c => (JsonNode)c.Name).ToArray()),
                ["measures"] = measures,
            };
        }

        private (string Function, string? Column) Measure(bool allowCountDistinct)
        {
            var numeric = _table.Columns.Where(c => c.Type is ColumnType.Integer or ColumnType.Number).ToList();
            var ordered = _table.Columns.Where(c => c.Type != ColumnType.Boolean).ToList();
            var distinctable = _table.Columns.Where(c => c.Type != ColumnType.Number).ToList();
            while (true)
            {
                switch (random.Next(7))
                {
                    case 0:
                        return ("count", null);
                    case 1:
                        return ("count", Pick(_table.Columns).Name);
                    case 2 when allowCountDistinct && distinctable.Count > 0:
                        return ("countDistinct", Pick(distinctable).Name);
                    case 3 when numeric.Count > 0:
                        return ("sum", Pick(numeric).Name);
                    case 4 when numeric.Count > 0:
                        return ("avg", Pick(numeric).Name);
                    case 5 when ordered.Count > 0:
                        return ("min", Pick(ordered).Name);
                    case 6 when ordered.Count > 0:
                        return ("max", Pick(ordered).Name);
                }
            }
        }

        private JsonObject? Pivot()
        {
            // Datetime values have no contract text form for a column name; numbers are not exact across warehouses.
            var candidates = _table.Columns.Where(c => c.Type is not (ColumnType.Number or ColumnType.DateTime)).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }
            var column = Pick(candidates);
            var index = _table.IndexOf(column.Name);
            var distinct = _table.Rows.Select(r => r[index]).Where(v => v is not null).Select(v => v!)
                .Distinct(new ValueEquality()).ToList();
            if (distinct.Count is 0 or > 12)
            {
                return null;
            }
            var rows = _table.Columns.Where(c => c.Name != column.Name && c.Type != ColumnType.Number)
                .OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToList();
            var (function, value) = Measure(allowCountDistinct: false);
            var step = new JsonObject
            {
                ["type"] = "pivot",
                ["rows"] = new JsonArray(rows.Select(c => (JsonNode)c.Name).ToArray()),
                ["column"] = column.Name,
                ["value"] = value ?? Pick(_table.Columns).Name,
                ["function"] = function,
            };
            var names = distinct.Select(ReferenceSemantics.ToText).ToList();
            if (random.Next(2) == 0)
            {
                var values = distinct.OrderBy(_ => random.Next()).Take(random.Next(1, distinct.Count + 1)).ToList();
                var list = new JsonArray(values.Select(v => v is string or DateOnly or DateTime ? (JsonNode)ReferenceSemantics.ToText(v) : ReferenceEvaluator.ToJson(v)!).ToArray());
                if (random.Next(4) == 0 && column.Type == ColumnType.Text)
                {
                    list.Add("Không có");
                }
                step["values"] = list;
                names = list.Select(v => (string)v!.ToString()).ToList();
            }
            var all = rows.Select(c => c.Name).Concat(names).ToList();
            if (all.Any(n => n.Length == 0) || all.Distinct(StringComparer.OrdinalIgnoreCase).Count() != all.Count
                || all.Select(n => n.ToLower(ReferenceSemantics.Vietnamese)).Distinct().Count() != all.Count)
            {
                return null;
            }
            return step;
        }

        private JsonObject Window()
        {
            var function = Pick(["rowNumber", "rank", "denseRank", "runningSum", "lag", "lead", "percentOfTotal"]);
            var numeric = _table.Columns.Where(c => c.Type is ColumnType.Integer or ColumnType.Number).ToList();
            if (function is "runningSum" or "percentOfTotal" && numeric.Count == 0)
            {
                function = "rowNumber";
            }
            var step = new JsonObject { ["type"] = "window", ["column"] = Fresh(Pick(["Thứ hạng", "STT", "Lũy kế", "Trước", "Sau", "Tỷ trọng"])), ["function"] = function };
            if (function is "runningSum" or "percentOfTotal")
            {
                step["of"] = Pick(numeric).Name;
            }
            else if (function is "lag" or "lead")
            {
                step["of"] = Pick(_table.Columns).Name;
                if (random.Next(2) == 0)
                {
                    step["offset"] = random.Next(1, 3);
                }
            }
            var partitionable = _table.Columns.Where(c => c.Type != ColumnType.Number).ToList();
            var partition = random.Next(2) == 0 && partitionable.Count > 0 ? [Pick(partitionable)] : new List<ReferenceColumn>();
            if (partition.Count > 0)
            {
                step["partitionBy"] = new JsonArray(partition.Select(c => (JsonNode)c.Name).ToArray());
            }
            if (function != "percentOfTotal")
            {
                // Ranks are determined by any order; the others need a total order (all other columns).
                var others = _table.Columns.Where(c => !partition.Contains(c)).OrderBy(_ => random.Next()).ToList();
                var keys = function is "rank" or "denseRank" ? others.Take(random.Next(1, Math.Min(3, others.Count) + 1)) : others;
                step["orderBy"] = OrderBy(keys);
            }
            return step;
        }

        private IEnumerable<JsonObject> SortAndLimit()
        {
            var sort = TotalSort();
            if (random.Next(2) == 0)
            {
                return [sort];
            }
            var limit = new JsonObject { ["type"] = "limit", ["count"] = random.Next(0, 21) };
            if (random.Next(2) == 0)
            {
                limit["offset"] = random.Next(0, 6);
            }
            return [sort, limit];
        }

        private JsonObject TotalSort() => new()
        {
            ["type"] = "sort",
            ["by"] = OrderBy(_table.Columns.OrderBy(_ => random.Next())),
        };

        private JsonArray OrderBy(IEnumerable<ReferenceColumn> columns) => new(columns.Select(c =>
        {
            var key = new JsonObject { ["column"] = c.Name };
            if (random.Next(3) > 0)
            {
                key["descending"] = random.Next(2) == 0;
            }
            return (JsonNode)key;
        }).ToArray());

        private JsonObject? Tried(JsonObject step, int maxRows)
        {
            try
            {
                return _evaluator.ApplyStep(_table, step, _parameterValues).Rows.Count <= maxRows ? step : null;
            }
            catch (ReferenceEvaluationException)
            {
                // A clash that even the prefix does not resolve: try another step.
                return null;
            }
        }

        // ---- expressions ----

        private string Expression(ColumnType type, int depth)
        {
            if (depth <= 0 || random.Next(6) == 0)
            {
                return Leaf(type);
            }
            var d = depth - 1;
            // Composite expressions are parenthesised so that an operand never regroups with its neighbours.
            return "(" + type switch
            {
                ColumnType.Integer => IntegerExpression(d),
                ColumnType.Number => NumberExpression(d),
                ColumnType.Text => TextExpression(d),
                ColumnType.Boolean => BooleanExpression(d),
                ColumnType.Date => DateExpression(d),
                _ => $"AddDays({Leaf(ColumnType.DateTime)}, {random.Next(-400, 400)})",
            } + ")";
        }

        private string IntegerExpression(int d) => random.Next(14) switch
        {
            0 => $"{Expression(ColumnType.Integer, d)} + {Expression(ColumnType.Integer, d)}",
            1 => $"{Expression(ColumnType.Integer, d)} - {Expression(ColumnType.Integer, d)}",
            2 => $"{Expression(ColumnType.Integer, d)} * {random.Next(0, 10)}",
            3 => $"{Expression(ColumnType.Integer, d)} % {Pick(["0", "3", "7", Leaf(ColumnType.Integer)])}",
            4 => $"-({Expression(ColumnType.Integer, d)})",
            5 => $"Len({Expression(ColumnType.Text, d)})",
            6 => $"{Pick(["Year", "Month", "Day", "Quarter"])}({DateLike(d)})",
            7 => $"DateDiff('{Pick(["day", "month", "year"])}', {DateLike(d)}, {DateLike(d)})",
            8 => $"Abs({Expression(ColumnType.Integer, d)})",
            9 => $"if({Expression(ColumnType.Boolean, d)}, {Expression(ColumnType.Integer, d)}, {Expression(ColumnType.Integer, d)})",
            10 => $"Coalesce({Expression(ColumnType.Integer, d)}, {Literal(ColumnType.Integer)})",
            11 => $"{Pick(["Min", "Max"])}({Expression(ColumnType.Integer, d)}, {Expression(ColumnType.Integer, d)})",
            12 => $"ToInteger({Expression(ColumnType.Text, d)})",
            _ => $"ToInteger({Expression(ColumnType.Number, d)})",
        };

        private string NumberExpression(int d)
        {
            string Numeric() => random.Next(2) == 0 ? Expression(ColumnType.Integer, d) : Expression(ColumnType.Number, d);
            return random.Next(13) switch
            {
                0 => $"{Numeric()} / {Pick([Numeric(), "0", "4"])}",
                1 => $"{Expression(ColumnType.Number, d)} + {Numeric()}",
                2 => $"{Numeric()} - {Expression(ColumnType.Number, d)}",
                3 => $"{Expression(ColumnType.Number, d)} * {Pick(["2", "0.5", Leaf(ColumnType.Integer)])}",
                4 => $"Round({Expression(ColumnType.Number, d)}, {random.Next(0, 3)})",
                5 => $"{Pick(["Floor", "Ceiling", "Abs"])}({Expression(ColumnType.Number, d)})",
                6 => $"Sqrt(Abs({Numeric()}))",
                // A leaf base keeps powers far below the range where ToInteger would overflow on a warehouse.
                7 => $"Power({Leaf(ColumnType.Number)}, {random.Next(0, 3)})",
                8 => $"ToNumber({Expression(ColumnType.Integer, d)})",
                9 => $"if({Expression(ColumnType.Boolean, d)}, {Expression(ColumnType.Number, d)}, {Expression(ColumnType.Number, d)})",
                10 => $"Coalesce({Expression(ColumnType.Number, d)}, {Literal(ColumnType.Number)})",
                11 => $"{Pick(["Min", "Max"])}({Expression(ColumnType.Number, d)}, {Expression(ColumnType.Number, d)})",
                _ => $"-({Expression(ColumnType.Number, d)})",
            };
        }

        private string TextExpression(int d) => random.Next(12) switch
        {
            0 => $"{Expression(ColumnType.Text, d)} + {Expression(ColumnType.Text, d)}",
            1 => $"Concat({Expression(ColumnType.Text, d)}, {Pick([Expression(ColumnType.Text, d), Expression(ColumnType.Integer, d)])})",
            2 => $"{Pick(["Upper", "Lower", "Trim"])}({Expression(ColumnType.Text, d)})",
            3 => $"{Pick(["Left", "Right"])}({Expression(ColumnType.Text, d)}, {random.Next(-2, 7)})",
            4 => $"Substring({Expression(ColumnType.Text, d)}, {random.Next(-1, 6)}, {random.Next(-2, 7)})",
            5 => $"Replace({Expression(ColumnType.Text, d)}, {Quote(Pick(["a", "Sơn", "đ", " "]))}, {Quote(Pick(["ă", "", "Đ", "-"]))})",
            6 => $"ToText({Expression(ColumnType.Integer, d)})",
            7 => $"ToText({Expression(ColumnType.Date, d)})",
            8 => $"if({Expression(ColumnType.Boolean, d)}, {Expression(ColumnType.Text, d)}, {Expression(ColumnType.Text, d)})",
            9 => $"Coalesce({Expression(ColumnType.Text, d)}, {Literal(ColumnType.Text)})",
            10 => $"ToText({Expression(ColumnType.Boolean, d)})",
            _ => Leaf(ColumnType.Text),
        };

        private string BooleanExpression(int d)
        {
            switch (random.Next(12))
            {
                case 0:
                case 1:
                    var kind = Pick([ColumnType.Integer, ColumnType.Number, ColumnType.Text, ColumnType.Date, ColumnType.Boolean]);
                    var op = kind switch
                    {
                        ColumnType.Number => Pick(["<", "<=", ">", ">="]),
                        ColumnType.Text or ColumnType.Boolean => Pick(["=", "==", "!=", "<>"]),
                        _ => Pick(["=", "==", "!=", "<>", "<", "<=", ">", ">="]),
                    };
                    var right = random.Next(2) == 0 ? Literal(kind) : Expression(kind, d);
                    return $"{Expression(kind, d)} {op} {right}";
                case 2:
                    return $"{Expression(ColumnType.Boolean, d)} {Pick(["and", "or", "&&", "||"])} {Expression(ColumnType.Boolean, d)}";
                case 3:
                    return $"{Pick(["not ", "!"])}({Expression(ColumnType.Boolean, d)})";
                case 4:
                    var inType = Pick([ColumnType.Integer, ColumnType.Text]);
                    var items = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Literal(inType));
                    return $"{Expression(inType, d)} in ({string.Join(", ", items)})";
                case 5:
                    return $"{Expression(ColumnType.Text, d)} like {Quote(LikePattern())}";
                case 6:
                    return $"{Pick(["Contains", "StartsWith", "EndsWith"])}({Expression(ColumnType.Text, d)}, {Quote(Fragment())})";
                case 7:
                    return $"IsNull({Expression(Pick([ColumnType.Integer, ColumnType.Number, ColumnType.Text, ColumnType.Boolean, ColumnType.Date]), d)})";
                case 8:
                    return $"{Expression(ColumnType.Date, d)} {Pick(["<", ">=", "="])} {Pick(["Date(2022, 6, 30)", "ToDate('2021-01-01')", Leaf(ColumnType.Date)])}";
                case 9:
                    return $"if({Expression(ColumnType.Boolean, d)}, {Expression(ColumnType.Boolean, d)}, {Expression(ColumnType.Boolean, d)})";
                default:
                    return Leaf(ColumnType.Boolean);
            }
        }

        private string DateExpression(int d) => random.Next(6) switch
        {
            0 => $"AddDays({Expression(ColumnType.Date, d)}, {random.Next(-400, 400)})",
            1 => $"AddMonths({Expression(ColumnType.Date, d)}, {random.Next(-24, 25)})",
            2 => $"ToDate({Pick([Quote(Pick(["2020-02-29", "2023-12-31", "2019-01-01", "không phải ngày", "2021-13-01"])), Expression(ColumnType.Text, d)])})",
            3 => $"if({Expression(ColumnType.Boolean, d)}, {Expression(ColumnType.Date, d)}, {Expression(ColumnType.Date, d)})",
            4 => $"Coalesce({Expression(ColumnType.Date, d)}, {Literal(ColumnType.Date)})",
            _ => Leaf(ColumnType.Date),
        };

        private string DateLike(int d) =>
            ColumnsOf(ColumnType.DateTime).Count > 0 && random.Next(3) == 0 ? Leaf(ColumnType.DateTime) : Expression(ColumnType.Date, d);

        private string Leaf(ColumnType type)
        {
            var columns = ColumnsOf(type);
            var parameters = _parameters.Where(p => p.Type == type).ToList();
            var roll = random.Next(10);
            if (columns.Count > 0 && roll < 6)
            {
                return $"[{Pick(columns).Name}]";
            }
            if (parameters.Count > 0 && roll < 8)
            {
                return $"[@{Pick(parameters).Name}]";
            }
            if (type == ColumnType.DateTime)
            {
                return columns.Count > 0 ? $"[{Pick(columns).Name}]" : throw new InvalidOperationException("No datetime column.");
            }
            return Literal(type);
        }

        private string Literal(ColumnType type)
        {
            var sample = Sample(type);
            switch (type)
            {
                case ColumnType.Integer:
                    var i = sample is long l && random.Next(2) == 0 ? l : random.Next(-5, 100);
                    return i < 0 ? $"({i})" : i.ToString(CultureInfo.InvariantCulture);
                case ColumnType.Number:
                    var n = sample is double x && random.Next(2) == 0 ? x : random.Next(-40, 800) / 8.0;
                    var text = n.ToString("0.0##", CultureInfo.InvariantCulture);
                    return n < 0 ? $"({text})" : text;
                case ColumnType.Text:
                    return Quote(sample as string ?? Pick(random.Next(2) == 0 ? RandomDatasets.Words : RandomDatasets.Districts));
                case ColumnType.Boolean:
                    return Pick(["true", "false"]);
                case ColumnType.Date:
                    var date = sample as DateOnly? ?? new DateOnly(2019, 1, 1).AddDays(random.Next(0, 2557));
                    return random.Next(2) == 0
                        ? $"Date({date.Year}, {date.Month}, {date.Day})"
                        : $"ToDate('{date:yyyy-MM-dd}')";
                default:
                    return Leaf(type);
            }
        }

        /// <summary>A value of that type from the current rows, so that literals often match data.</summary>
        private object? Sample(ColumnType type)
        {
            var columns = ColumnsOf(type);
            if (columns.Count == 0 || _table.Rows.Count == 0)
            {
                return null;
            }
            return Pick(_table.Rows)[_table.IndexOf(Pick(columns).Name)];
        }

        private string Fragment()
        {
            var source = Sample(ColumnType.Text) as string ?? Pick(RandomDatasets.Words);
            if (source.Length == 0)
            {
                return "";
            }
            var start = random.Next(source.Length);
            var fragment = source.Substring(start, random.Next(1, Math.Min(6, source.Length - start) + 1));
            return random.Next(3) switch
            {
                0 => fragment.ToUpper(ReferenceSemantics.Vietnamese),
                1 => fragment.ToLower(ReferenceSemantics.Vietnamese),
                _ => fragment,
            };
        }

        private string LikePattern()
        {
            var fragment = Fragment();
            if (fragment.Length > 1 && random.Next(3) == 0)
            {
                var at = random.Next(fragment.Length);
                fragment = fragment[..at] + "_" + fragment[(at + 1)..];
            }
            return random.Next(4) switch
            {
                0 => "%" + fragment + "%",
                1 => fragment + "%",
                2 => "%" + fragment,
                _ => fragment,
            };
        }

        private static string Quote(string text)
        {
            var builder = new StringBuilder("'");
            foreach (var c in text)
            {
                builder.Append(c is '\'' or '\\' ? "\\" + c : c.ToString());
            }
            return builder.Append('\'').ToString();
        }

        private List<ReferenceColumn> ColumnsOf(ColumnType type) => _table.Columns.Where(c => c.Type == type).ToList();

        private string Fresh(string name)
        {
            var candidate = name;
            for (var n = 2; _table.Columns.Any(c => c.Name == candidate); n++)
            {
                candidate = $"{name} {n}";
            }
            return candidate;
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }

    private sealed class ValueEquality : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => ReferenceSemantics.ValuesEqual(x, y);

        public int GetHashCode(object obj) => RowKeyComparer.Instance.GetHashCode([obj]);
    }
}
