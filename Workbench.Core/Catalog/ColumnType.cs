namespace Workbench.Core.Catalog;

/// <summary>The column types of PIPELINE.md. Every column may hold null.</summary>
/// <remarks>
/// CLR values that travel between readers, the warehouse and the API:
/// <c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c>, <c>DateOnly</c>, <c>DateTime</c> (no time zone), or null.
/// </remarks>
public enum ColumnType
{
    Integer,
    Number,
    Text,
    Boolean,
    Date,
    DateTime,
}

/// <summary>The contract names of <see cref="ColumnType"/> (<c>integer</c>, <c>number</c>, ...).</summary>
public static class ColumnTypes
{
    public static IReadOnlyList<ColumnType> All { get; } = Enum.GetValues<ColumnType>();

    /// <summary>The name used in JSON and in the API: <c>integer</c>, <c>number</c>, <c>text</c>, <c>boolean</c>, <c>date</c>, <c>datetime</c>.</summary>
    public static string ToContractName(this ColumnType type) => type switch
    {
        ColumnType.Integer => "integer",
        ColumnType.Number => "number",
        ColumnType.Text => "text",
        ColumnType.Boolean => "boolean",
        ColumnType.Date => "date",
        ColumnType.DateTime => "datetime",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a contract name, case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? name, out ColumnType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToContractName(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>The CLR type a value of this column type has in memory.</summary>
    public static Type ClrType(this ColumnType type) => type switch
    {
        ColumnType.Integer => typeof(long),
        ColumnType.Number => typeof(double),
        ColumnType.Text => typeof(string),
        ColumnType.Boolean => typeof(bool),
        ColumnType.Date => typeof(DateOnly),
        ColumnType.DateTime => typeof(DateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
