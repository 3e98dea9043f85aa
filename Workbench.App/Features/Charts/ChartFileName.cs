using System.Text;

namespace Workbench.App.Features.Charts;

/// <summary>A download's file name from a chart's title: Vietnamese letters kept, characters file systems refuse replaced.</summary>
public static class ChartFileName
{
    private const int MaxLength = 100;

    // Windows refuses these (and control characters); Linux and macOS refuse '/' alone, so the stricter set is used.
    private static readonly char[] Refused = ['\\', '/', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>The title made safe, or <paramref name="fallback"/> when nothing is left; without extension (Plotly adds it).</summary>
    public static string From(string? title, string fallback)
    {
        var name = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormC))
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || Array.IndexOf(Refused, c) >= 0)
            {
                if (name.Length > 0 && name[^1] != ' ')
                {
                    name.Append(' ');
                }
            }
            else
            {
                name.Append(c);
            }
        }
        var text = name.ToString().Trim(' ', '.');
        if (text.Length > MaxLength)
        {
            text = text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)].TrimEnd(' ', '.');
        }
        return text.Length == 0 ? fallback : text;
    }
}
