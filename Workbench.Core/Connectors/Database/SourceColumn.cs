using Workbench.Core.Catalog;

namespace Workbench.Core.Connectors.Database;

/// <summary>A column of a source table or query, with the engine's type name and the dataset type proposed for it.</summary>
public sealed record SourceColumn(string Name, string SourceType, ColumnType ProposedType);

/// <summary>
/// What a dry run of a database source shows the editor: the first rows as read, the same rows mapped, the values that
/// did not convert, and a schema proposed for a new dataset (one mapping per source column, named as at the source).
/// </summary>
/// <param name="RawRows">The first rows, every source column as invariant text (null for NULL), in <paramref name="Columns"/>' order.</param>
/// <param name="MappedRows">The rows that converted, one value per mapping, as a <see cref="SourceBatch"/> carries them.</param>
public sealed record DatabaseDryRun(
    IReadOnlyList<SourceColumn> Columns,
    IReadOnlyList<string?[]> RawRows,
    IReadOnlyList<object?[]> MappedRows,
    IReadOnlyList<ConversionProblem> Problems,
    IReadOnlyList<string> UnmappedFields,
    IReadOnlyList<FieldMapping> ProposedSchema);

/// <summary>Proposes a dataset column type from a source column's engine type name and the CLR type its driver reads.</summary>
public static class SourceColumnTypes
{
    /// <summary>
    /// The type a new dataset column should get. Type names first (<c>numeric(12,0)</c> holds integers; SQLite reports
    /// only declared names), then the CLR type; anything else (binary, arrays, JSON, intervals) is text.
    /// </summary>
    public static ColumnType Propose(string? typeName, Type? clrType)
    {
        var name = (typeName ?? "").Trim().ToLowerInvariant();
        var bare = name.Split('(')[0].Trim();
        if (bare.Contains("bool") || bare == "bit")
        {
            return ColumnType.Boolean;
        }
        if (bare.Contains("timestamp") || bare.Contains("datetime"))
        {
            return ColumnType.DateTime;
        }
        if (bare == "date")
        {
            return ColumnType.Date;
        }
        if (bare is "hugeint" or "uhugeint" or "ubigint" or "money" or "smallmoney")
        {
            return ColumnType.Number;
        }
        if (bare.Contains("int") && !bare.Contains("interval") && !bare.Contains("point"))
        {
            return ColumnType.Integer;
        }
        if (bare is "numeric" or "decimal" or "number")
        {
            return HasNoFraction(name) ? ColumnType.Integer : ColumnType.Number;
        }
        if (bare is "real" or "float" or "float4" or "float8" or "double" or "double precision")
        {
            return ColumnType.Number;
        }
        if (bare.Contains("char") || bare.Contains("text") || bare.Contains("clob") || bare.Contains("string"))
        {
            return ColumnType.Text;
        }
        return clrType switch
        {
            _ when clrType == typeof(bool) => ColumnType.Boolean,
            _ when clrType == typeof(long) || clrType == typeof(int) || clrType == typeof(short) || clrType == typeof(byte)
                || clrType == typeof(sbyte) || clrType == typeof(ushort) || clrType == typeof(uint) => ColumnType.Integer,
            _ when clrType == typeof(double) || clrType == typeof(float) || clrType == typeof(decimal) || clrType == typeof(ulong) => ColumnType.Number,
            _ when clrType == typeof(DateOnly) => ColumnType.Date,
            _ when clrType == typeof(DateTime) || clrType == typeof(DateTimeOffset) => ColumnType.DateTime,
            _ => ColumnType.Text,
        };
    }

    // numeric(12,0) or decimal(18) hold whole numbers that fit a long; numeric(38,0) does not.
    private static bool HasNoFraction(string name)
    {
        var open = name.IndexOf('(');
        var close = name.IndexOf(')');
        if (open < 0 || close < open)
        {
            return false;
        }
        var parts = name[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
        return int.TryParse(parts[0], out var precision) && precision <= 18
            && (parts.Length == 1 || (parts.Length == 2 && parts[1] == "0"));
    }
}
