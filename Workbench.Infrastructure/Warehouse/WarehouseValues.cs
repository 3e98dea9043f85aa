using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Warehouse;

/// <summary>Brings incoming values to the CLR convention of <see cref="ColumnType"/>, refusing what does not fit.</summary>
public static class WarehouseValues
{
    /// <summary>
    /// The canonical value (long, double, string, bool, DateOnly, DateTime of kind Unspecified, or null).
    /// Lossless widenings (int to long, float to double) are accepted; anything else is a <see cref="WarehouseLoadException"/>.
    /// </summary>
    public static object? Normalize(object? value, WarehouseColumn column, long rowNumber) => (column.Type, value) switch
    {
        (_, null or DBNull) => null,
        // Values already canonical are returned as they came, not boxed again (a load normalizes millions).
        (ColumnType.Integer, long) or (ColumnType.Number, double) or (ColumnType.Text, string) or (ColumnType.Boolean, bool) or (ColumnType.Date, DateOnly)
            or (ColumnType.DateTime, DateTime { Kind: DateTimeKind.Unspecified }) => value,
        (ColumnType.Integer, int v) => (long)v,
        (ColumnType.Integer, short v) => (long)v,
        (ColumnType.Integer, byte v) => (long)v,
        (ColumnType.Number, float v) => (double)v,
        (ColumnType.Number, decimal v) => (double)v,
        (ColumnType.Number, long v) => (double)v,
        (ColumnType.Number, int v) => (double)v,
        (ColumnType.DateTime, DateTime v) => v.Kind == DateTimeKind.Unspecified ? v : DateTime.SpecifyKind(v, DateTimeKind.Unspecified),
        _ => throw new WarehouseLoadException(
            $"Row {rowNumber}, column {column.Name}: a {value.GetType().Name} cannot be stored in a {column.Type.ToContractName()} column."),
    };

    /// <summary>
    /// A query result value in the CLR convention of <paramref name="type"/>: engines widen aggregates (DuckDB's
    /// HUGEINT sums, PostgreSQL's numeric sums of bigint), so any numeric provider type is accepted here.
    /// </summary>
    public static object ToClr(object value, ColumnType type) => (type, value) switch
    {
        (ColumnType.Integer, long v) => v,
        (ColumnType.Integer, int v) => (long)v,
        (ColumnType.Integer, short v) => (long)v,
        (ColumnType.Integer, byte v) => (long)v,
        (ColumnType.Integer, sbyte v) => (long)v,
        (ColumnType.Integer, uint v) => (long)v,
        (ColumnType.Integer, ulong v) => checked((long)v),
        (ColumnType.Integer, Int128 v) => checked((long)v),
        (ColumnType.Integer, UInt128 v) => checked((long)v),
        (ColumnType.Integer, System.Numerics.BigInteger v) => (long)v,
        (ColumnType.Integer, decimal v) => decimal.ToInt64(decimal.Truncate(v)),
        (ColumnType.Integer, double v) => checked((long)v),
        (ColumnType.Number, double v) => v,
        (ColumnType.Number, float v) => (double)v,
        (ColumnType.Number, decimal v) => (double)v,
        (ColumnType.Number, long v) => (double)v,
        (ColumnType.Number, int v) => (double)v,
        (ColumnType.Number, Int128 v) => (double)v,
        (ColumnType.Number, System.Numerics.BigInteger v) => (double)v,
        (ColumnType.Text, string v) => v,
        (ColumnType.Boolean, bool v) => v,
        (ColumnType.Date, DateOnly v) => v,
        (ColumnType.Date, DateTime v) => DateOnly.FromDateTime(v),
        (ColumnType.DateTime, DateTime v) => v.Kind == DateTimeKind.Unspecified ? v : DateTime.SpecifyKind(v, DateTimeKind.Unspecified),
        (ColumnType.DateTime, DateTimeOffset v) => v.DateTime,
        (ColumnType.DateTime, DateOnly v) => v.ToDateTime(TimeOnly.MinValue),
        (ColumnType.Text, _) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        _ => throw new InvalidCastException($"A {value.GetType().Name} from the warehouse does not fit a {type.ToContractName()} column."),
    };

    /// <summary>Checks a row's width; every engine's bulk path calls this before reading values.</summary>
    public static void CheckWidth(object?[] row, int columnCount, long rowNumber)
    {
        if (row is null || row.Length != columnCount)
        {
            throw new WarehouseLoadException($"Row {rowNumber} has {row?.Length ?? 0} values; the load has {columnCount} columns.");
        }
    }
}
