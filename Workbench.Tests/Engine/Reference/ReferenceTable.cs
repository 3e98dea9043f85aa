using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>A column of an in-memory table: its logical name and contract type.</summary>
public sealed record ReferenceColumn(string Name, ColumnType Type);

/// <summary>
/// An in-memory dataset. Values are the CLR values of <see cref="ColumnTypes.ClrType"/>:
/// long, double, string, bool, DateOnly, DateTime, or null.
/// </summary>
public sealed class ReferenceTable(IReadOnlyList<ReferenceColumn> columns, IReadOnlyList<object?[]> rows)
{
    public IReadOnlyList<ReferenceColumn> Columns { get; } = columns;

    public IReadOnlyList<object?[]> Rows { get; } = rows;

    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }
        throw new ReferenceEvaluationException($"Unknown column '{name}'.");
    }

    public ResultTable ToResult() => new(Columns, Rows);
}

/// <summary>What a pipeline run returns: the output schema and rows, in the order the runner produced them.</summary>
public sealed record ResultTable(IReadOnlyList<ReferenceColumn> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>A pipeline the reference cannot evaluate (the generator must never produce one).</summary>
public sealed class ReferenceEvaluationException(string message) : Exception(message);
