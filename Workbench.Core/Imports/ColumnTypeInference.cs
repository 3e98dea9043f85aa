using Workbench.Core.Catalog;

namespace Workbench.Core.Imports;

/// <summary>
/// Watches the values of one column and proposes its <see cref="ColumnType"/>. Feed it every sampled cell with
/// <see cref="Observe(string?)"/> (text) or <see cref="Observe(object?)"/> (typed XLSX cells), then ask <see cref="Result"/>.
/// </summary>
/// <remarks>
/// The most specific type that every non-empty value fits wins: boolean, integer, number, date, datetime, else text.
/// <list type="bullet">
/// <item>A number whose integer part starts with 0 and has more digits (<c>001</c>, <c>0905123456</c>) makes the column text: it is a code.</item>
/// <item>More than 15 digits makes the column text: account and citizen numbers are identifiers, and a double cannot hold them.</item>
/// <item>Boolean needs at least one word (true/false, yes/no, có/không); a column of only 0 and 1 is integer.</item>
/// <item>Dates whose time is always midnight stay dates; any real time makes the column datetime.</item>
/// <item>An empty column is text.</item>
/// </list>
/// </remarks>
public sealed class ColumnTypeInference
{
    private long _values;
    private bool _invariantInteger = true, _invariantNumber = true, _vietnameseInteger = true, _vietnameseNumber = true;
    private bool _leadingZero;
    private bool _boolean = true, _booleanWord;
    private bool _date = true, _dateTime = true;

    /// <summary>Non-empty values seen.</summary>
    public long ValueCount => _values;

    /// <summary>Values that only the Vietnamese style reads (<c>12,5</c>, <c>1.234.567</c>).</summary>
    public long VietnameseOnly { get; private set; }

    /// <summary>Values that only the invariant style reads (<c>12.5</c>, <c>0.125</c>, <c>1234.5</c>).</summary>
    public long InvariantOnly { get; private set; }

    /// <summary>Values both styles read differently (<c>1.234</c>: 1.234 or 1234).</summary>
    public long Ambiguous { get; private set; }

    /// <summary>Whether a numeric type is still possible in either style; only such columns vote on the file's number style.</summary>
    public bool CouldBeNumeric => _values > 0 && !_leadingZero && (_invariantNumber || _vietnameseNumber);

    /// <summary>Takes one cell's text into account; null and white space are ignored.</summary>
    public void Observe(string? text)
    {
        if (text is null)
        {
            return;
        }
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return;
        }
        _values++;

        var shape = NumberShapes.Classify(s, out var digits);
        if (digits > NumberShapes.MaxQuantityDigits)
        {
            shape = NumberShape.None;
        }
        if ((shape & NumberShape.LeadingZero) != 0)
        {
            _leadingZero = true;
        }
        _invariantInteger &= (shape & NumberShape.InvariantInteger) != 0;
        _invariantNumber &= (shape & NumberShape.InvariantNumber) != 0;
        _vietnameseInteger &= (shape & NumberShape.VietnameseInteger) != 0;
        _vietnameseNumber &= (shape & NumberShape.VietnameseNumber) != 0;
        var invariant = (shape & NumberShape.InvariantNumber) != 0;
        var vietnamese = (shape & NumberShape.VietnameseNumber) != 0;
        if (vietnamese && !invariant)
        {
            VietnameseOnly++;
        }
        else if (invariant && !vietnamese)
        {
            InvariantOnly++;
        }
        else if (invariant && (shape & NumberShape.InvariantInteger) == 0)
        {
            Ambiguous++;
        }

        if (_boolean)
        {
            if (CellParser.TryParseBoolean(s, out _))
            {
                _booleanWord |= !char.IsAsciiDigit(s[0]);
            }
            else
            {
                _boolean = false;
            }
        }

        if (_dateTime)
        {
            if (CellParser.TryParseDateAndTime(s, out _, out var time, out _))
            {
                _date &= time == TimeSpan.Zero;
            }
            else
            {
                _date = _dateTime = false;
            }
        }
    }

    /// <summary>Takes one typed cell into account (<c>double</c>, <c>bool</c>, <c>DateTime</c> from XLSX; strings as text).</summary>
    public void Observe(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                Observe(text);
                return;
            case double or float or decimal or long or int or short or byte:
                _values++;
                _boolean = _date = _dateTime = false;
                var number = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (!double.IsInteger(number) || Math.Abs(number) >= 1e15)
                {
                    _invariantInteger = _vietnameseInteger = false;
                }
                return;
            case bool:
                _values++;
                _booleanWord = true;
                _invariantInteger = _invariantNumber = _vietnameseInteger = _vietnameseNumber = false;
                _date = _dateTime = false;
                return;
            case DateTime dateTime:
                _values++;
                _boolean = _invariantInteger = _invariantNumber = _vietnameseInteger = _vietnameseNumber = false;
                _date &= dateTime.TimeOfDay == TimeSpan.Zero;
                return;
            case DateOnly:
                _values++;
                _boolean = _invariantInteger = _invariantNumber = _vietnameseInteger = _vietnameseNumber = false;
                return;
            default:
                Observe(CellParser.FormatInvariant(value));
                return;
        }
    }

    /// <summary>The proposed type, reading numbers in <paramref name="style"/>.</summary>
    public ColumnType Result(NumberStyle style)
    {
        if (_values == 0)
        {
            return ColumnType.Text;
        }
        if (_boolean && _booleanWord)
        {
            return ColumnType.Boolean;
        }
        if (!_leadingZero)
        {
            var (integer, number) = style == NumberStyle.Vietnamese
                ? (_vietnameseInteger, _vietnameseNumber)
                : (_invariantInteger, _invariantNumber);
            if (integer)
            {
                return ColumnType.Integer;
            }
            if (number)
            {
                return ColumnType.Number;
            }
        }
        if (_date)
        {
            return ColumnType.Date;
        }
        return _dateTime ? ColumnType.DateTime : ColumnType.Text;
    }

    /// <summary>
    /// Decides how a file writes its numbers, from the columns that could be numeric:
    /// <list type="number">
    /// <item>Values only one style can read are votes: <c>12,5</c>, <c>1.234,5</c>, <c>1.234.567</c> for Vietnamese;
    /// <c>12.5</c>, <c>0.125</c>, <c>1234.5</c> for invariant. The style with more votes wins; a tie of non-zero votes is invariant.</item>
    /// <item>With no votes but values like <c>1.234</c> that both read, Vietnamese when the CSV is separated by <c>;</c>
    /// (what Excel writes under vi-VN, whose decimal mark is the comma), else invariant.</item>
    /// <item>Otherwise (only plain integers, or no numbers) invariant: it makes no difference.</item>
    /// </list>
    /// The preview shows the decision and the user can change it.
    /// </summary>
    public static NumberStyle DetectNumberStyle(IEnumerable<ColumnTypeInference> columns, char? delimiter)
    {
        long vietnamese = 0, invariant = 0, ambiguous = 0;
        foreach (var column in columns)
        {
            if (column.CouldBeNumeric)
            {
                vietnamese += column.VietnameseOnly;
                invariant += column.InvariantOnly;
                ambiguous += column.Ambiguous;
            }
        }
        if (vietnamese != invariant)
        {
            return vietnamese > invariant ? NumberStyle.Vietnamese : NumberStyle.Invariant;
        }
        return vietnamese == 0 && ambiguous > 0 && delimiter == ';' ? NumberStyle.Vietnamese : NumberStyle.Invariant;
    }
}
