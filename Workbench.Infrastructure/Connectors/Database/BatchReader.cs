using System.Data.Common;
using System.Globalization;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>One running read: the command, its data reader, and what carries over from one batch to the next.</summary>
internal sealed class BatchReader : IAsyncDisposable
{
    private readonly DatabaseSourceSettings _settings;
    private readonly ReadPlan _plan;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly CancellationTokenRegistration _stop;
    private readonly object?[] _values;
    private object?[]? _pending;
    private object? _lastRawWatermark;
    private string? _watermark;
    private long _record;
    private bool _finished;
    private bool _yielded;

    private BatchReader(DatabaseSourceSettings settings, ReadPlan plan, DbCommand command, DbDataReader reader, CancellationTokenRegistration stop, string? since)
    {
        _settings = settings;
        _plan = plan;
        _command = command;
        _reader = reader;
        _stop = stop;
        _values = new object?[reader.FieldCount];
        _watermark = since;
    }

    public static async Task<BatchReader> StartAsync(
        SourceEngine engine,
        SourceSession session,
        DatabaseSourceSettings settings,
        string from,
        IReadOnlyList<SourceColumn> columns,
        object? since,
        string? sinceText,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var plan = ReadPlan.Resolve(engine, settings, columns, selectedOnly: true);
        var watermark = plan.WatermarkOrdinal >= 0 ? plan.Selected[plan.WatermarkOrdinal] : null;
        var command = session.Command(engine.Sql.Select(from, plan.Selected, watermark, since is not null), timeout);
        if (since is not null)
        {
            command.Parameters.Add(engine.Parameter(command, DatabaseSourceSql.SinceParameter, since, settings.WatermarkType!.Value));
        }
        var stop = engine.StopOnCancel(command, cancellationToken);
        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            return new BatchReader(settings, plan, command, reader, stop, watermark is null ? null : sinceText);
        }
        catch
        {
            await stop.DisposeAsync();
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The next batch, or null when the source is exhausted. An empty source still gives one empty batch, so the caller
    /// learns about drift and the watermark either way.
    /// </summary>
    public async Task<SourceBatch?> NextAsync(CancellationToken cancellationToken)
    {
        if (_finished && _yielded)
        {
            return null;
        }
        var batchSize = _settings.BatchSize;
        var watermarkAt = _plan.WatermarkOrdinal;
        var rows = new List<object?[]>(Math.Min(batchSize, 4096));
        var problems = new List<ConversionProblem>();
        var read = 0L;
        while (true)
        {
            if (read >= batchSize && watermarkAt < 0)
            {
                break;
            }
            var values = _pending ?? await NextRowAsync(cancellationToken);
            _pending = null;
            if (values is null)
            {
                _finished = true;
                break;
            }
            if (read >= batchSize && !SharesLastWatermark(values[watermarkAt]))
            {
                _pending = values;
                break;
            }
            if (read >= (long)batchSize * MaxBatchGrowth)
            {
                throw TooManyTies();
            }
            read++;
            _record++;
            if (_plan.Convert(values, _record, problems) is { } row && Watermark(values, problems))
            {
                rows.Add(row);
            }
        }
        if (read == 0 && _yielded)
        {
            return null;
        }
        _yielded = true;
        return new SourceBatch(rows, problems, _plan.Unmapped, _watermark, read);
    }

    private const int MaxBatchGrowth = 10;

    // Rows with a null watermark are never read again by "> since", so a batch may end among them.
    private bool SharesLastWatermark(object? value) => value is not null && Equals(value, _lastRawWatermark);

    private async Task<object?[]?> NextRowAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await _reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        // A fresh array per row: the batch keeps the pending row while the reader moves on.
        var values = new object?[_values.Length];
        SourceValues.Read(_reader, values);
        return values;
    }

    /// <summary>Advances the watermark to the row's value (rows come in watermark order); false when it does not convert.</summary>
    private bool Watermark(object?[] values, List<ConversionProblem> problems)
    {
        if (_plan.WatermarkOrdinal < 0)
        {
            return true;
        }
        var raw = values[_plan.WatermarkOrdinal];
        _lastRawWatermark = raw;
        if (raw is null)
        {
            return true;
        }
        var type = _settings.WatermarkType!.Value;
        if (raw is SourceValues.Unreadable || !CellParser.TryConvert(raw, type, NumberStyle.Invariant, out var value) || value is null)
        {
            problems.Add(ReadPlan.Problem(_record, _settings.WatermarkColumn!, raw, type));
            return false;
        }
        _watermark = Format(value);
        return true;
    }

    /// <summary>A watermark as invariant text that <see cref="CellParser"/> reads back: ISO 8601 for dates and date-times.</summary>
    public static string? Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // .FFFFFFF drops trailing zeros and, when all are zero, the point with them
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => CellParser.FormatInvariant(value),
    };

    private SourceReadException TooManyTies() => new(SourceErrorKind.Configuration, Text.Pick(
        "Cột mốc đồng bộ «{0}» có cùng một giá trị trên hơn {1:N0} dòng liền nhau; hãy chọn cột tăng dần theo từng dòng (mã tự tăng, thời điểm cập nhật).",
        "The watermark column '{0}' has the same value on more than {1:N0} consecutive rows; choose a column that grows row by row (an identity, a last-modified time).",
        _settings.WatermarkColumn, (long)_settings.BatchSize * MaxBatchGrowth));

    public async ValueTask DisposeAsync()
    {
        await _stop.DisposeAsync();
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
    }
}
