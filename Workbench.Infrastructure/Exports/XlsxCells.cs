using System.Globalization;
using System.Text;
using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Exports;

/// <summary>
/// What an xlsx cell holds and how it looks, the same for EPPlus and MiniExcel: values become null, text, long,
/// double, bool or DateTime; formats follow the column type with a vi-VN look (Excel swaps the separators by locale).
/// </summary>
internal static class XlsxCells
{
    public const string IntegerFormat = "#,##0";
    // Two decimals at least, four at most on screen; the cell keeps the full double.
    public const string NumberFormat = "#,##0.00##";
    public const string DateFormat = "dd/mm/yyyy";
    public const string DateTimeFormat = "dd/mm/yyyy hh:mm:ss";

    // Excel refuses longer text in a cell.
    private const int MaxTextLength = 32_767;
    private const int MinWidth = 8;
    private const int MaxWidth = 60;

    // Excel's serial dates start on 1 March 1900 (before that its calendar has a fictitious 29 February).
    private static readonly DateTime FirstExcelDate = new(1900, 3, 1);

    public static string? Format(ColumnType type) => type switch
    {
        ColumnType.Integer => IntegerFormat,
        ColumnType.Number => NumberFormat,
        ColumnType.Date => DateFormat,
        ColumnType.DateTime => DateTimeFormat,
        _ => null,
    };

    /// <summary>A value as a cell: null, guarded text, long, double, bool or DateTime.</summary>
    public static object? Value(object? value) => value switch
    {
        null or DBNull => null,
        string s => Text(s),
        bool b => b,
        long or int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        double d => double.IsFinite(d) ? d : null,
        float f => float.IsFinite(f) ? (double)f : null,
        decimal or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateOnly d => Date(d.ToDateTime(TimeOnly.MinValue), "dd/MM/yyyy"),
        DateTime t => Date(t, "dd/MM/yyyy HH:mm:ss"),
        DateTimeOffset o => Date(o.DateTime, "dd/MM/yyyy HH:mm:ss"),
        IFormattable f => Text(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Text(value.ToString() ?? ""),
    };

    /// <summary>
    /// Text as a cell: neutralised by <see cref="FormulaGuard"/>, characters that XML cannot carry replaced by U+FFFD,
    /// line ends as LF, cut at Excel's 32,767 characters.
    /// </summary>
    public static string Text(string text)
    {
        // Note: XML readers turn a CR in text into LF anyway; LF is also how a spreadsheet breaks a line in a cell.
        var safe = FormulaGuard.Neutralise(XmlSafe(text)).Replace("\r\n", "\n").Replace('\r', '\n');
        return safe.Length <= MaxTextLength ? safe
            : safe[..(char.IsHighSurrogate(safe[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength)];
    }

    /// <summary>Column widths in characters from the header and the rows seen (EPPlus's AutoFitColumns needs GDI+).</summary>
    public static double[] Widths(IReadOnlyList<ExportColumn> columns, IEnumerable<object?[]> rows)
    {
        // The header is bold: a little wider than its characters.
        var widths = columns.Select(c => Math.Ceiling(c.Name.Length * 1.1) + 1).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], DisplayLength(row[c], columns[c].Type));
            }
        }
        return widths.Select(w => Math.Clamp(w + 2, MinWidth, MaxWidth)).ToArray();
    }

    private static int DisplayLength(object? value, ColumnType type) => value switch
    {
        null => 0,
        string s => LongestLine(s),
        bool => 5,
        long l => l.ToString("#,##0", CultureInfo.InvariantCulture).Length,
        double d => d.ToString(type == ColumnType.Integer ? "#,##0" : "#,##0.00##", CultureInfo.InvariantCulture).Length,
        DateOnly => 10,
        DateTime or DateTimeOffset => type == ColumnType.Date ? 10 : 19,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Length ?? 0,
    };

    private static int LongestLine(string text)
    {
        var longest = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            longest = Math.Max(longest, line.Length);
        }
        return longest;
    }

    // Note: a date before 1 March 1900 has no Excel serial number; it is written as text in the same look.
    private static object Date(DateTime value, string textFormat) =>
        value >= FirstExcelDate ? value : value.ToString(textFormat, CultureInfo.InvariantCulture);

    private static string XmlSafe(string text)
    {
        var i = 0;
        while (i < text.Length && IsXmlChar(text, i))
        {
            i += char.IsHighSurrogate(text[i]) ? 2 : 1;
        }
        if (i == text.Length)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length).Append(text, 0, i);
        while (i < text.Length)
        {
            if (IsXmlChar(text, i))
            {
                var width = char.IsHighSurrogate(text[i]) ? 2 : 1;
                builder.Append(text, i, width);
                i += width;
            }
            else
            {
                builder.Append('\uFFFD');
                i++;
            }
        }
        return builder.ToString();
    }

    private static bool IsXmlChar(string text, int i)
    {
        var c = text[i];
        return c switch
        {
            '\t' or '\n' or '\r' => true,
            < ' ' => false,
            '\uFFFE' or '\uFFFF' => false,
            _ when char.IsHighSurrogate(c) => i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]),
            _ when char.IsLowSurrogate(c) => false,
            _ => true,
        };
    }
}
