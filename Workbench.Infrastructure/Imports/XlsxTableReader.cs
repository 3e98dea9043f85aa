using System.Text;
using ExcelDataReader;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>
/// One sheet of an XLSX workbook through ExcelDataReader. Cells keep the types Excel stored: numbers as
/// <c>double</c>, booleans as <c>bool</c>, date-formatted numbers as <c>DateTime</c>, everything else as text.
/// The first non-empty row is the header; its last non-empty cell fixes the width, and a value to the right of
/// it is an error rather than silently dropped.
/// </summary>
public sealed class XlsxTableReader : ITabularFile
{
    private readonly IExcelDataReader _reader;
    private readonly Stream? _ownedStream;
    private readonly string[] _headers;
    private readonly object?[] _current;
    private long _rowNumber;

    static XlsxTableReader()
    {
        // ExcelDataReader looks up legacy code pages while it sets up, even for XLSX.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private XlsxTableReader(IExcelDataReader reader, Stream? ownedStream, IReadOnlyList<string> sheetNames, string sheet, ImportLimits limits)
    {
        _reader = reader;
        _ownedStream = ownedStream;
        SheetNames = sheetNames;
        Sheet = sheet;

        string?[]? header = null;
        while (_reader.Read())
        {
            _rowNumber++;
            var width = 0;
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                if (!IsEmpty(_reader.GetValue(i)))
                {
                    width = i + 1;
                }
            }
            if (width == 0)
            {
                continue;
            }
            if (width > limits.MaxColumns)
            {
                throw new ImportException(new ImportError(ImportErrorCode.TooManyColumns) { Count = width, Limit = limits.MaxColumns });
            }
            header = new string?[width];
            for (var i = 0; i < width; i++)
            {
                header[i] = CellParser.FormatInvariant(_reader.GetValue(i));
            }
            break;
        }
        if (header is null)
        {
            throw new ImportException(new ImportError(ImportErrorCode.EmptyFile));
        }
        HeaderRowNumber = _rowNumber;
        _headers = HeaderNormalizer.Normalize(header, HeaderRowNumber);
        _current = new object?[_headers.Length];
    }

    public TabularFormat Format => TabularFormat.Xlsx;
    public IReadOnlyList<string> SheetNames { get; }
    public string? Sheet { get; }
    public char? Delimiter => null;
    public IReadOnlyList<string> Headers => _headers;
    public long HeaderRowNumber { get; }
    public object?[] Current => _current;
    public long RowNumber => _rowNumber;

    /// <summary>Opens <paramref name="sheet"/> (null: the first sheet) of an XLSX stream; the stream stays open.</summary>
    public static XlsxTableReader Open(Stream stream, string? sheet = null, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        LimitedReadStream.ThrowIfTooLarge(stream, limits.MaxBytes);
        Stream? owned = null;
        if (!stream.CanSeek)
        {
            // A ZIP needs to seek: spool to a temporary file, counting bytes against the limit on the way.
            owned = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            new LimitedReadStream(stream, limits.MaxBytes).CopyTo(owned);
            owned.Position = 0;
        }
        IExcelDataReader? reader = null;
        try
        {
            try
            {
                reader = ExcelReaderFactory.CreateOpenXmlReader(owned ?? stream, new ExcelReaderConfiguration { LeaveOpen = true });
            }
            catch (Exception e) when (e is not ImportException and not OutOfMemoryException)
            {
                throw new ImportException(new ImportError(ImportErrorCode.UnreadableWorkbook));
            }

            var names = new List<string>();
            do
            {
                names.Add(reader.Name);
            }
            while (reader.NextResult());
            var index = sheet is null ? 0 : names.FindIndex(n => string.Equals(n, sheet, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new ImportException(new ImportError(ImportErrorCode.SheetNotFound, Value: sheet) { Expected = string.Join(", ", names.Select(n => $"«{n}»")) });
            }
            reader.Reset();
            for (var i = 0; i < index; i++)
            {
                reader.NextResult();
            }
            return new XlsxTableReader(reader, owned, names, names[index], limits);
        }
        catch
        {
            reader?.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    public bool Read()
    {
        try
        {
            return ReadRow();
        }
        catch (Exception e) when (e is not ImportException and not OperationCanceledException and not OutOfMemoryException)
        {
            // A sheet's XML broken past the first rows surfaces only here; to the user it is the same damaged file.
            throw new ImportException(new ImportError(ImportErrorCode.UnreadableWorkbook, _rowNumber + 1));
        }
    }

    private bool ReadRow()
    {
        while (_reader.Read())
        {
            _rowNumber++;
            var any = false;
            for (var i = 0; i < _current.Length; i++)
            {
                var value = i < _reader.FieldCount ? _reader.GetValue(i) : null;
                if (IsEmpty(value))
                {
                    value = null;
                }
                else
                {
                    any = true;
                }
                _current[i] = value;
            }
            for (var i = _current.Length; i < _reader.FieldCount; i++)
            {
                var extra = _reader.GetValue(i);
                if (!IsEmpty(extra))
                {
                    throw new ImportException(new ImportError(ImportErrorCode.ValueOutsideHeader, _rowNumber, Value: CellParser.FormatInvariant(extra)) { ColumnNumber = i + 1 });
                }
            }
            if (any)
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _ownedStream?.Dispose();
    }

    private static bool IsEmpty(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));
}
