using System.Globalization;
using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Imports;

namespace Workbench.Core.Connectors.Rest;

/// <summary>
/// Maps the records of a REST source, page by page, to rows of the connector's columns. One mapper serves one read: it
/// numbers records across pages and keeps the highest watermark seen.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A record whose values do not all convert is left out; each bad value is a <see cref="ConversionProblem"/>.</item>
/// <item>A mapped field that no record of a page has (its key missing, not null) fails the read with
/// <see cref="SourceErrorKind.MissingField"/>: it was probably renamed or removed at the source. A field only some records
/// lack is null in those records, as APIs often leave out empty fields.</item>
/// <item>Top-level fields that no mapping (nor the watermark) reads are listed as unmapped: schema drift, not loaded.</item>
/// </list>
/// </remarks>
public sealed class RestRecordMapper
{
    private readonly IReadOnlyList<FieldMapping> _mappings;
    private readonly JsonPath[] _paths;
    private readonly RestWatermark? _watermark;
    private readonly JsonPath? _watermarkPath;
    private readonly HashSet<string> _readFields = new(StringComparer.Ordinal);
    private readonly bool _readsWholeRecord;
    private readonly int _watermarkColumn = -1;
    private object? _highest;

    /// <param name="mappings">The columns to fill; their paths must parse (<see cref="RestSourceSettings.Validate"/>).</param>
    /// <param name="watermark">The watermark to track, if incremental.</param>
    /// <param name="sinceWatermark">The watermark the read started from: the watermark never goes below it.</param>
    public RestRecordMapper(IReadOnlyList<FieldMapping> mappings, RestWatermark? watermark = null, string? sinceWatermark = null)
    {
        _mappings = mappings;
        _paths = [.. mappings.Select(m => ParseOrThrow(m.SourcePath, m.Column))];
        _watermark = watermark;
        if (watermark is not null)
        {
            _watermarkPath = ParseOrThrow(watermark.SourcePath, watermark.Parameter);
            // Usually the watermark field is loaded too: its converted value (or its one problem) then comes from the row.
            for (var i = 0; i < _paths.Length && _watermarkColumn < 0; i++)
            {
                if (_paths[i].ToString() == _watermarkPath.ToString() && mappings[i].Type == watermark.Type)
                {
                    _watermarkColumn = i;
                }
            }
            if (sinceWatermark is not null)
            {
                if (!CellParser.TryParse(sinceWatermark, watermark.Type, NumberStyle.Invariant, out _highest))
                {
                    throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                        "Mốc đồng bộ đã lưu «{0}» không đọc được là {1}; hãy kiểm tra kiểu của mốc.",
                        "The stored watermark '{0}' does not read as {1}; check the watermark's type.", sinceWatermark, watermark.Type.ToContractName()));
                }
            }
        }
        foreach (var path in _paths.Append(_watermarkPath))
        {
            if (path?.FirstName is { } name)
            {
                _readFields.Add(name);
            }
            else if (path is not null)
            {
                _readsWholeRecord = true;
            }
        }
    }

    /// <summary>Records mapped so far, over all pages.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>The highest watermark seen so far (or the one the read started from), as invariant text; null when not incremental or none yet.</summary>
    public string? Watermark => _highest switch
    {
        // CellParser writes a midnight date-time as a date; a date-time watermark keeps its time so the source reads it as one.
        DateTime dateTime => dateTime.ToString(dateTime.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => CellParser.FormatInvariant(_highest),
    };

    /// <summary>Maps one page's records (a JSON array of objects).</summary>
    /// <exception cref="SourceReadException">A mapped field is absent from every record (<see cref="SourceErrorKind.MissingField"/>),
    /// or a record is not an object (<see cref="SourceErrorKind.Malformed"/>).</exception>
    public SourceBatch MapPage(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("The records must be a JSON array.", nameof(records));
        }
        var count = records.GetArrayLength();
        var rows = new List<object?[]>(count);
        List<ConversionProblem>? problems = null;
        List<string>? unmapped = null;
        HashSet<string>? unmappedSeen = null;
        var present = new bool[_paths.Length];
        var first = RecordsRead;
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var number = first + ++index;
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new SourceReadException(SourceErrorKind.Malformed, Text.Pick(
                    "Bản ghi {0} là {1}, không phải một đối tượng JSON {{...}}; hãy kiểm tra đường dẫn tới danh sách bản ghi.",
                    "Record {0} is {1}, not a JSON object {{...}}; check the records path.", number, JsonPath.KindName(record.ValueKind)));
            }
            var row = new object?[_paths.Length];
            var ok = true;
            for (var i = 0; i < _paths.Length; i++)
            {
                if (!_paths[i].TrySelect(record, out var element))
                {
                    continue;
                }
                present[i] = true;
                if (!JsonValues.TryConvert(element, _mappings[i].Type, out row[i]))
                {
                    ok = false;
                    (problems ??= []).Add(Problem(number, _mappings[i].Column, _mappings[i].SourcePath, element, _mappings[i].Type));
                }
            }
            if (_watermarkColumn >= 0)
            {
                if (ok && row[_watermarkColumn] is { } value && (_highest is null || Compare(value, _highest) > 0))
                {
                    _highest = value;
                }
            }
            else if (_watermarkPath is not null && _watermarkPath.TrySelect(record, out var mark))
            {
                if (!JsonValues.TryConvert(mark, _watermark!.Type, out var value))
                {
                    ok = false;
                    (problems ??= []).Add(Problem(number, _watermark.SourcePath, _watermark.SourcePath, mark, _watermark.Type));
                }
                else if (ok && value is not null && (_highest is null || Compare(value, _highest) > 0))
                {
                    _highest = value;
                }
            }
            if (ok)
            {
                rows.Add(row);
            }
            if (!_readsWholeRecord)
            {
                foreach (var property in record.EnumerateObject())
                {
                    if (!_readFields.Contains(property.Name) && (unmappedSeen ??= new(StringComparer.Ordinal)).Add(property.Name))
                    {
                        (unmapped ??= []).Add(property.Name);
                    }
                }
            }
        }
        if (count > 0)
        {
            for (var i = 0; i < present.Length; i++)
            {
                if (!present[i])
                {
                    throw new SourceReadException(SourceErrorKind.MissingField, Text.Pick(
                        "Trường «{0}» (cột «{1}») không có trong bản ghi nào từ bản ghi {2} đến {3}: có thể nguồn đã đổi tên hoặc bỏ trường này. Hãy kiểm tra lại ánh xạ trường.{4}",
                        "The field '{0}' (column '{1}') is in none of records {2} to {3}: it may have been renamed or removed at the source. Check the field mapping.{4}",
                        _mappings[i].SourcePath, _mappings[i].Column, first + 1, first + count, Newcomers(unmapped)));
                }
            }
        }
        RecordsRead += count;
        return new SourceBatch(rows, problems ?? [], unmapped ?? [], Watermark, count);
    }

    private static string Newcomers(List<string>? unmapped) => unmapped is { Count: > 0 }
        ? Text.Pick(" Các trường chưa được ánh xạ trong các bản ghi này: {0}.", " Fields in these records that no mapping reads: {0}.", string.Join(", ", unmapped))
        : "";

    private static ConversionProblem Problem(long number, string column, string sourcePath, JsonElement element, ColumnType type)
    {
        var raw = JsonValues.Raw(element);
        var reason = ImportError.InvalidValue(number, column, raw ?? "", type, NumberStyle.Invariant) with { Row = null, Column = null };
        return new ConversionProblem(number, column, raw, Text.Pick("Bản ghi {0}, trường «{1}»: {2}", "Record {0}, field '{1}': {2}",
            number, sourcePath, reason.Message(vietnamese: !Text.IsEnglish)));
    }

    // Values of one watermark share a CLR type (long, double, DateOnly, DateTime or string); text compares by code point.
    private static int Compare(object a, object b) => a is string sa && b is string sb
        ? string.CompareOrdinal(sa, sb)
        : a is long la && b is double db ? ((double)la).CompareTo(db)
        : a is double da && b is long lb ? da.CompareTo(lb)
        : ((IComparable)a).CompareTo(b);

    private static JsonPath ParseOrThrow(string path, string owner) =>
        JsonPath.Parse(path) is { IsSuccess: true } parsed
            ? parsed.Value!
            : throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick("«{0}»: {1}", "'{0}': {1}", owner, JsonPath.Parse(path).Error!.Message));
}
