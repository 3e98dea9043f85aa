using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>
/// Gives every declared parameter its value: the run's argument, else the default; checks types and names. In a scenario
/// used as a source the enclosing pipelines' parameter of the same name and type takes the argument's place.
/// </summary>
public sealed class BindParameters : IPipelinePass
{
    public Task RunAsync(CompilationContext context, CancellationToken cancellationToken)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < context.Pipeline.Parameters.Count; i++)
        {
            var parameter = context.Pipeline.Parameters[i];
            var field = $"parameters[{i}]";
            if (!declared.Add(parameter.Name))
            {
                context.Error(null, field + ".name", Text.Pick("Tham số '{0}' được khai báo hai lần.", "The parameter '{0}' is declared twice.", parameter.Name));
                continue;
            }
            if (context.Inherited is { } inherited
                && inherited.TryGetValue(parameter.Name, out var outer) && outer.Type == parameter.Type)
            {
                // A scenario used as a source: the enclosing pipeline's parameter of the same name and type flows in (a dashboard's "Năm").
                context.Parameters[parameter.Name] = outer;
            }
            else if (context.Run.Arguments.TryGetValue(parameter.Name, out var argument))
            {
                if (!Model.PipelineJson.TryConvertValue(argument, parameter.Type, out var value))
                {
                    context.Error(null, "arguments." + parameter.Name, Text.Pick("Giá trị của tham số '{0}' phải có kiểu {1}.",
                        "The value of parameter '{0}' must be of type {1}.", parameter.Name, parameter.Type.ToContractName()));
                    Placeholder(context, parameter);
                    continue;
                }
                context.Parameters[parameter.Name] = new ParameterExpression(value, parameter.Type);
            }
            else if (parameter.Default is { } fallback && Model.PipelineJson.TryConvertValue(fallback, parameter.Type, out var defaultValue))
            {
                context.Parameters[parameter.Name] = new ParameterExpression(defaultValue, parameter.Type);
            }
            else
            {
                // Inside a scenario the message is prefixed with the scenario's key where the outer pipeline names it.
                context.Error(null, field, context.Scenario is not null
                    ? Text.Pick("Tham số '{0}' chưa có giá trị: hãy đặt giá trị mặc định cho nó trong kịch bản, hoặc khai báo ở đây một tham số '{0}' kiểu {1}.",
                        "The parameter '{0}' has no value: give it a default in the scenario, or declare a parameter '{0}' of type {1} here.", parameter.Name, parameter.Type.ToContractName())
                    : Text.Pick("Tham số '{0}' chưa có giá trị.", "The parameter '{0}' has no value.", parameter.Name));
                Placeholder(context, parameter);
            }
        }
        foreach (var name in context.Run.Arguments.Keys.Where(name => !declared.Contains(name)))
        {
            context.Error(null, "arguments." + name, Text.Pick("Không có tham số '{0}'.", "There is no parameter '{0}'.", name));
        }
        return Task.CompletedTask;
    }

    // The error is already reported; expressions still type-check against the declared type (no SQL is printed).
    private static void Placeholder(CompilationContext context, PipelineParameter parameter) =>
        context.Parameters[parameter.Name] = new ParameterExpression(null, parameter.Type);
}
