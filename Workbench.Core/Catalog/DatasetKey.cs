using System.Text.RegularExpressions;

namespace Workbench.Core.Catalog;

/// <summary>Rules for dataset keys: lower-case ASCII slugs such as <c>dan-so-huyen</c>.</summary>
public static partial class DatasetKey
{
    public const int MaxLength = 64;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(key);

    /// <summary>The physical table name of a dataset, from its id: never from user text.</summary>
    public static string TableNameFor(int datasetId) => $"ds_{datasetId}";

    /// <summary>The physical name of the column at a zero-based position.</summary>
    public static string PhysicalColumnName(int index) => $"c{index + 1}";

    /// <summary>Makes a slug from any name: Vietnamese letters lose their marks, đ becomes d.</summary>
    public static string Slugify(string name)
    {
        var folded = name.Replace('đ', 'd').Replace('Đ', 'D').Normalize(System.Text.NormalizationForm.FormD);
        var builder = new System.Text.StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-');
        }
        var slug = Dashes().Replace(builder.ToString(), "-").Trim('-');
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
