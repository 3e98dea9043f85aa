using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Exports;

namespace Workbench.Infrastructure.Query;

/// <summary>
/// Runs pipelines for a caller: compiles them for the configured warehouse with the caller's access context (reading
/// pivot values first when a pivot names none), runs the statement with the timeout, caps interactive results, caches
/// them by (SQL, parameters, data versions of the sources), and writes every run to the audit log.
/// </summary>
public sealed partial class QueryService(
    IWarehouse warehouse,
    ISourceCatalog catalog,
    Access.GrantService grants,
    AuditLog audit,
    IOptions<QueryOptions> options,
    ILogger<QueryService> logger) : IDisposable
{
    private const string RunAction = AuditActions.QueryRun;
    private const string DownloadAction = AuditActions.QueryDownload;

    private readonly QueryOptions _options = options.Value;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.CacheMegabytes) * 1024L * 1024L,
    });
    private long _cacheHits;

    /// <summary>Runs served from the result cache since start (for tests and diagnostics).</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public async Task<QueryOutcome<QueryValidation>> ValidateAsync(Caller caller, PipelineRun run, CancellationToken cancellationToken)
    {
        try
        {
            var (compiled, error) = await CompileAsync(caller, run, cancellationToken);
            if (error is { Kind: ErrorKind.Forbidden })
            {
                return error;
            }
            return new QueryValidation(compiled.IsValid, compiled.Errors, compiled.StepSchemas);
        }
        catch (QueryTimeoutException)
        {
            return TimeoutError();
        }
    }

    /// <summary>
    /// The columns a source gives the first step reading it (a dataset's, or a saved scenario's result), as the caller
    /// sees them; for the designer's join and union editors and a scenario source.
    /// </summary>
    public async Task<QueryOutcome<IReadOnlyList<StepColumn>>> ColumnsOfAsync(Caller caller, SourceReference source, CancellationToken cancellationToken)
    {
        try
        {
            var run = new PipelineRun(new Pipeline(source, [], []), new Dictionary<string, System.Text.Json.JsonElement>());
            var (compiled, error) = await CompileAsync(caller, run, cancellationToken);
            return error ?? (QueryOutcome<IReadOnlyList<StepColumn>>)compiled.Query!.Columns.Select(c => new StepColumn(c.Name, c.Type)).ToList();
        }
        catch (QueryTimeoutException)
        {
            return TimeoutError();
        }
    }

    public async Task<QueryOutcome<QuerySql>> SqlAsync(Caller caller, PipelineRun run, CancellationToken cancellationToken)
    {
        try
        {
            var (compiled, error) = await CompileAsync(caller, run, cancellationToken);
            return error ?? (QueryOutcome<QuerySql>)new QuerySql(warehouse.Dialect.Name, compiled.Query!.Sql, compiled.Query.Parameters);
        }
        catch (QueryTimeoutException)
        {
            return TimeoutError();
        }
    }

    public async Task<QueryOutcome<QueryResult>> RunAsync(Caller caller, PipelineRun run, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        CompilationResult? compiled = null;
        try
        {
            (compiled, var error) = await CompileAsync(caller, run, cancellationToken);
            if (error is not null)
            {
                return error;
            }
            var query = compiled.Query!;
            var key = _options.CacheMegabytes > 0 ? CacheKey(query, compiled.Sources) : null;
            CachedRows? rows = null;
            var cached = key is not null && _cache.TryGetValue(key, out rows) && rows is not null;
            if (cached && rows is not null)
            {
                Interlocked.Increment(ref _cacheHits);
            }
            else
            {
                rows = await ReadCappedAsync(query, cancellationToken);
                if (key is not null)
                {
                    _cache.Set(key, rows, new MemoryCacheEntryOptions
                    {
                        Size = rows.EstimatedBytes,
                        AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(_options.CacheSeconds),
                    });
                }
            }
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await WriteAuditAsync(caller, RunAction, run, compiled.Sources, new Dictionary<string, object?>
            {
                ["rows"] = rows.Rows.Count,
                ["truncated"] = rows.Truncated,
                ["durationMs"] = elapsed,
                ["cached"] = cached,
            });
            var columns = query.Columns.Select(c => new StepColumn(c.Name, c.Type)).ToList();
            return new QueryResult(columns, rows.Rows, rows.Rows.Count, rows.Truncated, elapsed, cached) { Sources = compiled.Sources };
        }
        catch (QueryTimeoutException exception)
        {
            LogTimeout(logger, PipelineHash(run), exception.Timeout.TotalSeconds);
            await WriteAuditAsync(caller, RunAction, run, compiled?.Sources ?? [], new Dictionary<string, object?>
            {
                ["timedOut"] = true,
                ["durationMs"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            });
            return TimeoutError();
        }
    }

    /// <summary>
    /// The designer's preview of a pipeline: its first <paramref name="rows"/> rows and how many rows it has in all, as
    /// two runs through the engine (the pipeline plus a <c>limit</c>, the pipeline plus a count), each cached and audited.
    /// </summary>
    public async Task<QueryOutcome<QueryPreview>> PreviewAsync(Caller caller, PipelineRun run, int rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var steps = run.Pipeline.Steps;
        var page = await RunAsync(caller, run with
        {
            Pipeline = run.Pipeline with { Steps = [.. steps, new LimitStep(Math.Clamp(rows, 0, _options.MaxRows), null)] },
        }, cancellationToken);
        if (page.Error is { } error)
        {
            return error;
        }
        var count = await RunAsync(caller, run with
        {
            Pipeline = run.Pipeline with { Steps = [.. steps, new AggregateStep([], [new Measure(AggregateFunction.Count, null, "n")])] },
        }, cancellationToken);
        if (count.Error is { } countError)
        {
            return countError;
        }
        var total = count.Value!.Rows is [[long n]] ? n : page.Value!.RowCount;
        return new QueryPreview(page.Value!.Columns, page.Value.Rows, total, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Compiles for a download: every row, streamed, uncached and without the interactive timeout (a slow client must not
    /// cut a file short; a dropped connection cancels the statement through <paramref name="cancellationToken"/>).
    /// </summary>
    public Task<QueryOutcome<QueryStream>> StreamAsync(Caller caller, PipelineRun run, CancellationToken cancellationToken) =>
        StreamAsync(caller, run, AccessPurpose.Download, cancellationToken);

    /// <summary>Every row streamed, with the right <paramref name="purpose"/> needs: files need the download right, derived data the query right.</summary>
    public async Task<QueryOutcome<QueryStream>> StreamAsync(
        Caller caller, PipelineRun run, AccessPurpose purpose, CancellationToken cancellationToken)
    {
        try
        {
            var (compiled, error) = await CompileAsync(caller, run, purpose, cancellationToken);
            if (error is not null)
            {
                return error;
            }
            var query = compiled.Query!;
            return new QueryStream(
                [.. query.Columns.Select(c => new StepColumn(c.Name, c.Type))],
                compiled.Sources,
                PipelineHash(run),
                warehouse.QueryAsync(query, Timeout.InfiniteTimeSpan, cancellationToken));
        }
        catch (QueryTimeoutException)
        {
            return TimeoutError();
        }
    }

    /// <summary>Writes a finished download to the audit log: format, rows, SHA-256 of the file, duration.</summary>
    public Task RecordDownloadAsync(Caller caller, PipelineRun run, QueryStream stream, string format, ExportReceipt receipt, long elapsedMs) =>
        WriteAuditAsync(caller, DownloadAction, run, stream.Sources, new Dictionary<string, object?>
        {
            ["format"] = format,
            ["rows"] = receipt.Rows,
            ["sha256"] = receipt.Sha256,
            ["durationMs"] = elapsedMs,
        });

    /// <summary>SHA-256 of the pipeline's canonical JSON with its arguments: the same pipeline always hashes the same.</summary>
    public static string PipelineHash(PipelineRun run) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PipelineJson.Write(run.Pipeline, run.Arguments))));

    public void Dispose() => _cache.Dispose();

    private Task<(CompilationResult Result, QueryError? Error)> CompileAsync(Caller caller, PipelineRun run, CancellationToken cancellationToken) =>
        CompileAsync(caller, run, AccessPurpose.Query, cancellationToken);

    private async Task<(CompilationResult Result, QueryError? Error)> CompileAsync(
        Caller caller, PipelineRun run, AccessPurpose purpose, CancellationToken cancellationToken)
    {
        // Read for every compile: a grant revoked or expired a moment ago no longer counts, and cached results are
        // only reached through a compile that passed.
        var access = AccessContext.For(caller, await grants.ForCallerAsync(caller, cancellationToken), purpose);
        var pivotValues = new Dictionary<int, IReadOnlyList<string>>();
        while (true)
        {
            var result = await PipelineCompiler.CompileAsync(
                run, catalog, access, warehouse.Dialect, pivotValues.Count == 0 ? null : pivotValues, cancellationToken);
            if (!result.IsValid)
            {
                return (result, ToError(result, access));
            }
            if (result.PivotValuesNeeded is not { } request)
            {
                return (result, null);
            }
            if (pivotValues.ContainsKey(request.Step))
            {
                throw new InvalidOperationException($"The compiler asked twice for the pivot values of step {request.Step}.");
            }
            // Phase one of a pivot without values: the distinct values (the query returns at most 101; the compiler refuses more than 100).
            var values = new List<string>();
            await foreach (var row in warehouse.QueryAsync(request.Query, _options.Timeout, cancellationToken))
            {
                if (row[0] is string value)
                {
                    values.Add(value);
                }
            }
            pivotValues[request.Step] = values;
        }
    }

    private async Task<CachedRows> ReadCappedAsync(CompiledQuery query, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        var truncated = false;
        long bytes = 64;
        await foreach (var row in warehouse.QueryAsync(query, _options.Timeout, cancellationToken))
        {
            if (rows.Count == _options.MaxRows)
            {
                truncated = true; // leaving the loop stops the statement
                break;
            }
            rows.Add(row);
            bytes += EstimateBytes(row);
        }
        return new CachedRows(rows, truncated, bytes);
    }

    private static long EstimateBytes(object?[] row)
    {
        long bytes = 32 + 8L * row.Length;
        foreach (var value in row)
        {
            bytes += value switch
            {
                null => 0,
                string s => 24 + 2L * s.Length,
                _ => 24,
            };
        }
        return bytes;
    }

    // The SQL carries the caller's row filters and masks, so two callers share an entry only when their access compiles alike.
    private string CacheKey(CompiledQuery query, IReadOnlyList<Dataset> sources)
    {
        var key = new StringBuilder()
            .Append(warehouse.Provider).Append('\n')
            .Append(_options.MaxRows.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(query.Sql).Append('\n');
        foreach (var parameter in query.Parameters)
        {
            key.Append(parameter.Name).Append(':').Append(parameter.Type).Append(':')
                .Append(parameter.Value switch
                {
                    null => "null",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                })
                .Append('\n');
        }
        foreach (var source in sources.OrderBy(s => s.Id))
        {
            key.Append(source.Id.ToString(CultureInfo.InvariantCulture)).Append('@')
                .Append(source.DataVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    private Task WriteAuditAsync(Caller caller, string action, PipelineRun run, IReadOnlyList<Dataset> sources, Dictionary<string, object?> details)
    {
        details["pipelineHash"] = PipelineHash(run);
        details["datasets"] = sources.Select(s => new { key = s.Key, dataVersion = s.DataVersion }).ToList();
        var target = sources.Count == 0 ? run.Pipeline.Source.Dataset ?? run.Pipeline.Source.Scenario : string.Join(", ", sources.Select(s => s.Key));
        return audit.WriteAsync(caller, action, target, details, CancellationToken.None);
    }

    private static QueryError ToError(CompilationResult result, AccessContext access)
    {
        var errors = result.Errors;
        if (errors.FirstOrDefault(e => e.Kind == ErrorKind.Forbidden) is { } forbidden)
        {
            var message = forbidden.Message;
            // A refused dataset gets its owner named; a scenario the caller may not view keeps its own message.
            if (forbidden.Field != "scenario" && result.Sources.FirstOrDefault(d => !access.For(d).Allowed) is { } dataset)
            {
                var owner = dataset.OwnerAgency?.Name ?? dataset.OwnerAgencyId.ToString(CultureInfo.InvariantCulture);
                message = access.Purpose == AccessPurpose.Download
                    ? Text.Pick(
                        "Bạn không có quyền tải về dữ liệu của bộ dữ liệu «{0}». Bộ dữ liệu thuộc {1}; hãy đề nghị {1} cấp quyền tải về.",
                        "You may not download the rows of dataset '{0}'. It belongs to {1}; ask {1} for a download right.", dataset.Name, owner)
                    : Text.Pick(
                        "Bạn không có quyền truy vấn bộ dữ liệu «{0}»: chưa được cấp quyền, hoặc quyền đã bị thu hồi hay đã hết hạn. Bộ dữ liệu thuộc {1}; hãy đề nghị {1} cấp quyền.",
                        "You may not query the dataset '{0}': it was not granted to you, or the grant was revoked or has expired. It belongs to {1}; ask {1} for a grant.",
                        dataset.Name, owner);
                errors = [.. errors.Select(e => e == forbidden ? e with { Message = message } : e)];
            }
            return new QueryError(ErrorKind.Forbidden, "query.forbidden", message, errors);
        }
        if (errors.FirstOrDefault(e => e.Kind == ErrorKind.NotFound) is { } missing)
        {
            return new QueryError(ErrorKind.NotFound, "query.source-not-found", missing.Message, errors);
        }
        return new QueryError(ErrorKind.Invalid, "pipeline.invalid", errors[0].Message, errors);
    }

    private QueryError TimeoutError() => new(ErrorKind.Invalid, QueryError.TimeoutCode, Text.Pick(
        "Truy vấn chạy quá {0} giây và đã bị dừng. Hãy lọc bớt dữ liệu sớm hơn hoặc rút gọn quy trình.",
        "The query ran longer than {0} seconds and was stopped. Filter the data earlier or simplify the pipeline.",
        _options.TimeoutSeconds), []);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline {PipelineHash} ran past the {TimeoutSeconds} s limit and was stopped")]
    private static partial void LogTimeout(ILogger logger, string pipelineHash, double timeoutSeconds);

    private sealed record CachedRows(IReadOnlyList<object?[]> Rows, bool Truncated, long EstimatedBytes);
}
