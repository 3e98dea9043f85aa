using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Expressions;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>
/// Validates each step against its input columns, infers its output columns and builds one CTE per step that
/// changes rows or columns (sort only records the order). A step with errors stops the steps after it unless it
/// leaves the columns as they were, so one mistake does not bury the list in follow-on errors.
/// </summary>
public sealed class CompileSteps : IPipelinePass
{
    public Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        if (context.PivotValuesNeeded is not null
            || context.SourceOf(context.Pipeline.Source.Dataset, context.Pipeline.Source.Scenario) is not { } source)
        {
            return Task.CompletedTask;
        }
        if (context.Pipeline.Steps.Count > PipelineLimits.MaxSteps)
        {
            context.Error(null, "steps", Text.Pick("Pipeline có {0} bước; tối đa {1}.", "The pipeline has {0} steps; the limit is {1}.", context.Pipeline.Steps.Count, PipelineLimits.MaxSteps));
            return Task.CompletedTask;
        }
        context.CurrentCte = source.CteName;
        context.Current = source.Columns;
        for (var i = 0; i < context.Pipeline.Steps.Count; i++)
        {
            var errorsBefore = context.Errors.Count;
            var step = context.Pipeline.Steps[i];
            var compiler = new StepCompiler(context, i);
            compiler.Compile(step);
            if (context.PivotValuesNeeded is not null)
            {
                return Task.CompletedTask;
            }
            context.StepSchemas.Add([.. context.Current.Select(c => new StepColumn(c.Name, c.Type))]);
            if (context.Errors.Count > errorsBefore && step is not (FilterStep or SortStep or LimitStep or DistinctStep))
            {
                return Task.CompletedTask;
            }
        }
        return Task.CompletedTask;
    }

    private sealed class StepCompiler(CompilationContext context, int index)
    {
        private string CteName => context.StepCteName(index);

        private void Error(string field, string message, int? position = null) => context.Error(index, field, message, position);

        private SchemaColumn? Find(string name, string field, IReadOnlyList<SchemaColumn>? columns = null)
        {
            columns ??= context.Current;
            var column = columns.FirstOrDefault(c => c.Name == name);
            if (column is not null)
            {
                return column;
            }
            var suggestion = Suggestions.Closest(name, columns.Select(c => c.Name));
            Error(field, suggestion is null
                ? Text.Pick("Không có cột '{0}'.", "There is no column '{0}'.", name)
                : Text.Pick("Không có cột '{0}'. Có phải ý bạn là '{1}'?", "There is no column '{0}'. Did you mean '{1}'?", name, suggestion));
            return null;
        }

        private bool ValidName(string name, string field)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > PipelineLimits.MaxNameLength || name.Contains('\0'))
            {
                Error(field, Text.Pick("Tên cột phải có từ 1 đến {0} ký tự.", "A column name must have 1 to {0} characters.", PipelineLimits.MaxNameLength));
                return false;
            }
            return true;
        }

        private bool Unique(IEnumerable<string> names, string field)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (!seen.Add(name))
                {
                    Error(field, Text.Pick("Tên cột '{0}' bị trùng.", "The column name '{0}' is used twice.", name));
                    return false;
                }
            }
            return true;
        }

        private SqlExpression? Expression(string text, string field)
        {
            var translated = ExpressionTranslator.Translate(text, context.Current, context.Parameters);
            foreach (var error in translated.Errors)
            {
                Error(field, error.Message, error.Position);
            }
            return translated.Expression;
        }

        /// <summary>
        /// Adds the step's CTE reading the current one and makes it current. A step that keeps the rows' order carries the
        /// pending sort keys along as unlisted columns, so "sort, then select without the key" still comes out sorted.
        /// </summary>
        private void Emit(SelectExpression select, IReadOnlyList<SchemaColumn> output, bool keepsOrder = true)
        {
            if (keepsOrder && context.PendingOrder.Count > 0)
            {
                var present = select.Projections.Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
                var carried = context.PendingOrder
                    .Select(o => (ColumnExpression)o.Expression)
                    .Where(c => !present.Contains(c.Name))
                    .Select(c => new ProjectionExpression(c, c.Name));
                select = select with { Projections = [.. select.Projections, .. carried] };
            }
            context.Ctes.Add(new CommonTableExpression(CteName, select, null));
            Advance(output, keepsOrder);
        }

        private void Advance(IReadOnlyList<SchemaColumn> output, bool keepsOrder = false)
        {
            context.CurrentCte = CteName;
            context.Current = output;
            // Otherwise the pending sort survives only while every key column does.
            var aliases = output.Select(c => c.Alias).ToHashSet(StringComparer.Ordinal);
            if (!keepsOrder && context.PendingOrder.Any(o => o.Expression is not ColumnExpression c || !aliases.Contains(c.Name)))
            {
                context.PendingOrder = [];
            }
        }

        private TableExpression Input => new(context.CurrentCte, "t");

        private static IReadOnlyList<ProjectionExpression> Project(IEnumerable<SchemaColumn> columns) =>
            [.. columns.Select(c => new ProjectionExpression(c.Expression, c.Alias))];

        public void Compile(Step step)
        {
            switch (step)
            {
                case FilterStep filter: Filter(filter); break;
                case ComputeStep compute: Compute(compute); break;
                case SelectStep select: Select(select); break;
                case JoinStep join: Join(join); break;
                case UnionStep union: Union(union); break;
                case AggregateStep aggregate: Aggregate(aggregate); break;
                case PivotStep pivot: Pivot(pivot); break;
                case WindowStep window: Window(window); break;
                case SortStep sort: Sort(sort); break;
                case LimitStep limit: Limit(limit); break;
                case DistinctStep: Emit(SelectExpression.Simple(Input, Project(context.Current)) with { Distinct = true }, context.Current, keepsOrder: false); break;
                default: throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, null);
            }
        }

        private void Filter(FilterStep filter)
        {
            if (Expression(filter.Expression, "expression") is not { } condition)
            {
                return;
            }
            if (condition.Type != ColumnType.Boolean)
            {
                Error("expression", Text.Pick("Điều kiện lọc phải là đúng/sai, nhưng có kiểu {0}.", "A filter must be true or false, but is of type {0}.", condition.Type.ToContractName()), 0);
                return;
            }
            Emit(SelectExpression.Simple(Input, Project(context.Current)) with { Where = condition }, context.Current);
        }

        private void Compute(ComputeStep compute)
        {
            var named = ValidName(compute.Column, "column");
            if (Expression(compute.Expression, "expression") is not { } value || !named)
            {
                return;
            }
            var column = new SchemaColumn(compute.Column, value.Type, new ColumnExpression(null, context.NextAlias(), value.Type));
            var output = context.Current.ToList();
            var existing = output.FindIndex(c => c.Name == compute.Column);
            if (existing >= 0)
            {
                output[existing] = column;
            }
            else
            {
                output.Add(column);
            }
            var projections = output.Select(c => ReferenceEquals(c, column)
                ? new ProjectionExpression(value, c.Alias)
                : new ProjectionExpression(c.Expression, c.Alias)).ToList();
            Emit(SelectExpression.Simple(Input, projections), output);
        }

        private void Select(SelectStep select)
        {
            if (select.Columns.Count == 0)
            {
                Error("columns", Text.Pick("Cần chọn ít nhất một cột.", "Choose at least one column."));
                return;
            }
            var output = new List<SchemaColumn>();
            var projections = new List<ProjectionExpression>();
            var aliases = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < select.Columns.Count; i++)
            {
                var item = select.Columns[i];
                if (Find(item.Name, $"columns[{i}]") is not { } column || !ValidName(item.OutputName, $"columns[{i}]"))
                {
                    continue;
                }
                // The same column chosen twice needs a second alias.
                var alias = aliases.Add(column.Alias) ? column.Alias : context.NextAlias();
                aliases.Add(alias);
                output.Add(new SchemaColumn(item.OutputName, column.Type, new ColumnExpression(null, alias, column.Type)));
                projections.Add(new ProjectionExpression(column.Expression, alias));
            }
            if (output.Count != select.Columns.Count || !Unique(output.Select(c => c.Name), "columns"))
            {
                return;
            }
            Emit(SelectExpression.Simple(Input, projections), output);
        }

        private static bool Comparable(ColumnType a, ColumnType b) =>
            a == b || (a is ColumnType.Integer or ColumnType.Number && b is ColumnType.Integer or ColumnType.Number)
                   || (a is ColumnType.Date or ColumnType.DateTime && b is ColumnType.Date or ColumnType.DateTime);

        private void Join(JoinStep join)
        {
            if (context.SourceOf(join.Dataset, join.Scenario) is not { } right)
            {
                return;
            }
            if (join.On.Count == 0)
            {
                Error("on", Text.Pick("Cần ít nhất một cặp cột để nối.", "At least one pair of columns is needed to join on."));
                return;
            }
            var left = context.Current.Select(c => c with { Expression = c.Expression with { Table = "t" } }).ToList();
            var rightColumns = right.Columns.Select(c => c with { Expression = c.Expression with { Table = "j" } }).ToList();
            SqlExpression? on = null;
            var ok = true;
            for (var i = 0; i < join.On.Count; i++)
            {
                var l = Find(join.On[i].Left, $"on[{i}].left", left);
                var r = Find(join.On[i].Right, $"on[{i}].right", rightColumns);
                if (l is null || r is null)
                {
                    ok = false;
                    continue;
                }
                if (!Comparable(l.Type, r.Type))
                {
                    Error($"on[{i}]", Text.Pick("Không thể nối cột '{0}' (kiểu {1}) với cột '{2}' (kiểu {3}).", "Cannot join column '{0}' ({1}) with column '{2}' ({3}).",
                        l.Name, l.Type.ToContractName(), r.Name, r.Type.ToContractName()));
                    ok = false;
                    continue;
                }
                var equal = new BinaryExpression(SqlBinaryOperator.Equal, l.Expression, r.Expression, ColumnType.Boolean);
                on = on is null ? equal : new BinaryExpression(SqlBinaryOperator.And, on, equal, ColumnType.Boolean);
            }
            List<SchemaColumn> kept;
            if (join.Columns is { } names)
            {
                kept = [];
                for (var i = 0; i < names.Count; i++)
                {
                    if (Find(names[i], $"columns[{i}]", rightColumns) is { } column)
                    {
                        kept.Add(column);
                    }
                    else
                    {
                        ok = false;
                    }
                }
            }
            else
            {
                var keys = join.On.Select(k => k.Right).ToHashSet(StringComparer.Ordinal);
                kept = [.. rightColumns.Where(c => !keys.Contains(c.Name))];
            }
            if (!ok)
            {
                return;
            }
            var output = context.Current.ToList();
            var projections = Project(left).ToList();
            var taken = output.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var column in kept)
            {
                var name = column.Name;
                if (taken.Contains(name))
                {
                    if (join.Prefix is null)
                    {
                        Error("columns", Text.Pick("Cột '{0}' của bên phải trùng tên với một cột bên trái; hãy đặt 'prefix'.",
                            "The right-side column '{0}' clashes with a left column; set a 'prefix'.", name));
                        return;
                    }
                    name = join.Prefix + name;
                    if (!ValidName(name, "prefix"))
                    {
                        return;
                    }
                }
                if (!taken.Add(name))
                {
                    Error("prefix", Text.Pick("Tên cột '{0}' bị trùng.", "The column name '{0}' is used twice.", name));
                    return;
                }
                var alias = context.NextAlias();
                output.Add(new SchemaColumn(name, column.Type, new ColumnExpression(null, alias, column.Type)));
                projections.Add(new ProjectionExpression(column.Expression, alias));
            }
            var kind = join.Kind switch
            {
                JoinKind.Inner => SqlJoinKind.Inner,
                JoinKind.Left => SqlJoinKind.Left,
                JoinKind.Right => SqlJoinKind.Right,
                _ => SqlJoinKind.Full,
            };
            var select = SelectExpression.Simple(Input, projections) with { Joins = [new JoinExpression(kind, new TableExpression(right.CteName, "j"), on!)] };
            Emit(select, output, keepsOrder: false);
        }

        private void Union(UnionStep union)
        {
            if (context.SourceOf(union.Dataset, union.Scenario) is not { } other)
            {
                return;
            }
            var output = context.Current.ToList();
            var leftProjections = new List<ProjectionExpression>();
            var rightProjections = new List<ProjectionExpression>();
            var rightByName = other.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
            for (var i = 0; i < output.Count; i++)
            {
                var column = output[i];
                if (rightByName.TryGetValue(column.Name, out var match))
                {
                    if (!Comparable(column.Type, match.Type))
                    {
                        Error(union.Scenario is null ? "dataset" : "scenario", Text.Pick("Cột '{0}' có kiểu {1} ở bên này nhưng kiểu {2} ở bộ dữ liệu được nối thêm.",
                            "The column '{0}' is {1} here but {2} in the appended dataset.", column.Name, column.Type.ToContractName(), match.Type.ToContractName()));
                        return;
                    }
                    var type = column.Type == match.Type ? column.Type
                        : column.Type is ColumnType.Integer or ColumnType.Number ? ColumnType.Number : ColumnType.DateTime;
                    if (type != column.Type)
                    {
                        output[i] = new SchemaColumn(column.Name, type, new ColumnExpression(null, context.NextAlias(), type));
                    }
                    leftProjections.Add(new ProjectionExpression(Widen(column.Expression, type), output[i].Alias));
                    rightProjections.Add(new ProjectionExpression(Widen(match.Expression, type), output[i].Alias));
                }
                else
                {
                    leftProjections.Add(new ProjectionExpression(column.Expression, column.Alias));
                    rightProjections.Add(new ProjectionExpression(new NullExpression(column.Type), column.Alias));
                }
            }
            var known = output.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in other.Columns.Where(c => !known.Contains(c.Name)))
            {
                var column = new SchemaColumn(extra.Name, extra.Type, new ColumnExpression(null, context.NextAlias(), extra.Type));
                output.Add(column);
                leftProjections.Add(new ProjectionExpression(new NullExpression(extra.Type), column.Alias));
                rightProjections.Add(new ProjectionExpression(extra.Expression, column.Alias));
            }
            var query = new UnionQuery(
                SelectExpression.Simple(Input, leftProjections),
                SelectExpression.Simple(new TableExpression(other.CteName, "t"), rightProjections),
                union.IsAll);
            context.Ctes.Add(new CommonTableExpression(CteName, null, query));
            Advance(output);
        }

        private static SqlExpression Widen(SqlExpression expression, ColumnType type) =>
            expression.Type == type ? expression : new CastExpression(expression, type);

        /// <param name="filter">Aggregates only the rows where it is true (a pivot cell); null for every row.</param>
        private (SqlExpression? Expression, ColumnType Type) Measure(AggregateFunction function, SchemaColumn? column, string field, SqlExpression? filter = null)
        {
            if (column is null)
            {
                if (function == AggregateFunction.Count)
                {
                    return (new AggregateExpression(SqlAggregate.CountRows, null, ColumnType.Integer, filter), ColumnType.Integer);
                }
                Error(field, Text.Pick("Hàm '{0}' cần một cột.", "The function '{0}' needs a column.", ContractNames.Of(function)));
                return (null, default);
            }
            var numeric = column.Type is ColumnType.Integer or ColumnType.Number;
            switch (function)
            {
                case AggregateFunction.Count:
                    return (new AggregateExpression(SqlAggregate.Count, column.Expression, ColumnType.Integer, filter), ColumnType.Integer);
                case AggregateFunction.CountDistinct:
                    return (new AggregateExpression(SqlAggregate.CountDistinct, column.Expression, ColumnType.Integer, filter), ColumnType.Integer);
                case AggregateFunction.Sum when numeric:
                    // sum of integer is integer: PostgreSQL (numeric) and DuckDB (hugeint) widen it otherwise.
                    var sum = new AggregateExpression(SqlAggregate.Sum, column.Expression, column.Type, filter);
                    return (column.Type == ColumnType.Integer ? new CastExpression(sum, ColumnType.Integer) : sum, column.Type);
                case AggregateFunction.Avg when numeric:
                    return (new AggregateExpression(SqlAggregate.Avg, column.Expression, ColumnType.Number, filter), ColumnType.Number);
                case AggregateFunction.Min or AggregateFunction.Max when column.Type != ColumnType.Boolean:
                    return (new AggregateExpression(function == AggregateFunction.Min ? SqlAggregate.Min : SqlAggregate.Max, column.Expression, column.Type, filter), column.Type);
                default:
                    Error(field, Text.Pick("Hàm '{0}' không dùng được với cột '{1}' kiểu {2}.", "The function '{0}' cannot be used on column '{1}' of type {2}.",
                        ContractNames.Of(function), column.Name, column.Type.ToContractName()));
                    return (null, default);
            }
        }

        private void Aggregate(AggregateStep aggregate)
        {
            if (aggregate.Measures.Count == 0)
            {
                Error("measures", Text.Pick("Bước tổng hợp cần ít nhất một phép đo.", "An aggregate step needs at least one measure."));
                return;
            }
            var output = new List<SchemaColumn>();
            var projections = new List<ProjectionExpression>();
            var groupBy = new List<SqlExpression>();
            var ok = true;
            for (var i = 0; i < aggregate.GroupBy.Count; i++)
            {
                if (Find(aggregate.GroupBy[i], $"groupBy[{i}]") is not { } column)
                {
                    ok = false;
                    continue;
                }
                output.Add(column);
                projections.Add(new ProjectionExpression(column.Expression, column.Alias));
                groupBy.Add(column.Expression);
            }
            for (var i = 0; i < aggregate.Measures.Count; i++)
            {
                var measure = aggregate.Measures[i];
                var field = $"measures[{i}]";
                SchemaColumn? column = null;
                if (measure.Column is not null && (column = Find(measure.Column, field + ".column")) is null)
                {
                    ok = false;
                    continue;
                }
                var (expression, type) = Measure(measure.Function, column, field + ".function");
                if (expression is null || !ValidName(measure.As, field + ".as"))
                {
                    ok = false;
                    continue;
                }
                var alias = context.NextAlias();
                output.Add(new SchemaColumn(measure.As, type, new ColumnExpression(null, alias, type)));
                projections.Add(new ProjectionExpression(expression, alias));
            }
            if (!ok || !Unique(output.Select(c => c.Name), "measures") || !Unique(output.Select(c => c.Alias), "groupBy"))
            {
                return;
            }
            Emit(SelectExpression.Simple(Input, projections) with { GroupBy = groupBy }, output, keepsOrder: false);
        }

        private void Pivot(PivotStep pivot)
        {
            var rows = new List<SchemaColumn>();
            var ok = true;
            for (var i = 0; i < pivot.Rows.Count; i++)
            {
                if (Find(pivot.Rows[i], $"rows[{i}]") is { } row)
                {
                    rows.Add(row);
                }
                else
                {
                    ok = false;
                }
            }
            var column = Find(pivot.Column, "column");
            var value = Find(pivot.Value, "value");
            if (!ok || column is null || value is null || !Unique(rows.Select(r => r.Name), "rows"))
            {
                return;
            }
            var key = column.Type == ColumnType.Text ? (SqlExpression)column.Expression : new FunctionExpression("ToText", [column.Expression], ColumnType.Text);
            var values = pivot.Values ?? (context.PivotValues.TryGetValue(context.PivotKey(index), out var read) ? read : null);
            if (values is null)
            {
                // DISTINCT in its own CTE: PostgreSQL refuses ORDER BY v COLLATE ... next to SELECT DISTINCT.
                // A non-text column keeps its value beside the text, so the values sort as values (2 before 10).
                List<ProjectionExpression> distinctProjections = column.Type == ColumnType.Text
                    ? [new ProjectionExpression(key, "v")]
                    : [new ProjectionExpression(key, "v"), new ProjectionExpression(column.Expression, "o")];
                var distinctValues = SelectExpression.Simple(Input, distinctProjections) with
                {
                    Distinct = true,
                    Where = new IsNullExpression(column.Expression, true),
                };
                var valueColumn = new ColumnExpression(null, "v", ColumnType.Text);
                var orderColumn = column.Type == ColumnType.Text ? valueColumn : new ColumnExpression(null, "o", column.Type);
                var distinct = SelectExpression.Simple(new TableExpression("pivot_values", "t"), [new ProjectionExpression(valueColumn, "v")]) with
                {
                    OrderBy = [new OrderingExpression(orderColumn, false)],
                    Limit = PipelineLimits.MaxPivotValues + 1,
                };
                var (sql, parameters) = context.Dialect.Generate(new QueryExpression([.. context.Ctes, new CommonTableExpression("pivot_values", distinctValues, null)], distinct));
                context.PivotValuesNeeded = new PivotValuesRequest(context.PivotKey(index), new CompiledQuery(sql, parameters, [new OutputColumn(pivot.Column, ColumnType.Text, "v")]));
                return;
            }
            if (values.Count > PipelineLimits.MaxPivotValues)
            {
                Error(pivot.Values is null ? "column" : "values", Text.Pick("Cột '{0}' có hơn {1} giá trị; quá nhiều để xoay thành cột.",
                    "The column '{0}' has more than {1} values: too many to pivot into columns.", pivot.Column, PipelineLimits.MaxPivotValues));
                return;
            }
            var output = new List<SchemaColumn>(rows);
            var projections = Project(rows).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                if (!ValidName(values[i], $"values[{i}]"))
                {
                    return;
                }
                var match = PivotMatch(column, key, values[i]);
                var (expression, type) = Measure(pivot.Function, value, "function", match);
                if (expression is null)
                {
                    return;
                }
                var alias = context.NextAlias();
                output.Add(new SchemaColumn(values[i], type, new ColumnExpression(null, alias, type)));
                projections.Add(new ProjectionExpression(expression, alias));
            }
            if (!Unique(output.Select(c => c.Name), "values"))
            {
                return;
            }
            Emit(SelectExpression.Simple(Input, projections) with { GroupBy = [.. rows.Select(r => (SqlExpression)r.Expression)] }, output, keepsOrder: false);
        }

        /// <summary>
        /// The condition that a row belongs to a pivot value: <c>ToText(column) = value</c>. An integer's text is its
        /// canonical decimal form, so for a value in that form the same rows match <c>column = integer</c>, which the
        /// database evaluates without converting every row to text once per value; any other value matches through the text.
        /// </summary>
        private static BinaryExpression PivotMatch(SchemaColumn column, SqlExpression key, string value) =>
            column.Type == ColumnType.Integer
            && long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number.ToString(System.Globalization.CultureInfo.InvariantCulture) == value
                ? new BinaryExpression(SqlBinaryOperator.Equal, column.Expression, new ParameterExpression(number, ColumnType.Integer), ColumnType.Boolean)
                : new BinaryExpression(SqlBinaryOperator.Equal, key, new ParameterExpression(value, ColumnType.Text), ColumnType.Boolean);

        private void Window(WindowStep window)
        {
            if (!ValidName(window.Column, "column"))
            {
                return;
            }
            var partition = new List<SqlExpression>();
            var ok = true;
            for (var i = 0; i < window.PartitionBy.Count; i++)
            {
                if (Find(window.PartitionBy[i], $"partitionBy[{i}]") is { } column)
                {
                    partition.Add(column.Expression);
                }
                else
                {
                    ok = false;
                }
            }
            var order = Orderings(window.OrderBy, "orderBy", ref ok);
            var needsOf = window.Function is WindowFunction.RunningSum or WindowFunction.Lag or WindowFunction.Lead or WindowFunction.PercentOfTotal;
            SchemaColumn? of = null;
            if (needsOf)
            {
                if (window.Of is null)
                {
                    Error("of", Text.Pick("Hàm '{0}' cần trường 'of'.", "The function '{0}' needs the field 'of'.", ContractNames.Of(window.Function)));
                    return;
                }
                of = Find(window.Of, "of");
                if (of is null)
                {
                    return;
                }
                if (window.Function is WindowFunction.RunningSum or WindowFunction.PercentOfTotal && of.Type is not (ColumnType.Integer or ColumnType.Number))
                {
                    Error("of", Text.Pick("Hàm '{0}' cần một cột số, nhưng '{1}' có kiểu {2}.", "The function '{0}' needs a numeric column, but '{1}' is {2}.",
                        ContractNames.Of(window.Function), of.Name, of.Type.ToContractName()));
                    return;
                }
            }
            var offset = window.Offset ?? 1;
            if (offset < 0 || offset > PipelineLimits.MaxLagOffset)
            {
                Error("offset", Text.Pick("'offset' phải từ 0 đến {0}.", "'offset' must be between 0 and {0}.", PipelineLimits.MaxLagOffset));
                return;
            }
            if (!ok)
            {
                return;
            }
            SqlExpression expression;
            ColumnType type;
            switch (window.Function)
            {
                case WindowFunction.RowNumber or WindowFunction.Rank or WindowFunction.DenseRank:
                    var function = window.Function switch
                    {
                        WindowFunction.RowNumber => SqlWindowFunction.RowNumber,
                        WindowFunction.Rank => SqlWindowFunction.Rank,
                        _ => SqlWindowFunction.DenseRank,
                    };
                    type = ColumnType.Integer;
                    expression = new CastExpression(new WindowExpression(function, [], partition, order, type), type);
                    break;
                case WindowFunction.RunningSum:
                    type = of!.Type;
                    var running = new WindowExpression(SqlWindowFunction.Sum, [of.Expression], partition, order, type);
                    expression = type == ColumnType.Integer ? new CastExpression(running, type) : running;
                    break;
                case WindowFunction.Lag or WindowFunction.Lead:
                    type = of!.Type;
                    expression = new WindowExpression(window.Function == WindowFunction.Lag ? SqlWindowFunction.Lag : SqlWindowFunction.Lead,
                        [of.Expression, new ConstantExpression(offset, ColumnType.Integer)], partition, order, type);
                    break;
                default:
                    // value / partition total * 100; a zero or null total gives null.
                    type = ColumnType.Number;
                    var value = of!.Type == ColumnType.Number ? (SqlExpression)of.Expression : new CastExpression(of.Expression, ColumnType.Number);
                    var total = new WindowExpression(SqlWindowFunction.Sum, [value], partition, [], ColumnType.Number);
                    expression = new BinaryExpression(SqlBinaryOperator.Divide,
                        new BinaryExpression(SqlBinaryOperator.Multiply, value, new ConstantExpression(100, ColumnType.Integer), ColumnType.Number),
                        new FunctionExpression("NullIfZero", [total], ColumnType.Number), ColumnType.Number);
                    break;
            }
            var added = new SchemaColumn(window.Column, type, new ColumnExpression(null, context.NextAlias(), type));
            var output = context.Current.ToList();
            var existing = output.FindIndex(c => c.Name == window.Column);
            if (existing >= 0)
            {
                output[existing] = added;
            }
            else
            {
                output.Add(added);
            }
            var projections = output.Select(c => ReferenceEquals(c, added)
                ? new ProjectionExpression(expression, c.Alias)
                : new ProjectionExpression(c.Expression, c.Alias)).ToList();
            Emit(SelectExpression.Simple(Input, projections), output);
        }

        private List<OrderingExpression> Orderings(IReadOnlyList<SortKey> keys, string field, ref bool ok)
        {
            var order = new List<OrderingExpression>();
            for (var i = 0; i < keys.Count; i++)
            {
                if (Find(keys[i].Column, $"{field}[{i}].column") is { } column)
                {
                    order.Add(new OrderingExpression(column.Expression, keys[i].Descending));
                }
                else
                {
                    ok = false;
                }
            }
            return order;
        }

        private void Sort(SortStep sort)
        {
            var ok = true;
            if (sort.By.Count == 0)
            {
                Error("by", Text.Pick("Cần ít nhất một cột để sắp xếp.", "At least one column is needed to sort by."));
                return;
            }
            var order = Orderings(sort.By, "by", ref ok);
            if (ok)
            {
                context.PendingOrder = order;
            }
        }

        private void Limit(LimitStep limit) =>
            Emit(SelectExpression.Simple(Input, Project(context.Current)) with
            {
                OrderBy = context.PendingOrder,
                Limit = limit.Count,
                Offset = limit.Offset,
            }, context.Current);
    }
}
