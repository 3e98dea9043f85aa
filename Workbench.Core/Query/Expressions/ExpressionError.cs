namespace Workbench.Core.Query.Expressions;

/// <summary>A problem in an expression, with the character offset it concerns when known.</summary>
public sealed record ExpressionError(string Message, int? Position);

/// <summary>The SQL of an expression and its type, or the errors that stop it.</summary>
public sealed record TranslatedExpression(Sql.SqlExpression? Expression, IReadOnlyList<ExpressionError> Errors)
{
    public bool IsValid => Expression is not null && Errors.Count == 0;
}
