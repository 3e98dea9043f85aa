using Workbench.Core.Catalog;

namespace Workbench.Core.Query.Sql;

/// <summary>A node of the SQL tree. Every expression knows its contract type so that dialects can cast and box booleans where needed.</summary>
public abstract record SqlExpression(ColumnType Type);

/// <summary>A column of the current FROM source, by its generated alias or physical name (never user text).</summary>
public sealed record ColumnExpression(string? Table, string Name, ColumnType Type) : SqlExpression(Type);

/// <summary>A value bound as a database parameter; the dialect names it when printing.</summary>
public sealed record ParameterExpression(object? Value, ColumnType Type) : SqlExpression(Type);

/// <summary>A typed NULL.</summary>
public sealed record NullExpression(ColumnType Type) : SqlExpression(Type);

/// <summary>A constant from the engine itself (never user input), printed inline: small integers, format patterns.</summary>
public sealed record ConstantExpression(object Value, ColumnType Type) : SqlExpression(Type);

public enum SqlBinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Concat,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    And,
    Or,
}

public sealed record BinaryExpression(SqlBinaryOperator Operator, SqlExpression Left, SqlExpression Right, ColumnType Type) : SqlExpression(Type)
{
    public bool IsPredicate => Operator is >= SqlBinaryOperator.Equal;
}

public enum SqlUnaryOperator
{
    Not,
    Negate,
}

public sealed record UnaryExpression(SqlUnaryOperator Operator, SqlExpression Operand, ColumnType Type) : SqlExpression(Type);

/// <summary>A function of the expression catalogue (canonical name, e.g. <c>Contains</c>), translated by the dialect.</summary>
public sealed record FunctionExpression(string Name, IReadOnlyList<SqlExpression> Arguments, ColumnType Type) : SqlExpression(Type);

public sealed record CaseWhen(SqlExpression Condition, SqlExpression Result);

public sealed record CaseExpression(IReadOnlyList<CaseWhen> Whens, SqlExpression? Else, ColumnType Type) : SqlExpression(Type);

public sealed record CastExpression(SqlExpression Operand, ColumnType Type) : SqlExpression(Type);

public sealed record InExpression(SqlExpression Operand, IReadOnlyList<SqlExpression> Values, bool Negated) : SqlExpression(ColumnType.Boolean);

public sealed record IsNullExpression(SqlExpression Operand, bool Negated) : SqlExpression(ColumnType.Boolean);

/// <summary><c>like</c> with <c>%</c> and <c>_</c>, case-insensitive (lower-cased on both sides by the dialect).</summary>
public sealed record LikeExpression(SqlExpression Operand, SqlExpression Pattern, bool Negated) : SqlExpression(ColumnType.Boolean);

public enum SqlAggregate
{
    CountRows,
    Count,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
}

/// <summary>An aggregate; with <paramref name="Filter"/>, of only the rows where it is true (a pivot cell).</summary>
public sealed record AggregateExpression(SqlAggregate Function, SqlExpression? Argument, ColumnType Type, SqlExpression? Filter = null) : SqlExpression(Type);

public enum SqlWindowFunction
{
    RowNumber,
    Rank,
    DenseRank,
    Sum,
    Lag,
    Lead,
}

public sealed record OrderingExpression(SqlExpression Expression, bool Descending);

/// <summary>A window function: <c>f(args) OVER (PARTITION BY ... ORDER BY ...)</c>; running sums use the default frame (rows up to the current peer group).</summary>
public sealed record WindowExpression(
    SqlWindowFunction Function,
    IReadOnlyList<SqlExpression> Arguments,
    IReadOnlyList<SqlExpression> PartitionBy,
    IReadOnlyList<OrderingExpression> OrderBy,
    ColumnType Type) : SqlExpression(Type);

/// <summary>An output column of a SELECT under a generated alias.</summary>
public sealed record ProjectionExpression(SqlExpression Expression, string Alias);

/// <summary>A FROM or JOIN source.</summary>
public abstract record TableSource(string Alias);

/// <summary>A warehouse table (<c>ds_N</c>) or a CTE by name.</summary>
public sealed record TableExpression(string Name, string Alias) : TableSource(Alias);

public enum SqlJoinKind
{
    Inner,
    Left,
    Right,
    Full,
}

public sealed record JoinExpression(SqlJoinKind Kind, TableSource Source, SqlExpression On);

/// <summary>A SELECT. <see cref="Limit"/> and <see cref="Offset"/> are engine-checked integers, printed inline.</summary>
public sealed record SelectExpression(
    IReadOnlyList<ProjectionExpression> Projections,
    TableSource From,
    IReadOnlyList<JoinExpression> Joins,
    SqlExpression? Where,
    IReadOnlyList<SqlExpression> GroupBy,
    IReadOnlyList<OrderingExpression> OrderBy,
    long? Limit,
    long? Offset,
    bool Distinct)
{
    public static SelectExpression Simple(TableSource from, IReadOnlyList<ProjectionExpression> projections) =>
        new(projections, from, [], null, [], [], null, null, false);
}

/// <summary><c>a UNION [ALL] b</c>, each side a SELECT with the same projections.</summary>
public sealed record UnionQuery(SelectExpression Left, SelectExpression Right, bool All);

/// <summary>A common table expression: either a SELECT or a UNION.</summary>
public sealed record CommonTableExpression(string Name, SelectExpression? Select, UnionQuery? Union);

/// <summary>The whole statement: CTEs, then a final SELECT.</summary>
public sealed record QueryExpression(IReadOnlyList<CommonTableExpression> With, SelectExpression Select);
