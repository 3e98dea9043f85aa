using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Expressions;

namespace Workbench.App.Features.Designer;

/// <summary>A completion: what the list shows, the text that replaces the word being typed, and for functions their name (for the description).</summary>
public sealed record Completion(string Label, string Insert, string? Function = null, StepColumn? Column = null);

/// <summary>
/// Completions for the word at the end of an expression: inside an open <c>[</c> the columns (or, after <c>[@</c>,
/// the parameters); after letters the catalogue's functions. Pure, so the editor's behaviour is tested without a browser.
/// </summary>
public static class ExpressionCompletions
{
    public const int MaxShown = 12;

    /// <summary>The start of the word being completed and the completions for it (empty when there is nothing to complete).</summary>
    public static (int From, IReadOnlyList<Completion> Items) For(
        string text, IReadOnlyList<StepColumn> columns, IReadOnlyList<PipelineParameter> parameters)
    {
        var open = text.LastIndexOf('[');
        if (open >= 0 && text.IndexOf(']', open) < 0 && !InString(text, open))
        {
            var partial = text[(open + 1)..];
            IEnumerable<Completion> items = partial.StartsWith('@')
                ? parameters.Where(p => Matches(p.Name, partial[1..])).Select(p => new Completion("@" + p.Name, $"[@{p.Name}]"))
                : columns.Where(c => Matches(c.Name, partial)).Select(c => new Completion(c.Name, $"[{c.Name}]", Column: c));
            return (open, [.. items.Take(MaxShown)]);
        }
        var start = text.Length;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }
        if (start == text.Length || InString(text, start))
        {
            return (text.Length, []);
        }
        var word = text[start..];
        return (start, [.. FunctionCatalog.Arity.Keys
            .Where(f => f.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase)
            .Take(MaxShown)
            .Select(f => new Completion(f + "()", FunctionCatalog.Arity[f].Max == 0 ? f + "()" : f + "(", Function: f))]);
    }

    /// <summary>The text with the completion applied.</summary>
    public static string Apply(string text, int from, Completion completion) => text[..from] + completion.Insert;

    // Accent- and case-insensitive "contains", so typing "dan so" finds "Dân số".
    private static bool Matches(string name, string partial) =>
        partial.Length == 0
        || System.Globalization.CultureInfo.InvariantCulture.CompareInfo.IndexOf(name, partial.Trim(),
            System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace) >= 0;

    // Inside a string literal nothing is completed: count the unescaped quotes before the position.
    private static bool InString(string text, int position)
    {
        var inside = false;
        for (var i = 0; i < position; i++)
        {
            if (text[i] == '\\' && inside)
            {
                i++;
            }
            else if (text[i] == '\'')
            {
                inside = !inside;
            }
        }
        return inside;
    }
}
