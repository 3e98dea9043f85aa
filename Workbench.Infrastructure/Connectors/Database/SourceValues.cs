using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>
/// Reads a row's values and widens the drivers' own CLR types (unsigned integers, float, BigInteger, DateTimeOffset,
/// byte arrays) to those <see cref="CellParser"/> converts, which stays the one place where values meet column types.
/// </summary>
internal static class SourceValues
{
    /// <summary>A value the driver could not read (e.g. a PostgreSQL numeric beyond decimal's range).</summary>
    public sealed record Unreadable(string Message);

    public static void Read(DbDataReader reader, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = reader.IsDBNull(i) ? null : Widen(reader.GetValue(i));
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentOutOfRangeException)
            {
                values[i] = new Unreadable(e.Message);
            }
        }
    }

    public static object? Widen(object? value) => value switch
    {
        null or DBNull => null,
        sbyte v => (long)v,
        ushort v => (long)v,
        uint v => (long)v,
        ulong v => v <= long.MaxValue ? (long)v : (decimal)v,
        // float's shortest text, so 1.1f becomes 1.1 and not 1.100000023841858
        float v => double.Parse(v.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        BigInteger v => v >= long.MinValue && v <= long.MaxValue ? (long)v : (double)v,
        // timestamptz and datetimeoffset: the UTC clock time, as a column type without a time zone holds it
        DateTimeOffset v => v.UtcDateTime,
        byte[] v => "0x" + Convert.ToHexString(v),
        char v => v.ToString(),
        _ => value,
    };

    /// <summary>A read value as invariant text (dates ISO), for dry runs and problem reports.</summary>
    public static string? Text(object? value) => value switch
    {
        Unreadable => null,
        _ => CellParser.FormatInvariant(value),
    };
}
