using Workbench.Core.Catalog;

namespace Workbench.Core.Imports;

/// <summary>Converts a file's raw rows (text, or typed XLSX cells) into the plan's typed values, in plan order.</summary>
public sealed class ImportRowConverter
{
    private readonly int[] _sources;
    private readonly ColumnType[] _types;
    private readonly string[] _names;
    private readonly bool[] _keys;
    private readonly NumberStyle _style;

    /// <summary>Prepares the conversion; the plan must already be valid for the file (see <see cref="ImportPlan.Validate"/>).</summary>
    public ImportRowConverter(ImportPlan plan)
    {
        var count = plan.Columns.Count;
        _sources = new int[count];
        _types = new ColumnType[count];
        _names = new string[count];
        _keys = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var column = plan.Columns[i];
            _sources[i] = column.SourceIndex;
            _types[i] = column.Type;
            _names[i] = HeaderNormalizer.Clean(column.Name);
            _keys[i] = column.IsKey;
        }
        _style = plan.NumberStyle;
    }

    /// <summary>The number of values in each converted row.</summary>
    public int Width => _sources.Length;

    /// <summary>
    /// Converts a row of text cells read in place (see <see cref="ITextRow"/>) into <paramref name="destination"/>;
    /// only text cells and bad values become strings.
    /// </summary>
    public bool TryConvert(ITextRow source, long rowNumber, Span<object?> destination, out ImportError? error)
    {
        for (var i = 0; i < _sources.Length; i++)
        {
            var type = _types[i];
            object? value;
            bool ok;
            if (type != ColumnType.Text && source.TryGetText(_sources[i], out var text))
            {
                ok = CellParser.TryParse(text, type, _style, out value);
            }
            else
            {
                ok = CellParser.TryParse(source.GetString(_sources[i]), type, _style, out value);
            }
            if (!ok || (value is null && _keys[i]))
            {
                error = Error(i, rowNumber, source.GetString(_sources[i]), ok);
                return false;
            }
            destination[i] = value;
        }
        error = null;
        return true;
    }

    /// <summary>
    /// Converts <paramref name="source"/> (the file's cells, in file order) into <paramref name="destination"/>
    /// (<see cref="Width"/> values). On failure, <paramref name="error"/> names the row, the column and the value.
    /// </summary>
    public bool TryConvert(ReadOnlySpan<object?> source, long rowNumber, Span<object?> destination, out ImportError? error)
    {
        for (var i = 0; i < _sources.Length; i++)
        {
            var raw = source[_sources[i]];
            var type = _types[i];
            object? value;
            bool ok;
            if (raw is string text)
            {
                ok = CellParser.TryParse(text, type, _style, out value);
            }
            else
            {
                ok = CellParser.TryConvert(raw, type, _style, out value);
            }
            if (!ok || (value is null && _keys[i]))
            {
                error = Error(i, rowNumber, CellParser.FormatInvariant(raw), ok);
                return false;
            }
            destination[i] = value;
        }
        error = null;
        return true;
    }

    private ImportError Error(int column, long rowNumber, string? value, bool parsed) => parsed
        ? new ImportError(ImportErrorCode.EmptyKey, rowNumber, _names[column])
        : ImportError.InvalidValue(rowNumber, _names[column], value ?? "", _types[column], _style);
}
