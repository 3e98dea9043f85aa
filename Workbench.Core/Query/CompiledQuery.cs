using Workbench.Core.Catalog;

namespace Workbench.Core.Query;

/// <summary>A value bound to the statement: <see cref="Name"/> as the provider expects it (<c>p0</c>; the SQL writes <c>@p0</c> or <c>$p0</c>).</summary>
/// <param name="Value">A CLR value of <see cref="ColumnTypes.ClrType"/> for <paramref name="Type"/>, or null; the executor sets the provider type from <paramref name="Type"/>.</param>
public sealed record QueryParameter(string Name, ColumnType Type, object? Value);

/// <summary>A result column: the logical name users see, its type, and the generated SQL alias that carries it.</summary>
public sealed record OutputColumn(string Name, ColumnType Type, string Alias);

/// <summary>One SQL statement ready to run: text, parameters, and the columns it returns in order.</summary>
public sealed record CompiledQuery(string Sql, IReadOnlyList<QueryParameter> Parameters, IReadOnlyList<OutputColumn> Columns);
