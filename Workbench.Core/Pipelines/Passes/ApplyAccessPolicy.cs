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
                context.Error(null, "source", context.Access.Purpose == Access.AccessPurpose.Download
                    ? Text.Pick("Bạn không có quyền tải về dữ liệu của bộ dữ liệu '{0}'; hãy đề nghị cơ quan sở hữu cấp quyền tải về.",
                        "You may not download the rows of dataset '{0}'; ask its owner agency for a download right.", dataset.Name)
                    : Text.Pick("Bạn không có quyền truy vấn bộ dữ liệu '{0}' (chưa được cấp quyền, hoặc quyền đã bị thu hồi hay hết hạn); hãy đề nghị cơ quan sở hữu cấp quyền.",
                        "You may not query the dataset '{0}' (no grant, or it was revoked or has expired); ask its owner agency for a grant.", dataset.Name),
                    kind: ErrorKind.Forbidden);
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
            var projections = physical.Select(c => new ProjectionExpression(
                policy.Masks.TryGetValue(c.Name, out var mask) ? Masked(c, mask) : c.Expression, c.Alias)).ToList();
            context.Ctes.Add(new CommonTableExpression(cte, SelectExpression.Simple(table, projections) with { Where = where }, null));
            context.Sources[key] = new SourceTable(cte, physical);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The partial form keeps a text's first 4 and last 3 characters around <c>***</c> (<c>0905***789</c>); a text of 7
    /// characters or fewer reads <c>***</c>, and null stays null. Anything else masked reads as null of its type.
    /// </summary>
    private const string PartialMask = "if(IsNull([v]), [v], if(Len([v]) > 7, Concat(Left([v], 4), '***', Right([v], 3)), '***'))";

    private static SqlExpression Masked(SchemaColumn column, Access.MaskKind kind)
    {
        if (kind == Access.MaskKind.Partial && column.Type == Catalog.ColumnType.Text)
        {
            var translated = ExpressionTranslator.Translate(PartialMask, [column with { Name = "v" }], new Dictionary<string, ParameterExpression>());
            return translated.Expression!;
        }
        return new NullExpression(column.Type);
    }
}
