using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;

namespace Workbench.App.Features.Designer;

/// <summary>The comparisons the filter builder offers.</summary>
public enum FilterComparison
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Contains,
    StartsWith,
    EndsWith,
    IsEmpty,
    IsNotEmpty,
}

/// <summary>One row of the filter builder: a column, a comparison and the value as the user typed it.</summary>
public sealed record FilterCondition(string Column, FilterComparison Operator, string Value = "");

/// <summary>
/// The filter builder's rows joined by AND or OR, written as an NCalc expression, and read back from one it wrote.
/// Values are typed by the column: text is quoted with NCalc's escapes, numbers accept vi-VN or invariant decimals,
/// dates are typed dd/MM/yyyy and written as <c>Date(y, m, d)</c>. What the builder cannot express stays in the text editor.
/// </summary>
public static partial class FilterConditions
{
    public static bool NeedsValue(FilterComparison op) => op is not (FilterComparison.IsEmpty or FilterComparison.IsNotEmpty);

    /// <summary>The operators that fit a column type.</summary>
    public static IReadOnlyList<FilterComparison> For(ColumnType type) => type switch
    {
        ColumnType.Text => [FilterComparison.Equal, FilterComparison.NotEqual, FilterComparison.Contains, FilterComparison.StartsWith,
            FilterComparison.EndsWith, FilterComparison.IsEmpty, FilterComparison.IsNotEmpty],
        ColumnType.Boolean => [FilterComparison.Equal, FilterComparison.NotEqual, FilterComparison.IsEmpty, FilterComparison.IsNotEmpty],
        _ => [FilterComparison.Equal, FilterComparison.NotEqual, FilterComparison.Greater, FilterComparison.GreaterOrEqual,
            FilterComparison.Less, FilterComparison.LessOrEqual, FilterComparison.IsEmpty, FilterComparison.IsNotEmpty],
    };

    /// <summary>The expression, or null with the row that cannot be written (a value that does not fit its column's type).</summary>
    public static (string? Expression, int? BadRow) Write(IReadOnlyList<FilterCondition> conditions, bool any, IReadOnlyList<StepColumn> columns)
    {
        var parts = new List<string>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            var type = columns.FirstOrDefault(c => c.Name == condition.Column)?.Type;
            if (type is null || Write(condition, type.Value) is not { } part)
            {
                return (null, i);
            }
            parts.Add(part);
        }
        return (string.Join(any ? " or " : " and ", parts), null);
    }

    /// <summary>The builder rows of an expression the builder wrote; null when it is anything else.</summary>
    public static (IReadOnlyList<FilterCondition> Conditions, bool Any)? Read(string expression, IReadOnlyList<StepColumn> columns)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return ([], false);
        }
        foreach (var any in new[] { false, true })
        {
            var conditions = new List<FilterCondition>();
            foreach (var part in SplitOutsideStrings(expression, any ? " or " : " and "))
            {
                if (ReadOne(part.Trim()) is not { } condition)
                {
                    conditions = null;
                    break;
                }
                conditions.Add(condition);
            }
            // Only what the builder would write back the same way counts, so no meaning is lost by switching modes.
            if (conditions is not null && Write(conditions, any, columns).Expression == expression.Trim())
            {
                return (conditions, any);
            }
        }
        return null;
    }

    private static string? Write(FilterCondition condition, ColumnType type)
    {
        var column = $"[{condition.Column}]";
        if (!NeedsValue(condition.Operator))
        {
            return condition.Operator == FilterComparison.IsEmpty ? $"IsNull({column})" : $"not IsNull({column})";
        }
        if (Literal(condition.Value, type) is not { } value)
        {
            return null;
        }
        return condition.Operator switch
        {
            FilterComparison.Equal => $"{column} = {value}",
            FilterComparison.NotEqual => $"{column} != {value}",
            FilterComparison.Greater => $"{column} > {value}",
            FilterComparison.GreaterOrEqual => $"{column} >= {value}",
            FilterComparison.Less => $"{column} < {value}",
            FilterComparison.LessOrEqual => $"{column} <= {value}",
            FilterComparison.Contains => $"Contains({column}, {value})",
            FilterComparison.StartsWith => $"StartsWith({column}, {value})",
            _ => $"EndsWith({column}, {value})",
        };
    }

    /// <summary>The NCalc literal of a typed value; null when it does not fit the type.</summary>
    public static string? Literal(string text, ColumnType type)
    {
        text = text.Trim();
        switch (type)
        {
            case ColumnType.Text:
                return "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
            case ColumnType.Integer:
                return long.TryParse(text.Replace(".", "").Replace(" ", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                    ? whole.ToString(CultureInfo.InvariantCulture) : null;
            case ColumnType.Number:
                return ParseNumber(text) is { } number ? number.ToString("0.##########", CultureInfo.InvariantCulture) : null;
            case ColumnType.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "đúng" or "có" => "true",
                    "false" or "sai" or "không" => "false",
                    _ => null,
                };
            default:
                return TryParseDate(text, out var date) ? $"Date({date.Year}, {date.Month}, {date.Day})" : null;
        }
    }

    /// <summary>A date as people here type it (31/12/2024, 1/2/2024) or in ISO form.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // "1.234,5" (vi-VN) or "1234.5" (invariant): a comma means the Vietnamese form.
    private static decimal? ParseNumber(string text)
    {
        var culture = text.Contains(',') ? CultureInfo.GetCultureInfo("vi-VN") : CultureInfo.InvariantCulture;
        return decimal.TryParse(text, NumberStyles.Number, culture, out var value) ? value : null;
    }

    private static FilterCondition? ReadOne(string part)
    {
        if (NullTest().Match(part) is { Success: true } n)
        {
            return new FilterCondition(n.Groups["c"].Value, n.Groups["not"].Success ? FilterComparison.IsNotEmpty : FilterComparison.IsEmpty);
        }
        if (TextTest().Match(part) is { Success: true } t)
        {
            var op = t.Groups["f"].Value switch
            {
                "Contains" => FilterComparison.Contains,
                "StartsWith" => FilterComparison.StartsWith,
                _ => FilterComparison.EndsWith,
            };
            return new FilterCondition(t.Groups["c"].Value, op, Value(t.Groups["v"].Value));
        }
        if (Comparison().Match(part) is { Success: true } c)
        {
            var op = c.Groups["op"].Value switch
            {
                "=" => FilterComparison.Equal,
                "!=" => FilterComparison.NotEqual,
                ">" => FilterComparison.Greater,
                ">=" => FilterComparison.GreaterOrEqual,
                "<" => FilterComparison.Less,
                _ => FilterComparison.LessOrEqual,
            };
            return new FilterCondition(c.Groups["c"].Value, op, Value(c.Groups["v"].Value));
        }
        return null;
    }

    // Back from a literal to what the user typed: text unquoted, dates as dd/MM/yyyy.
    private static string Value(string literal)
    {
        if (literal.StartsWith('\''))
        {
            return literal[1..^1].Replace("\\'", "'").Replace("\\\\", "\\");
        }
        if (DateCall().Match(literal) is { Success: true } d)
        {
            return $"{int.Parse(d.Groups[3].Value, CultureInfo.InvariantCulture):00}/{int.Parse(d.Groups[2].Value, CultureInfo.InvariantCulture):00}/{d.Groups[1].Value}";
        }
        return literal;
    }

    private static IEnumerable<string> SplitOutsideStrings(string text, string separator)
    {
        var start = 0;
        var inside = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (inside && text[i] == '\\')
            {
                i++;
                continue;
            }
            if (text[i] == '\'')
            {
                inside = !inside;
            }
            else if (!inside && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                yield return text[start..i];
                start = i + separator.Length;
                i += separator.Length - 1;
            }
        }
        yield return text[start..];
    }

    private const string Column = @"\[(?<c>[^\]]+)\]";
    private const string Literal_ = @"(?<v>'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false|Date\(\d+, \d+, \d+\))";

    [GeneratedRegex("^(?<not>not )?IsNull\\(" + Column + "\\)$")]
    private static partial Regex NullTest();

    [GeneratedRegex("^(?<f>Contains|StartsWith|EndsWith)\\(" + Column + ", " + Literal_ + "\\)$")]
    private static partial Regex TextTest();

    [GeneratedRegex("^" + Column + " (?<op>=|!=|>=|<=|>|<) " + Literal_ + "$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^Date\((\d+), (\d+), (\d+)\)$")]
    private static partial Regex DateCall();
}
