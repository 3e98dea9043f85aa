namespace Workbench.Core.Imports;

/// <summary>Which number grammars a piece of text satisfies; one pass over its characters, no allocation.</summary>
[Flags]
internal enum NumberShape : byte
{
    None = 0,

    /// <summary><c>-?\d+</c>.</summary>
    InvariantInteger = 1,

    /// <summary><c>-?\d+(\.\d+)?</c>.</summary>
    InvariantNumber = 2,

    /// <summary><c>-?\d+</c> or <c>-?[1-9]\d{0,2}(\.\d{3})+</c>.</summary>
    VietnameseInteger = 4,

    /// <summary>A Vietnamese integer, optionally followed by <c>,\d+</c>.</summary>
    VietnameseNumber = 8,

    /// <summary>The integer part has more than one digit and starts with 0, as codes such as <c>001</c> do.</summary>
    LeadingZero = 16,
}

internal static class NumberShapes
{
    /// <summary>Longer digit strings are identifiers (accounts, citizen ids), not quantities: a double cannot hold them exactly.</summary>
    public const int MaxQuantityDigits = 15;

    public static NumberShape Classify(ReadOnlySpan<char> s, out int digits)
    {
        digits = 0;
        var start = s.Length > 0 && s[0] == '-' ? 1 : 0;
        if (start >= s.Length)
        {
            return NumberShape.None;
        }

        int dots = 0, commas = 0, firstGroup = -1, groupStart = start;
        var groupsOfThree = true;
        var previousSeparator = '\0';
        for (var i = start; ; i++)
        {
            var atEnd = i == s.Length;
            var c = atEnd ? '\0' : s[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                continue;
            }
            var groupLength = i - groupStart;
            if (groupLength == 0)
            {
                return NumberShape.None;
            }
            if (firstGroup < 0)
            {
                firstGroup = groupLength;
            }
            else if (previousSeparator == '.' && groupLength != 3)
            {
                groupsOfThree = false;
            }
            if (atEnd)
            {
                break;
            }
            if (c == '.')
            {
                if (commas > 0)
                {
                    return NumberShape.None;
                }
                dots++;
            }
            else if (c == ',')
            {
                if (++commas > 1)
                {
                    return NumberShape.None;
                }
            }
            else
            {
                return NumberShape.None;
            }
            previousSeparator = c;
            groupStart = i + 1;
        }

        var shape = NumberShape.None;
        var leadingZero = s[start] == '0';
        if (leadingZero && firstGroup > 1)
        {
            shape |= NumberShape.LeadingZero;
        }
        if (commas == 0 && dots == 0)
        {
            shape |= NumberShape.InvariantInteger;
        }
        if (commas == 0 && dots <= 1)
        {
            shape |= NumberShape.InvariantNumber;
        }
        if (dots == 0 || (firstGroup <= 3 && groupsOfThree && !leadingZero))
        {
            shape |= NumberShape.VietnameseNumber;
            if (commas == 0)
            {
                shape |= NumberShape.VietnameseInteger;
            }
        }
        return shape;
    }
}
