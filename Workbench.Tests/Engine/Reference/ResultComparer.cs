using System.Globalization;
using System.Text;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// Compares an engine result with the reference's: same column names and types; rows as an ordered list when the
/// pipeline determines the order, else as a multiset. Numbers match within an absolute 1e-6 or relative 1e-9
/// (number is DOUBLE on DuckDB and decimal(38,10) on PostgreSQL).
/// </summary>
public static class ResultComparer
{
    public const double AbsoluteTolerance = 1e-6;
    public const double RelativeTolerance = 1e-9;

    /// <summary>Null when the results agree, else a description of the first difference.</summary>
    public static string? Compare(ResultTable expected, ResultTable actual, bool ordered)
    {
        var expectedSchema = string.Join(", ", expected.Columns.Select(c => $"{c.Name}:{c.Type.ToContractName()}"));
        var actualSchema = string.Join(", ", actual.Columns.Select(c => $"{c.Name}:{c.Type.ToContractName()}"));
        if (expectedSchema != actualSchema)
        {
            return $"Columns differ.\n  expected: {expectedSchema}\n  actual:   {actualSchema}";
        }
        var types = expected.Columns.Select(c => c.Type).ToArray();
        var actualRows = actual.Rows.Select(r => Normalize(r, types)).ToList();
        var expectedRows = expected.Rows.Select(r => Normalize(r, types)).ToList();
        if (expectedRows.Count != actualRows.Count)
        {
            return $"Row counts differ: expected {expectedRows.Count}, actual {actualRows.Count}.";
        }
        return ordered ? CompareOrdered(expectedRows, actualRows) : CompareMultiset(expectedRows, actualRows, types);
    }

    /// <summary>
    /// True when the output order is fully determined: the last order-changing step is a sort over every column of
    /// its input (so only identical rows can tie), followed only by filter, compute, select or limit.
    /// </summary>
    public static bool IsOrderDetermined(DifferentialCase c)
    {
        var pipeline = c.Pipeline;
        var steps = pipeline["steps"]?.AsArray().Select(s => s!.AsObject()).ToList() ?? [];
        var last = steps.Count - 1;
        while (last >= 0 && (string?)steps[last]["type"] is "filter" or "compute" or "select" or "limit")
        {
            last--;
        }
        if (last < 0 || (string?)steps[last]["type"] != "sort")
        {
            return false;
        }
        var evaluator = new ReferenceEvaluator(c.Datasets);
        var parameters = ReferenceEvaluator.Parameters(pipeline, c.Arguments);
        var table = evaluator.Source(pipeline);
        for (var i = 0; i < last; i++)
        {
            table = evaluator.ApplyStep(table, steps[i], parameters);
        }
        var keys = steps[last]["by"]!.AsArray().Select(k => (string)k!["column"]!).ToHashSet();
        return table.Columns.All(col => keys.Contains(col.Name));
    }

    private static string? CompareOrdered(List<object?[]> expected, List<object?[]> actual)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            if (!RowsMatch(expected[i], actual[i]))
            {
                return $"Row {i} differs.\n  expected: {Show(expected[i])}\n  actual:   {Show(actual[i])}";
            }
        }
        return null;
    }

    /// <summary>Buckets rows by their non-number values (exact), then matches numbers within the tolerance.</summary>
    private static string? CompareMultiset(List<object?[]> expected, List<object?[]> actual, ColumnType[] types)
    {
        string Key(object?[] row) => string.Join("\u001f", row.Select((v, i) => types[i] == ColumnType.Number ? "#" : Show(v)));
        var buckets = actual.GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var row in expected)
        {
            if (!buckets.TryGetValue(Key(row), out var candidates) || candidates.FindIndex(c => RowsMatch(row, c)) is var at && at < 0)
            {
                return $"Expected row not in the actual result: {Show(row)}";
            }
            candidates.RemoveAt(at);
        }
        return null;
    }

    private static bool RowsMatch(object?[] expected, object?[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (!ValueMatches(expected[i], actual[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ValueMatches(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double a, double b) => Math.Abs(a - b) <= AbsoluteTolerance || Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => expected.Equals(actual),
    };

    /// <summary>Brings driver values (int, decimal, DateTime for a date, ...) to the reference's CLR types.</summary>
    private static object?[] Normalize(object?[] row, ColumnType[] types) =>
        row.Select((v, i) => v is null || v is DBNull ? null : types[i] switch
        {
            ColumnType.Integer => Convert.ToInt64(v, CultureInfo.InvariantCulture),
            ColumnType.Number => Convert.ToDouble(v, CultureInfo.InvariantCulture),
            ColumnType.Date => v switch
            {
                DateTime t => DateOnly.FromDateTime(t),
                string s => DateOnly.Parse(s, CultureInfo.InvariantCulture),
                _ => v,
            },
            ColumnType.DateTime => v switch
            {
                DateTimeOffset o => o.DateTime,
                DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                string s => DateTime.Parse(s, CultureInfo.InvariantCulture),
                _ => v,
            },
            _ => v,
        }).ToArray();

    private static string Show(object?[] row) => "[" + string.Join(", ", row.Select(Show)) + "]";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        _ => ReferenceSemantics.ToText(value),
    };

    /// <summary>A result as a readable table, for failure messages.</summary>
    public static string Describe(ResultTable table, int maxRows = 20)
    {
        var builder = new StringBuilder();
        builder.AppendLine(string.Join(" | ", table.Columns.Select(c => $"{c.Name}:{c.Type.ToContractName()}")));
        foreach (var row in table.Rows.Take(maxRows))
        {
            builder.AppendLine(Show(row));
        }
        if (table.Rows.Count > maxRows)
        {
            builder.AppendLine($"... {table.Rows.Count - maxRows} more rows");
        }
        return builder.ToString();
    }
}
