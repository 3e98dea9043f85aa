using Workbench.Core.Common;
using Workbench.Core.Query;
using Workbench.Core.Query.Expressions;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>
/// Turns each dataset into a source CTE the caller may see: a refused dataset stops the pipeline, the row filter is
/// ANDed in, masked columns read as null of their type. Every later step reads only these CTEs, and so does every
/// scenario inlined as a source: its datasets are in the same list, read with the same caller's access.
/// </summary>
public sealed class ApplyAccessPolicy : IPipelinePass
{
    public Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        var index = 0;
        foreach (var (key, dataset) in context.Datasets)
        {
            var policy = context.Access.For(dataset);
            if (!policy.Allowed)
            {
                context.Error(null, "source", Text.Pick("Bạn không có quyền truy vấn bộ dữ liệu '{0}'; hãy đề nghị cơ quan sở hữu cấp quyền.",
                    "You may not query the dataset '{0}'; ask its owner agency for a grant.", dataset.Name), kind: ErrorKind.Forbidden);
                continue;
            }
            var cte = "src" + (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var table = new TableExpression(dataset.TableName, "t");
            var physical = dataset.OrderedColumns
                .Select(c => new SchemaColumn(c.Name, c.Type, new ColumnExpression(null, c.PhysicalName, c.Type)))
                .ToList();
            SqlExpression? where = null;
            if (policy.RowFilter is { } rowFilter)
            {
                var translated = ExpressionTranslator.Translate(rowFilter, physical, new Dictionary<string, ParameterExpression>());
                if (!translated.IsValid || translated.Expression!.Type != Catalog.ColumnType.Boolean)
                {
                    // A broken grant must never widen access: refuse rather than drop the filter.
                    context.Error(null, "source", Text.Pick("Bộ lọc quyền của bộ dữ liệu '{0}' không hợp lệ; liên hệ quản trị.",
                        "The access row filter of dataset '{0}' is invalid; contact an administrator.", dataset.Name), kind: ErrorKind.Forbidden);
                    continue;
                }
                where = translated.Expression;
            }
            var projections = physical.Select(c => policy.MaskedColumns.Contains(c.Name)
                ? new ProjectionExpression(new NullExpression(c.Type), c.Alias)
                : new ProjectionExpression(c.Expression, c.Alias)).ToList();
            context.Ctes.Add(new CommonTableExpression(cte, SelectExpression.Simple(table, projections) with { Where = where }, null));
            context.Sources[key] = new SourceTable(cte, physical);
        }
        return Task.CompletedTask;
    }
}
