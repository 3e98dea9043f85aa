using System.Buffers;
using System.Text;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>
/// A strict RFC 4180 reader: fields separated by <c>,</c>, <c>;</c> or tab (detected from the first lines, outside
/// quotes); quoted fields may hold delimiters, line breaks and doubled quotes; lines end in CRLF, LF or CR.
/// A row with a different number of fields than the header, an unterminated quote or text after a closing quote
/// is an error naming the row. Rows are numbered as Excel shows them: one per record, header = 1.
/// </summary>
/// <remarks>
/// Records are parsed inside one char buffer that grows to hold the longest record, so a field is one
/// <c>new string(span)</c> and nothing else is allocated per cell.
/// </remarks>
public sealed class CsvTableReader : ITabularFile, ITextRow
{
    private const int BufferSize = 64 * 1024;
    private const int DelimiterSampleLines = 20;
    private static readonly char[] Candidates = [',', ';', '\t'];

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly SearchValues<char> _stops;
    private readonly string[] _headers;
    private readonly object?[] _current;
    private char[] _buffer = new char[BufferSize];
    private int _position;
    private int _end;
    private bool _eof;
    private long _bufferOffset; // chars consumed before _buffer[0]
    private long _invalidAt = -1; // absolute char offset of the first U+FFFD, the decoder's mark for bytes that are not UTF-8
    private Field[] _fields = new Field[16];
    private int _fieldCount;
    private long _recordNumber;

    /// <summary>Reads CSV text; <paramref name="delimiter"/> null detects it.</summary>
    public CsvTableReader(TextReader reader, char? delimiter = null, ImportLimits? limits = null)
    {
        _reader = reader;
        limits ??= ImportLimits.Default;
        Fill();
        if (_end > 0 && _buffer[0] == '\uFEFF')
        {
            _position = 1;
        }
        _delimiter = delimiter ?? DetectDelimiter(_buffer.AsSpan(_position, _end - _position), _eof);
        _stops = SearchValues.Create([_delimiter, '\r', '\n']);

        while (true)
        {
            if (!ParseRecord())
            {
                throw new ImportException(new ImportError(ImportErrorCode.EmptyFile));
            }
            if (!IsEmptyRecord())
            {
                break;
            }
        }
        HeaderRowNumber = _recordNumber;
        if (_fieldCount > limits.MaxColumns)
        {
            throw new ImportException(new ImportError(ImportErrorCode.TooManyColumns) { Count = _fieldCount, Limit = limits.MaxColumns });
        }
        var raw = new string?[_fieldCount];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = FieldText(i);
        }
        _headers = HeaderNormalizer.Normalize(raw, HeaderRowNumber);
        _current = new object?[_headers.Length];
    }

    public TabularFormat Format => TabularFormat.Csv;
    public IReadOnlyList<string> SheetNames => [];
    public string? Sheet => null;
    public char? Delimiter => _delimiter;
    public IReadOnlyList<string> Headers => _headers;
    public long HeaderRowNumber { get; }
    public object?[] Current => _current;
    public long RowNumber => _recordNumber;

    /// <summary>
    /// Opens a CSV stream: UTF-8 with or without BOM (a UTF-16 BOM is honoured too, as Excel's "Unicode text" writes it).
    /// Bytes that are not UTF-8 are an error naming the row, suggesting "CSV UTF-8".
    /// </summary>
    public static CsvTableReader Open(Stream stream, char? delimiter = null, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        LimitedReadStream.ThrowIfTooLarge(stream, limits.MaxBytes);
        // Replacement rather than exceptions: the U+FFFD the decoder leaves is found by a vectorised search, which
        // lets the error name the row; an exception would only say "somewhere in the next 64 KB".
        var reader = new StreamReader(new LimitedReadStream(stream, limits.MaxBytes), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
        try
        {
            return new CsvTableReader(reader, delimiter, limits);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    int ITextRow.Count => _headers.Length;

    public bool Read()
    {
        if (!ReadInPlace())
        {
            return false;
        }
        for (var i = 0; i < _current.Length; i++)
        {
            _current[i] = FieldText(i);
        }
        return true;
    }

    /// <summary>
    /// Moves to the next data row like <see cref="Read"/> but leaves <see cref="Current"/> alone: the cells are read
    /// through <see cref="ITextRow"/>, straight from the buffer, until the next call.
    /// </summary>
    public bool ReadInPlace()
    {
        while (ParseRecord())
        {
            if (IsEmptyRecord())
            {
                continue;
            }
            if (_fieldCount != _headers.Length)
            {
                throw new ImportException(new ImportError(ImportErrorCode.RaggedRow, _recordNumber) { Count = _fieldCount, Limit = _headers.Length });
            }
            return true;
        }
        return false;
    }

    bool ITextRow.TryGetText(int index, out ReadOnlySpan<char> text)
    {
        var field = _fields[index];
        text = _buffer.AsSpan(field.Start, field.Length);
        return !field.HasDoubledQuotes;
    }

    string? ITextRow.GetString(int index) => FieldText(index);

    public void Dispose() => _reader.Dispose();

    /// <summary>
    /// The delimiter of the first lines: the candidate found the same, non-zero number of times outside quotes on
    /// every sampled line, the most frequent such; failing that the most frequent on the header line; for a header
    /// with none (a one-column file) the candidate the sampled lines use least, a comma on a tie.
    /// </summary>
    internal static char DetectDelimiter(ReadOnlySpan<char> sample, bool sampleIsWholeFile)
    {
        Span<int> header = stackalloc int[Candidates.Length];
        Span<int> line = stackalloc int[Candidates.Length];
        Span<int> total = stackalloc int[Candidates.Length];
        Span<bool> consistent = stackalloc bool[Candidates.Length];
        consistent.Fill(true);
        var lines = 0;
        var lineHasText = false;
        var inQuotes = false;
        for (var i = 0; i <= sample.Length && lines < DelimiterSampleLines; i++)
        {
            var atEnd = i == sample.Length;
            if (atEnd && !sampleIsWholeFile)
            {
                break; // the last line may be cut short
            }
            var c = atEnd ? '\n' : sample[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\n' or '\r')
            {
                if (lineHasText)
                {
                    for (var k = 0; k < Candidates.Length; k++)
                    {
                        if (lines == 0)
                        {
                            header[k] = line[k];
                        }
                        else if (line[k] != header[k])
                        {
                            consistent[k] = false;
                        }
                    }
                    lines++;
                }
                line.Clear();
                lineHasText = false;
                continue;
            }
            lineHasText = true;
            if (!inQuotes)
            {
                var k = Array.IndexOf(Candidates, c);
                if (k >= 0)
                {
                    line[k]++;
                    total[k]++;
                }
            }
        }
        if (lines == 0)
        {
            // One line without an end (or a sample shorter than a line): judge it as the header alone.
            for (var k = 0; k < Candidates.Length; k++)
            {
                header[k] = sample.Count(Candidates[k]);
            }
        }

        var best = -1;
        for (var k = 0; k < Candidates.Length; k++)
        {
            if (header[k] > 0 && consistent[k] && (best < 0 || header[k] > header[best]))
            {
                best = k;
            }
        }
        if (best < 0)
        {
            for (var k = 0; k < Candidates.Length; k++)
            {
                if (header[k] > 0 && (best < 0 || header[k] > header[best]))
                {
                    best = k;
                }
            }
        }
        if (best < 0)
        {
            // A header without any candidate: one column. Pick the candidate the data uses least, ideally never.
            best = 0;
            for (var k = 1; k < Candidates.Length; k++)
            {
                if (total[k] < total[best])
                {
                    best = k;
                }
            }
        }
        return Candidates[best];
    }

    private bool IsEmptyRecord()
    {
        for (var i = 0; i < _fieldCount; i++)
        {
            if (_fields[i].Length > 0)
            {
                return false;
            }
        }
        return true;
    }

    private string? FieldText(int index)
    {
        var field = _fields[index];
        if (field.Length == 0)
        {
            return null;
        }
        var span = _buffer.AsSpan(field.Start, field.Length);
        return field.HasDoubledQuotes ? span.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : new string(span);
    }

    /// <summary>Parses the next record into <see cref="_fields"/>; false at the end of the file.</summary>
    private bool ParseRecord()
    {
        while (true)
        {
            if (_position >= _end)
            {
                if (_eof)
                {
                    return false;
                }
                Fill();
                continue;
            }
            if (TryParseRecordAt(_position, out var next))
            {
                _recordNumber++;
                if (_invalidAt >= 0 && _bufferOffset + next > _invalidAt)
                {
                    throw new ImportException(new ImportError(ImportErrorCode.NotUtf8, _recordNumber));
                }
                _position = next;
                return true;
            }
            if (_eof)
            {
                throw new ImportException(new ImportError(ImportErrorCode.UnterminatedQuote, _recordNumber + 1));
            }
            Fill();
        }
    }

    /// <summary>False when the record runs past the buffered text and more must be read first (or, at the end of the file, an unterminated quote).</summary>
    private bool TryParseRecordAt(int start, out int next)
    {
        var buffer = _buffer;
        var end = _end;
        var p = start;
        _fieldCount = 0;
        next = 0;
        while (true)
        {
            if (p < end && buffer[p] == '"')
            {
                var q = p + 1;
                var doubled = false;
                while (true)
                {
                    var found = buffer.AsSpan(q, end - q).IndexOf('"');
                    if (found < 0)
                    {
                        return false;
                    }
                    q += found;
                    if (q + 1 < end && buffer[q + 1] == '"')
                    {
                        doubled = true;
                        q += 2;
                        continue;
                    }
                    if (q + 1 >= end && !_eof)
                    {
                        return false; // the next char may be a second quote
                    }
                    break;
                }
                AddField(p + 1, q - p - 1, doubled);
                p = q + 1;
                if (p >= end)
                {
                    if (!_eof)
                    {
                        return false;
                    }
                    next = p;
                    return true;
                }
                var after = buffer[p];
                if (after == _delimiter)
                {
                    p++;
                    continue;
                }
                if (after is not ('\r' or '\n'))
                {
                    throw new ImportException(new ImportError(ImportErrorCode.MalformedQuote, _recordNumber + 1));
                }
            }
            else
            {
                var found = buffer.AsSpan(p, end - p).IndexOfAny(_stops);
                if (found < 0)
                {
                    if (!_eof)
                    {
                        return false;
                    }
                    AddField(p, end - p, false);
                    next = end;
                    return true;
                }
                AddField(p, found, false);
                p += found;
                if (buffer[p] == _delimiter)
                {
                    p++;
                    continue;
                }
            }

            // At a line break.
            if (buffer[p] == '\r')
            {
                if (p + 1 >= end && !_eof)
                {
                    return false;
                }
                next = p + 1 < end && buffer[p + 1] == '\n' ? p + 2 : p + 1;
            }
            else
            {
                next = p + 1;
            }
            return true;
        }
    }

    private void AddField(int start, int length, bool doubled)
    {
        if (_fieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }
        _fields[_fieldCount++] = new Field(start, length, doubled);
    }

    /// <summary>Keeps the unparsed text, moved to the front (the buffer doubles when a record fills it), and reads more.</summary>
    private void Fill()
    {
        if (_position > 0)
        {
            var remaining = _end - _position;
            Array.Copy(_buffer, _position, _buffer, 0, remaining);
            _bufferOffset += _position;
            _end = remaining;
            _position = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        while (_end < _buffer.Length)
        {
            var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                break;
            }
            if (_invalidAt < 0)
            {
                var invalid = _buffer.AsSpan(_end, read).IndexOf('\uFFFD');
                if (invalid >= 0)
                {
                    _invalidAt = _bufferOffset + _end + invalid;
                }
            }
            _end += read;
        }
    }

    private readonly record struct Field(int Start, int Length, bool HasDoubledQuotes);
}
