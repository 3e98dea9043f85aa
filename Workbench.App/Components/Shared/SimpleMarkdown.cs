using System.Text;

namespace Workbench.App.Components.Shared;

public enum MarkdownBlockKind
{
    Heading1,
    Heading2,
    Heading3,
    Paragraph,
    BulletList,
    NumberedList,
}

/// <summary>A run of text, bold and/or italic, or a link (http, https or mailto only).</summary>
public sealed record MarkdownSpan(string Text, bool Bold = false, bool Italic = false, string? Link = null);

/// <summary>A block: a heading or a paragraph has one line per source line; a list has one line per item.</summary>
public sealed record MarkdownBlock(MarkdownBlockKind Kind, IReadOnlyList<IReadOnlyList<MarkdownSpan>> Lines);

/// <summary>
/// The small part of Markdown a dashboard's text tile needs — headings (#, ##, ###), paragraphs, "- " and "1. " lists,
/// **bold**, *italic*, [links](https://…) — parsed into blocks of plain text runs. Never HTML: whatever else is in the
/// text (tags, scripts, other markup) stays text, and a link to any other scheme (javascript:) stays its words.
/// </summary>
public static class SimpleMarkdown
{
    private static readonly string[] Schemes = ["https://", "http://", "mailto:"];

    public static IReadOnlyList<MarkdownBlock> Parse(string? text)
    {
        var blocks = new List<MarkdownBlock>();
        MarkdownBlockKind? open = null;
        var lines = new List<IReadOnlyList<MarkdownSpan>>();
        void Close()
        {
            if (open is { } kind && lines.Count > 0)
            {
                blocks.Add(new MarkdownBlock(kind, [.. lines]));
            }
            open = null;
            lines.Clear();
        }
        void Add(MarkdownBlockKind kind, string content)
        {
            if (open != kind || kind is MarkdownBlockKind.Heading1 or MarkdownBlockKind.Heading2 or MarkdownBlockKind.Heading3)
            {
                Close();
                open = kind;
            }
            lines.Add(Inline(content));
        }

        foreach (var raw in (text ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Close();
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                Add(MarkdownBlockKind.Heading3, line[4..]);
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Add(MarkdownBlockKind.Heading2, line[3..]);
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                Add(MarkdownBlockKind.Heading1, line[2..]);
            }
            else if (line.Length > 2 && line[0] is '-' or '*' or '+' && line[1] == ' ')
            {
                Add(MarkdownBlockKind.BulletList, line[2..]);
            }
            else if (NumberedItem(line) is { } item)
            {
                Add(MarkdownBlockKind.NumberedList, item);
            }
            else
            {
                Add(open is MarkdownBlockKind.BulletList or MarkdownBlockKind.NumberedList ? open.Value : MarkdownBlockKind.Paragraph, line);
            }
        }
        Close();
        return blocks;
    }

    private static string? NumberedItem(string line)
    {
        var digits = 0;
        while (digits < line.Length && digits < 4 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }
        return digits > 0 && line.Length > digits + 2 && line[digits] is '.' or ')' && line[digits + 1] == ' ' ? line[(digits + 2)..] : null;
    }

    /// <summary>Bold (**…**), italic (*…* or _…_) and links in one line; an unmatched marker stays as text.</summary>
    public static IReadOnlyList<MarkdownSpan> Inline(string line)
    {
        var spans = new List<MarkdownSpan>();
        var text = new StringBuilder();
        bool bold = false, italic = false;
        void Flush()
        {
            if (text.Length > 0)
            {
                spans.Add(new MarkdownSpan(text.ToString(), bold, italic));
                text.Clear();
            }
        }
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && "\\*_[]()#-".Contains(line[i + 1]))
            {
                text.Append(line[++i]);
            }
            else if (line[i] == '*' && i + 1 < line.Length && line[i + 1] == '*' && (bold || line.IndexOf("**", i + 2, StringComparison.Ordinal) > i + 2))
            {
                Flush();
                bold = !bold;
                i++;
            }
            else if (line[i] is '*' or '_' && (italic || line.IndexOf(line[i], i + 1) > i + 1) && !(line[i] == '_' && i > 0 && char.IsLetterOrDigit(line[i - 1])))
            {
                Flush();
                italic = !italic;
            }
            else if (line[i] == '[' && Link(line, i) is { } link)
            {
                Flush();
                spans.Add(new MarkdownSpan(link.Text, bold, italic, link.Url));
                i = link.End;
            }
            else
            {
                text.Append(line[i]);
            }
        }
        Flush();
        return spans;
    }

    private static (string Text, string? Url, int End)? Link(string line, int start)
    {
        var close = line.IndexOf("](", start + 1, StringComparison.Ordinal);
        if (close <= start + 1)
        {
            return null;
        }
        // The address ends at its matching parenthesis: addresses may hold parentheses of their own.
        var end = -1;
        for (int i = close + 2, depth = 0; i < line.Length && end < 0; i++)
        {
            depth += line[i] switch { '(' => 1, ')' => -1, _ => 0 };
            end = depth < 0 ? i : -1;
        }
        if (end < 0)
        {
            return null;
        }
        var url = line[(close + 2)..end].Trim();
        var safe = Schemes.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ? url : null;
        return (line[(start + 1)..close], safe, end);
    }
}
