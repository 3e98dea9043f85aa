using Workbench.Core.Catalog;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Query;

/// <summary>A column of a step's input or output: the logical name users see, its type, and the SQL that reads it.</summary>
public sealed record SchemaColumn(string Name, ColumnType Type, ColumnExpression Expression)
{
    /// <summary>The generated alias that carries the column between steps.</summary>
    public string Alias => Expression.Name;
}
