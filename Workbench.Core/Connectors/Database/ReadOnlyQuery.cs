using System.Collections.Frozen;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors.Database;

/// <summary>
/// The friendly first check on a source query: one statement that starts with <c>SELECT</c> or <c>WITH</c> and names
/// no statement that writes. It reads past comments, string literals, quoted names and PostgreSQL dollar quotes.
/// </summary>
/// <remarks>
/// This is not the security boundary: the query also runs on a read-only connection or transaction of the engine
/// (see the database source in Infrastructure), which refuses what a text check cannot see, e.g. a function that writes.
/// </remarks>
public static class ReadOnlyQuery
{
    // Words that only a writing or schema-changing statement (or SELECT ... INTO / FOR UPDATE) contains.
    private static readonly FrozenSet<string> WritingWords = new[]
    {
        "INSERT", "UPDATE", "DELETE", "MERGE", "DROP", "ALTER", "CREATE", "TRUNCATE", "GRANT", "REVOKE", "EXEC",
        "EXECUTE", "CALL", "ATTACH", "DETACH", "COPY", "INTO", "PRAGMA", "VACUUM", "REINDEX", "CHECKPOINT",
        "COMMIT", "ROLLBACK", "SAVEPOINT", "DECLARE",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Checks <paramref name="query"/>. On success <paramref name="body"/> is the query without a trailing semicolon,
    /// ready to be wrapped as a subquery; otherwise <paramref name="problem"/> says what to change.
    /// </summary>
    public static bool TryCheck(string? query, out string body, out string? problem)
    {
        body = "";
        problem = null;
        if (string.IsNullOrWhiteSpace(query))
        {
            problem = Text.Pick("Câu truy vấn đang trống.", "The query is empty.");
            return false;
        }
        string? firstWord = null;
        int? semicolon = null;
        var i = 0;
        var s = query;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '-' && At(s, i + 1) == '-')
            {
                var end = s.IndexOf('\n', i);
                i = end < 0 ? s.Length : end + 1;
                continue;
            }
            if (c == '/' && At(s, i + 1) == '*')
            {
                // Note: PostgreSQL nests block comments and SQLite does not; ending at the first */ errs on the side of refusing.
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return Unclosed(out problem);
                }
                i = end + 2;
                continue;
            }
            if (semicolon is not null)
            {
                problem = Text.Pick(
                    "Chỉ được một câu lệnh: hãy bỏ phần sau dấu chấm phẩy.",
                    "Only one statement is allowed: remove what follows the semicolon.");
                return false;
            }
            if (c == ';')
            {
                semicolon = i;
                i++;
                continue;
            }
            if (c is '\'' or '"' or '`' or '[')
            {
                var escapes = c == '\'' && i > 0 && At(s, i - 1) is 'E' or 'e' && !IsWordChar(At(s, i - 2));
                var close = c == '[' ? ']' : c;
                if (!TrySkipQuoted(s, ref i, close, escapes))
                {
                    return Unclosed(out problem);
                }
                continue;
            }
            if (c == '$' && TryDollarTag(s, i, out var tag))
            {
                var end = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                if (end < 0)
                {
                    return Unclosed(out problem);
                }
                i = end + tag.Length;
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && IsWordChar(s[i]))
                {
                    i++;
                }
                var word = s[start..i];
                if (firstWord is null)
                {
                    firstWord = word;
                    if (!word.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !word.Equals("WITH", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }
                }
                else if (WritingWords.Contains(word))
                {
                    problem = Text.Pick(
                        "Câu truy vấn chỉ được đọc dữ liệu; không được dùng {0}.",
                        "The query may only read data; {0} is not allowed.",
                        word.ToUpperInvariant());
                    return false;
                }
                continue;
            }
            if (firstWord is null)
            {
                break;
            }
            i++;
        }
        if (firstWord is null || !(firstWord.Equals("SELECT", StringComparison.OrdinalIgnoreCase) || firstWord.Equals("WITH", StringComparison.OrdinalIgnoreCase)))
        {
            problem = Text.Pick(
                "Câu truy vấn phải bắt đầu bằng SELECT hoặc WITH: nguồn dữ liệu chỉ được đọc.",
                "The query must start with SELECT or WITH: a source is only ever read.");
            return false;
        }
        body = semicolon is { } at ? s[..at] + s[(at + 1)..] : s;
        body = body.Trim();
        return true;
    }

    private static bool Unclosed(out string? problem)
    {
        problem = Text.Pick(
            "Câu truy vấn có chuỗi, tên trong ngoặc hoặc chú thích chưa được đóng.",
            "The query has a string, quoted name or comment that is not closed.");
        return false;
    }

    private static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    // 'it''s', "a""b", [a]]b], `a``b`; E'it\'s' in PostgreSQL's escape strings.
    private static bool TrySkipQuoted(string s, ref int i, char close, bool backslashEscapes)
    {
        var p = i + 1;
        while (p < s.Length)
        {
            if (backslashEscapes && s[p] == '\\')
            {
                p += 2;
                continue;
            }
            if (s[p] == close)
            {
                if (At(s, p + 1) == close)
                {
                    p += 2;
                    continue;
                }
                i = p + 1;
                return true;
            }
            p++;
        }
        return false;
    }

    // $$ or $tag$ (a tag is an identifier without $); $1 is a parameter, not a quote.
    private static bool TryDollarTag(string s, int i, out string tag)
    {
        tag = "";
        if (i > 0 && IsWordChar(s[i - 1]))
        {
            return false;
        }
        var p = i + 1;
        if (p < s.Length && (char.IsDigit(s[p])))
        {
            return false;
        }
        while (p < s.Length && (char.IsLetterOrDigit(s[p]) || s[p] == '_'))
        {
            p++;
        }
        if (p >= s.Length || s[p] != '$')
        {
            return false;
        }
        tag = s[i..(p + 1)];
        return true;
    }
}
