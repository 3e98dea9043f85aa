using System.Globalization;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;

namespace Workbench.App.Features.Designer;

/// <summary>Key pairs a join probably wants: columns with the same type whose names match, best matches first.</summary>
public static class JoinSuggestions
{
    public static IReadOnlyList<JoinKey> For(IReadOnlyList<StepColumn> left, IReadOnlyList<StepColumn> right)
    {
        var pairs = new List<(JoinKey Key, int Score)>();
        foreach (var l in left)
        {
            var best = right
                .Where(r => r.Type == l.Type)
                .Select(r => (Right: r, Score: Score(l.Name, r.Name)))
                .Where(m => m.Score > 0)
                .OrderByDescending(m => m.Score)
                .FirstOrDefault();
            if (best.Right is not null && pairs.All(p => p.Key.Right != best.Right.Name))
            {
                pairs.Add((new JoinKey(l.Name, best.Right.Name), best.Score));
            }
        }
        // Codes are what joins are made of: "Mã huyện" = "Mã huyện" beats "Năm" = "Năm".
        return [.. pairs.OrderByDescending(p => p.Score).Take(3).Select(p => p.Key)];
    }

    private static int Score(string left, string right)
    {
        var a = Fold(left);
        var b = Fold(right);
        var code = a.StartsWith("ma", StringComparison.Ordinal) || a.StartsWith("id", StringComparison.Ordinal) || a.Contains("code", StringComparison.Ordinal) ? 1 : 0;
        if (a == b)
        {
            return 4 + code;
        }
        // "Mã huyện" on the left, "Mã" on a district list: the right name is the key word of the left.
        if (a.StartsWith(b + " ", StringComparison.Ordinal) || b.StartsWith(a + " ", StringComparison.Ordinal))
        {
            return 2 + code;
        }
        return 0;
    }

    // Case and accents do not matter for matching names: "Mã Huyện" ≈ "ma huyen".
    private static string Fold(string name)
    {
        var folded = name.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. folded.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
    }

    /// <summary>The columns of a dataset as a step's columns.</summary>
    public static IReadOnlyList<StepColumn> ColumnsOf(Dataset dataset) =>
        [.. dataset.OrderedColumns.Select(c => new StepColumn(c.Name, c.Type))];
}
