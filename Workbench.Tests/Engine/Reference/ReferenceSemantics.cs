using System.Globalization;

namespace Workbench.Tests.Engine.Reference;

/// <summary>Where nulls go when rows are ordered (sort step, window orderBy, pivot values).</summary>
public enum NullOrdering
{
    /// <summary>Nulls after every value, ascending or descending (DuckDB's default; <c>NULLS LAST</c> elsewhere).</summary>
    AlwaysLast,
    /// <summary>Nulls before every value, ascending or descending.</summary>
    AlwaysFirst,
    /// <summary>Nulls compare as the smallest value: first ascending, last descending (SQL Server's default).</summary>
    Smallest,
    /// <summary>Nulls compare as the largest value: last ascending, first descending (PostgreSQL's default).</summary>
    Largest,
}

/// <summary>
/// Every choice the reference makes where PIPELINE.md is silent, in one place so that it can be
/// aligned with the engine. Each switch is read by the evaluator; change it here, nowhere else.
/// </summary>
public static class ReferenceSemantics
{
    /// <summary>Null placement for sort, window orderBy and ranked functions.</summary>
    public static NullOrdering NullOrdering { get; set; } = NullOrdering.AlwaysLast;

    /// <summary>
    /// runningSum uses SQL's default frame (RANGE UNBOUNDED PRECEDING .. CURRENT ROW): rows that tie on
    /// the orderBy columns (peers) get the same running sum. False = ROWS frame, strictly row by row.
    /// </summary>
    public static bool RunningSumIncludesPeers { get; set; } = true;

    /// <summary>
    /// <c>Concat(a, b, ...)</c> treats null arguments as empty text, like CONCAT on DuckDB, PostgreSQL
    /// and SQL Server. (The <c>+</c> operator, by contrast, propagates null.)
    /// </summary>
    public static bool ConcatTreatsNullAsEmpty { get; set; } = true;

    /// <summary>
    /// <c>Min(a, b)</c> and <c>Max(a, b)</c> give null when either argument is null (the contract's
    /// "comparison with null yields null"); note that LEAST/GREATEST on PostgreSQL and DuckDB ignore nulls.
    /// </summary>
    public static bool MinMaxPropagateNull { get; set; } = true;

    /// <summary>Vietnamese culture: ICU collation for ordering, casing for Upper/Lower/Contains/like.</summary>
    public static CultureInfo Vietnamese { get; } = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Vietnamese order (a ă â b c d đ e ê ...), case-sensitive so that distinct texts do not tie.</summary>
    public static StringComparer TextOrder { get; } = StringComparer.Create(Vietnamese, false);

    /// <summary>
    /// DateDiff counts calendar boundaries crossed, like SQL Server's DATEDIFF and DuckDB's date_diff:
    /// day = midnights between the dates (time of day ignored), month = month starts crossed
    /// (2024-01-31 → 2024-02-01 is 1), year = 1 Januaries crossed (2024-12-31 → 2025-01-01 is 1).
    /// Negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public static long? DateDiff(string unit, DateTime from, DateTime to) => unit.ToLowerInvariant() switch
    {
        "day" => (long)(to.Date - from.Date).TotalDays,
        "month" => (to.Year * 12L + to.Month) - (from.Year * 12L + from.Month),
        "year" => (long)to.Year - from.Year,
        _ => null,
    };

    /// <summary>
    /// Round half away from zero on the value's shortest decimal text (the value as decimal(38,10) holds it),
    /// so Round(2.675, 2) = 2.68 although the double 2.675 is 2.67499999...; DuckDB rounding the raw double
    /// would give 2.67, which is why generated numbers are multiples of 1/8 (exact in binary).
    /// </summary>
    public static double Round(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 7.9e27)
        {
            return value;
        }
        if (digits < 0)
        {
            var scale = Math.Pow(10, -digits);
            return (double)(Math.Round((decimal)value / (decimal)scale, 0, MidpointRounding.AwayFromZero) * (decimal)scale);
        }
        return (double)Math.Round((decimal)value, Math.Min(digits, 28), MidpointRounding.AwayFromZero);
    }

    /// <summary>Integer rounding with negative digits (Round(1250, -2) = 1300); non-negative digits leave it unchanged.</summary>
    public static long Round(long value, int digits)
    {
        if (digits >= 0)
        {
            return value;
        }
        return (long)Round((double)value, digits);
    }

    /// <summary>Lower-casing for the case-insensitive text functions: vi-VN casing, diacritics kept.</summary>
    public static string Fold(string text) => text.ToLower(Vietnamese);

    /// <summary>
    /// Orders two non-null values of the same column type: numbers numerically (integer and number mixed),
    /// text in Vietnamese order, false before true, dates and datetimes chronologically.
    /// </summary>
    public static int CompareValues(object left, object right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (long a, double b) => ((double)a).CompareTo(b),
        (double a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => TextOrder.Compare(a, b),
        (bool a, bool b) => a.CompareTo(b),
        (DateOnly a, DateOnly b) => a.CompareTo(b),
        (DateTime a, DateTime b) => a.CompareTo(b),
        (DateOnly a, DateTime b) => a.ToDateTime(TimeOnly.MinValue).CompareTo(b),
        (DateTime a, DateOnly b) => a.CompareTo(b.ToDateTime(TimeOnly.MinValue)),
        _ => throw new ReferenceEvaluationException($"Cannot compare {left.GetType().Name} with {right.GetType().Name}."),
    };

    /// <summary>Orders values for a sort key, nulls placed by <see cref="NullOrdering"/>.</summary>
    public static int CompareForSort(object? left, object? right, bool descending) =>
        CompareForSort(left, right, descending, NullOrdering);

    public static int CompareForSort(object? left, object? right, bool descending, NullOrdering nullOrdering)
    {
        if (left is null || right is null)
        {
            if (left is null && right is null)
            {
                return 0;
            }
            var nullFirst = nullOrdering switch
            {
                NullOrdering.AlwaysFirst => true,
                NullOrdering.AlwaysLast => false,
                NullOrdering.Smallest => !descending,
                _ => descending,
            };
            return (left is null) == nullFirst ? -1 : 1;
        }
        var order = CompareValues(left, right);
        return descending ? -order : order;
    }

    /// <summary>Equality used by grouping, distinct, joins and union: exact (text ordinal, numbers by value).</summary>
    public static bool ValuesEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        _ => left.Equals(right),
    };

    /// <summary>The text a value has as a pivot column name or ToText result.</summary>
    public static string ToText(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>Equality of whole rows (or keys) with <see cref="ReferenceSemantics.ValuesEqual"/>.</summary>
public sealed class RowKeyComparer : IEqualityComparer<object?[]>
{
    public static RowKeyComparer Instance { get; } = new();

    public bool Equals(object?[]? x, object?[]? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }
        if (x.Length != y.Length)
        {
            return false;
        }
        for (var i = 0; i < x.Length; i++)
        {
            if (!ReferenceSemantics.ValuesEqual(x[i], y[i]))
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(object?[] obj)
    {
        var hash = new HashCode();
        foreach (var value in obj)
        {
            // Integers and numbers that are equal must hash alike.
            hash.Add(value switch { long l => (double)l, null => 0, _ => value });
        }
        return hash.ToHashCode();
    }
}
