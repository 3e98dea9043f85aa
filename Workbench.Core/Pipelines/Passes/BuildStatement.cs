using Workbench.Core.Query;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>Ends the CTE chain with the final SELECT (in the pending sort order) and prints it for the dialect. Runs only for a valid pipeline.</summary>
public sealed class BuildStatement : IPipelinePass
{
    public Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        if (context.Stopped)
        {
            return Task.CompletedTask;
        }
        var projections = context.Current.Select(c => new ProjectionExpression(c.Expression, c.Alias)).ToList();
        var select = SelectExpression.Simple(new TableExpression(context.CurrentCte, "t"), projections) with { OrderBy = context.PendingOrder };
        var (sql, parameters) = context.Dialect.Generate(new QueryExpression(context.Ctes, select));
        context.Query = new CompiledQuery(sql, parameters, [.. context.Current.Select(c => new OutputColumn(c.Name, c.Type, c.Alias))]);
        return Task.CompletedTask;
    }
}
