using System.Globalization;
using System.Text;
using Workbench.Core.Catalog;

namespace Workbench.Core.Imports;

/// <summary>
/// Converts cell text, or values that are already typed, to the CLR value of a <see cref="ColumnType"/>
/// (<c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c>, <c>DateOnly</c>, <c>DateTime</c> of kind Unspecified, or null).
/// </summary>
/// <remarks>
/// Text formats accepted, with surrounding white space ignored and empty or white-space cells read as null:
/// <list type="bullet">
/// <item>integer: <c>-1234</c>; in <see cref="NumberStyle.Vietnamese"/> also <c>1.234.567</c> (groups of exactly three).</item>
/// <item>number: <c>1234.5</c>; in <see cref="NumberStyle.Vietnamese"/> <c>1.234,5</c> or <c>12,5</c> instead. No exponents, no <c>+</c>.</item>
/// <item>boolean: <c>true/false</c>, <c>yes/no</c>, <c>có/không</c>, <c>1/0</c>, any case.</item>
/// <item>date: <c>yyyy-MM-dd</c>, <c>dd/MM/yyyy</c>, <c>d/M/yyyy</c> (day first, always); a date-time at midnight is also accepted.</item>
/// <item>datetime: a date, then <c>T</c> (ISO only) or a space, then <c>H:mm</c>, <c>HH:mm:ss</c> or <c>HH:mm:ss.fffffff</c>; a date alone is midnight.</item>
/// <item>text: as written, put in Unicode composed form (NFC) so that text typed with combining marks ("Unicode tổ hợp") compares equal.</item>
/// </list>
/// </remarks>
public static class CellParser
{
    private const int MaxNumberLength = 64;

    // One box per boolean value for the whole process: a million-row yes/no column costs no allocations.
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>Parses cell text. Empty or white-space text is null and succeeds.</summary>
    public static bool TryParse(string? text, ColumnType type, NumberStyle style, out object? value)
    {
        if (text is null)
        {
            value = null;
            return true;
        }
        if (type == ColumnType.Text)
        {
            value = IsBlank(text) ? null : Composed(text);
            return true;
        }
        return TryParse(text.AsSpan(), type, style, out value);
    }

    /// <summary>
    /// Parses cell text that is not in a string yet (a reader's buffer), so cells that become numbers, dates or
    /// booleans never allocate a string. Text is copied into one (composed, NFC); empty or white space is null.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, ColumnType type, NumberStyle style, out object? value)
    {
        var s = text.Trim();
        if (s.IsEmpty)
        {
            value = null;
            return true;
        }
        switch (type)
        {
            case ColumnType.Integer when TryParseInteger(s, style, out var integer):
                value = integer;
                return true;
            case ColumnType.Number when TryParseNumber(s, style, out var number):
                value = number;
                return true;
            case ColumnType.Boolean when TryParseBoolean(s, out var boolean):
                value = boolean ? True : False;
                return true;
            case ColumnType.Date when TryParseDate(s, out var date):
                value = date;
                return true;
            case ColumnType.DateTime when TryParseDateTime(s, out var dateTime):
                value = dateTime;
                return true;
            case ColumnType.Text:
                value = Composed(new string(text));
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>Parses an integer: <c>-1234</c>, or in Vietnamese style also <c>1.234.567</c>.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, NumberStyle style, out long value)
    {
        var s = text.Trim();
        var shape = NumberShapes.Classify(s, out _);
        if ((shape & NumberShape.InvariantInteger) != 0)
        {
            return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }
        if (style == NumberStyle.Vietnamese && (shape & NumberShape.VietnameseInteger) != 0 && s.Length <= MaxNumberLength)
        {
            Span<char> buffer = stackalloc char[s.Length];
            return long.TryParse(buffer[..Normalise(s, buffer)], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }
        value = 0;
        return false;
    }

    /// <summary>Parses a number: <c>1234.5</c>, or in Vietnamese style <c>1.234,5</c>. Integers are numbers too.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, NumberStyle style, out double value)
    {
        var s = text.Trim();
        var shape = NumberShapes.Classify(s, out _);
        var wanted = style == NumberStyle.Vietnamese ? NumberShape.VietnameseNumber : NumberShape.InvariantNumber;
        if ((shape & wanted) == 0 || s.Length > MaxNumberLength)
        {
            value = 0;
            return false;
        }
        Span<char> buffer = stackalloc char[s.Length];
        var normalised = style == NumberStyle.Vietnamese ? buffer[..Normalise(s, buffer)] : s;
        return double.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Parses <c>true/false</c>, <c>yes/no</c>, <c>có/không</c> or <c>1/0</c>, ignoring case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var s = text.Trim();
        if (IsBooleanWord(s, out value))
        {
            return true;
        }
        // "có" typed with a combining accent (Unicode tổ hợp) only matches once composed; short non-ASCII text is rare enough to compose.
        if (s.Length is > 2 and <= 8 && !System.Text.Ascii.IsValid(s))
        {
            var composed = s.ToString().Normalize(NormalizationForm.FormC);
            return composed.Length != s.Length && IsBooleanWord(composed, out value);
        }
        return false;
    }

    private static bool IsBooleanWord(ReadOnlySpan<char> s, out bool value)
    {
        if (s is "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("có", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return s is "0" || s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase) || s.Equals("không", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses <c>yyyy-MM-dd</c>, <c>dd/MM/yyyy</c> or <c>d/M/yyyy</c>; a date-time exactly at midnight is accepted too.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        if (TryParseDateAndTime(text.Trim(), out value, out var time, out _) && time == TimeSpan.Zero)
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Parses a date optionally followed by a time (see the remarks on <see cref="CellParser"/>); the result has kind Unspecified.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTime value)
    {
        if (TryParseDateAndTime(text.Trim(), out var date, out var time, out _))
        {
            value = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).Add(time);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Converts a value that may already be typed — <c>long</c>, <c>int</c>, <c>double</c>, <c>decimal</c>, <c>bool</c>,
    /// <c>string</c>, <c>DateOnly</c>, <c>DateTime</c> — as the push API and XLSX cells supply them.
    /// Strings are parsed as cell text in <paramref name="style"/>; whole doubles become integers; a date becomes a midnight
    /// date-time and a midnight date-time a date; anything converts to text (numbers and dates in invariant, ISO form).
    /// </summary>
    public static bool TryConvert(object? value, ColumnType type, NumberStyle style, out object? result)
    {
        if (value is null or DBNull)
        {
            result = null;
            return true;
        }
        if (value is string text)
        {
            return TryParse(text, type, style, out result);
        }
        if (IsCanonical(type, value))
        {
            // Already the column type's CLR value: kept as it is, the same box rather than a copy (a sync converts millions).
            result = value;
            return true;
        }
        result = (type, value) switch
        {
            (ColumnType.Text, _) => FormatInvariant(value),
            (ColumnType.Integer, long l) => l,
            (ColumnType.Integer, int i) => (long)i,
            (ColumnType.Integer, short i) => (long)i,
            (ColumnType.Integer, byte i) => (long)i,
            (ColumnType.Integer, double d) when double.IsInteger(d) && Math.Abs(d) <= 9_007_199_254_740_992d => (long)d,
            (ColumnType.Integer, decimal m) when decimal.IsInteger(m) && m >= long.MinValue && m <= long.MaxValue => (long)m,
            (ColumnType.Number, double d) when double.IsFinite(d) => d,
            (ColumnType.Number, float f) when float.IsFinite(f) => (double)f,
            (ColumnType.Number, long l) => (double)l,
            (ColumnType.Number, int i) => (double)i,
            (ColumnType.Number, short i) => (double)i,
            (ColumnType.Number, byte i) => (double)i,
            (ColumnType.Number, decimal m) => (double)m,
            (ColumnType.Boolean, bool b) => b ? True : False,
            (ColumnType.Boolean, long l and (0 or 1)) => l == 1,
            (ColumnType.Boolean, int i and (0 or 1)) => i == 1,
            (ColumnType.Boolean, double d) when d is 0d or 1d => d == 1d,
            (ColumnType.Date, DateOnly d) => d,
            (ColumnType.Date, DateTime dt) when dt.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(dt),
            (ColumnType.DateTime, DateTime dt) => DateTime.SpecifyKind(dt, DateTimeKind.Unspecified),
            (ColumnType.DateTime, DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
            _ => null,
        };
        return result is not null;
    }

    private static bool IsCanonical(ColumnType type, object value) => (type, value) switch
    {
        (ColumnType.Integer, long) or (ColumnType.Date, DateOnly) => true,
        (ColumnType.Number, double d) => double.IsFinite(d),
        (ColumnType.DateTime, DateTime dt) => dt.Kind == DateTimeKind.Unspecified,
        _ => false,
    };

    /// <summary>
    /// Converts with <see cref="NumberStyle.Invariant"/>, for values that arrive typed (JSON, XLSX).
    /// Throws <see cref="FormatException"/> when the value does not convert; for a user-facing message use
    /// <see cref="TryConvert"/> and <see cref="ImportError.InvalidValue"/>.
    /// </summary>
    public static object? Convert(object? value, ColumnType type) =>
        TryConvert(value, type, NumberStyle.Invariant, out var result)
            ? result
            : throw new FormatException($"The value '{value}' ({value!.GetType().Name}) does not convert to {type.ToContractName()}.");

    /// <summary>A typed value as text: numbers invariant (round-trip), dates ISO, booleans <c>true</c>/<c>false</c>.</summary>
    public static string? FormatInvariant(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt when dt.TimeOfDay == TimeSpan.Zero => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt when dt.Millisecond == 0 && dt.Microsecond == 0 => dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal static bool IsBlank(string text) => text.Length == 0 || (char.IsWhiteSpace(text[0]) && text.AsSpan().IsWhiteSpace());

    internal static string Composed(string text) => IsSurelyComposed(text) || text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    // Letters below U+0300 and the precomposed Latin of U+1E00-U+1EFF (every Vietnamese letter) are always NFC, and
    // no combining mark lives in either range; two vectorised scans spare ICU's normalisation check on most text.
    private static bool IsSurelyComposed(ReadOnlySpan<char> text) =>
        text.IndexOfAnyInRange('\u0300', '\u1DFF') < 0 && text.IndexOfAnyInRange('\u1F00', '\uFFFF') < 0;

    /// <summary>Parses a date, then optionally a time; <paramref name="hasTime"/> says whether a time was written.</summary>
    internal static bool TryParseDateAndTime(ReadOnlySpan<char> s, out DateOnly date, out TimeSpan time, out bool hasTime)
    {
        time = TimeSpan.Zero;
        hasTime = false;
        if (!TryParseDatePart(s, out date, out var consumed, out var iso))
        {
            return false;
        }
        if (consumed == s.Length)
        {
            return true;
        }
        var separator = s[consumed];
        if (!(separator == ' ' || (iso && separator == 'T')) || !TryParseTime(s[(consumed + 1)..], out time))
        {
            date = default;
            return false;
        }
        hasTime = true;
        return true;
    }

    private static bool TryParseDatePart(ReadOnlySpan<char> s, out DateOnly date, out int consumed, out bool iso)
    {
        date = default;
        consumed = 0;
        iso = s.Length >= 10 && s[4] == '-';
        int year, month, day;
        if (iso)
        {
            if (s[7] != '-' || !TryDigits(s[..4], out year) || !TryDigits(s.Slice(5, 2), out month) || !TryDigits(s.Slice(8, 2), out day))
            {
                return false;
            }
            consumed = 10;
        }
        else
        {
            var p = 0;
            if (!TryShortNumber(s, ref p, out day) || p >= s.Length || s[p++] != '/'
                || !TryShortNumber(s, ref p, out month) || p >= s.Length || s[p++] != '/'
                || s.Length - p < 4 || !TryDigits(s.Slice(p, 4), out year))
            {
                return false;
            }
            consumed = p + 4;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    // H:mm, HH:mm, HH:mm:ss, HH:mm:ss.f to .fffffff
    private static bool TryParseTime(ReadOnlySpan<char> s, out TimeSpan time)
    {
        time = default;
        var p = 0;
        if (!TryShortNumber(s, ref p, out var hour) || p >= s.Length || s[p++] != ':'
            || s.Length - p < 2 || !TryDigits(s.Slice(p, 2), out var minute))
        {
            return false;
        }
        p += 2;
        var second = 0;
        long ticks = 0;
        if (p < s.Length)
        {
            if (s[p++] != ':' || s.Length - p < 2 || !TryDigits(s.Slice(p, 2), out second))
            {
                return false;
            }
            p += 2;
            if (p < s.Length)
            {
                var fraction = s[(p + 1)..];
                if (s[p] != '.' || fraction.Length is 0 or > 7 || !TryDigits(fraction, out var digits))
                {
                    return false;
                }
                ticks = digits;
                for (var i = fraction.Length; i < 7; i++)
                {
                    ticks *= 10;
                }
            }
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool TryShortNumber(ReadOnlySpan<char> s, ref int p, out int value)
    {
        value = 0;
        var start = p;
        while (p < s.Length && p - start < 2 && char.IsAsciiDigit(s[p]))
        {
            value = value * 10 + (s[p++] - '0');
        }
        return p > start;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }

    // 1.234,5 -> 1234.5
    private static int Normalise(ReadOnlySpan<char> s, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in s)
        {
            if (c != '.')
            {
                buffer[length++] = c == ',' ? '.' : c;
            }
        }
        return length;
    }
}
