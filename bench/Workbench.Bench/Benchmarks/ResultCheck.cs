using System.Globalization;
using Workbench.Core.Catalog;
using Workbench.Core.Query;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// Checks that the engine and the hand-written SQL gave the same answer, so a ratio never compares two different
/// questions: the same number of rows, and the same values row by row (in order when the order is part of the answer,
/// else after sorting both). Numbers agree to a relative 1e-9, as sums of doubles depend on the order they are added in.
/// </summary>
public static class ResultCheck
{
    public static void Same(string what, IReadOnlyList<OutputColumn> columns, List<object?[]> ours, List<object?[]> hand, bool ordered)
    {
        if (ours.Count != hand.Count)
        {
            throw new InvalidOperationException($"{what}: the engine returned {ours.Count:N0} rows, the hand-written SQL {hand.Count:N0}.");
        }
        if (ours.Count == 0)
        {
            throw new InvalidOperationException($"{what}: no rows; the benchmark question should have an answer.");
        }
        if (!ordered)
        {
            ours = [.. ours.OrderBy(Key, StringComparer.Ordinal)];
            hand = [.. hand.OrderBy(Key, StringComparer.Ordinal)];
        }
        for (var r = 0; r < ours.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (!Equal(ours[r][c], hand[r][c]))
                {
                    throw new InvalidOperationException(
                        $"{what}: row {r + 1}, column '{columns[c].Name}' ({columns[c].Type.ToContractName()}) differs: engine {Show(ours[r][c])}, hand-written {Show(hand[r][c])}.\n" +
                        $"  engine row: {string.Join(" | ", ours[r].Select(Show))}\n  hand row:   {string.Join(" | ", hand[r].Select(Show))}");
                }
            }
        }
    }

    // Sorting key for unordered results: every non-number value (numbers may differ in their last bits).
    private static string Key(object?[] row) =>
        string.Join("\u0001", row.Select(v => v is double ? "" : Show(v)));

    private static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y)),
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
