using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;
using Workbench.App.Features.Downloads;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Query;

namespace Workbench.App.Api;

/// <summary>The query half of HTTP API v1 (PIPELINE.md): run a pipeline, validate it, show its SQL.</summary>
public static class QueryApi
{
    /// <summary>A pipeline is a small document; anything larger is refused before it is parsed.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/query")
            .RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName)
            .WithTags("Query")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .DisableAntiforgery();

        api.MapPost("", RunAsync)
            .WithSummary("Run a pipeline (body: the pipeline JSON plus optional \"arguments\"). JSON by default; 'Accept: text/csv' streams every row as CSV; '?format=xlsx' downloads xlsx.");
        api.MapPost("/validate", ValidateAsync)
            .WithSummary("Validate a pipeline: { valid, errors, schema } with each step's output columns (200 even when invalid).");
        api.MapPost("/sql", SqlAsync)
            .WithSummary("The SQL the pipeline compiles to for the configured warehouse, with its parameters.");
        return endpoints;
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, [FromQuery] string? format, QueryService queries, CancellationToken cancellationToken)
    {
        var read = await ReadRunAsync(context, cancellationToken);
        if (read.Problem is { } problem)
        {
            return problem;
        }
        return await AnswerAsync(context, Caller(context), read.Run!, format, DownloadLabels.None, queries, cancellationToken);
    }

    /// <summary>
    /// A run in the format the caller asked for: JSON (capped, cached), or every row as CSV or xlsx. Shared by
    /// <c>POST /query</c> and <c>GET /scenarios/{key}/result</c>, which the contract gives the same formats.
    /// </summary>
    public static async Task<IResult> AnswerAsync(
        HttpContext context, Caller caller, PipelineRun run, string? format, DownloadLabels labels, QueryService queries,
        CancellationToken cancellationToken)
    {
        switch (Format(context, format))
        {
            case "csv":
                return await ResultDownloads.WriteAsync(context, caller, run, DownloadFormat.Csv, labels, cancellationToken);
            case "xlsx":
                return await ResultDownloads.WriteAsync(context, caller, run, DownloadFormat.Xlsx, labels, cancellationToken);
            case "json":
                break;
            default:
                return ApiResults.Problem(ErrorKind.Invalid, "query.bad-format", Text.Pick(
                    "Định dạng «{0}» không được hỗ trợ; dùng json, csv hoặc xlsx.", "Format '{0}' is not supported; use json, csv or xlsx.", format));
        }

        var outcome = await queries.RunAsync(caller, run, cancellationToken);
        if (outcome.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        var result = outcome.Value!;
        return Results.Ok(new QueryResultDto(
            [.. result.Columns.Select(QueryColumnDto.From)], result.Rows, result.RowCount, result.Truncated, result.ElapsedMs));
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, QueryService queries, CancellationToken cancellationToken)
    {
        var read = await ReadRunAsync(context, cancellationToken);
        if (read.Problem is { } problem)
        {
            // Contract errors are a validation answer too: the pipeline is not valid, here is why.
            return read.Errors is { } errors ? Results.Ok(new ValidationDto(false, [.. errors.Select(PipelineErrorDto.From)], [])) : problem;
        }
        var outcome = await queries.ValidateAsync(Caller(context), read.Run!, cancellationToken);
        if (outcome.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        var validation = outcome.Value!;
        return Results.Ok(new ValidationDto(
            validation.Valid,
            [.. validation.Errors.Select(PipelineErrorDto.From)],
            [.. validation.Schema.Select(step => (IReadOnlyList<QueryColumnDto>)[.. step.Select(QueryColumnDto.From)])]));
    }

    private static async Task<IResult> SqlAsync(HttpContext context, QueryService queries, CancellationToken cancellationToken)
    {
        var read = await ReadRunAsync(context, cancellationToken);
        if (read.Problem is { } problem)
        {
            return problem;
        }
        var outcome = await queries.SqlAsync(Caller(context), read.Run!, cancellationToken);
        if (outcome.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        var sql = outcome.Value!;
        return Results.Ok(new SqlDto(
            sql.Dialect, sql.Sql, [.. sql.Parameters.Select(p => new SqlParameterDto(p.Name, p.Type.ToContractName(), p.Value))]));
    }

    /// <summary>json, csv or xlsx: <c>?format=</c> wins; else <c>Accept: text/csv</c> (or the xlsx media type); else json.</summary>
    private static string Format(HttpContext context, string? format)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Trim().ToLowerInvariant();
        }
        var accept = context.Request.GetTypedHeaders().Accept;
        if (accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            return "csv";
        }
        if (accept.Any(a => a.MediaType.Equals(XlsxExporter.ContentType, StringComparison.OrdinalIgnoreCase)))
        {
            return "xlsx";
        }
        return "json";
    }

    private sealed record ReadBody(PipelineRun? Run, IResult? Problem, IReadOnlyList<PipelineError>? Errors);

    /// <summary>The body as a pipeline run, or the 400 problem: bad JSON, or the contract's errors naming their step.</summary>
    private static async Task<ReadBody> ReadRunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(
                context.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            var message = Text.Pick(
                "Nội dung không phải JSON hợp lệ (dòng {0}, vị trí {1}).", "The body is not valid JSON (line {0}, position {1}).",
                (exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1);
            PipelineError[] errors = [new(null, "", message, (int?)exception.BytePositionInLine)];
            return new ReadBody(null, ApiResults.Problem(new QueryError(ErrorKind.Invalid, "query.bad-json", message, errors)), errors);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return new ReadBody(null, ApiResults.Problem(ErrorKind.Invalid, "query.too-large", Text.Pick(
                "Quy trình lớn hơn giới hạn {0} KB.", "The pipeline is larger than the {0} KB limit.", MaxBodyBytes / 1024)), null);
        }

        var parsed = PipelineJson.Parse(root);
        if (!parsed.IsValid)
        {
            var errors = parsed.Errors.Count > 0
                ? parsed.Errors
                : [new PipelineError(null, "", Text.Pick("Quy trình không hợp lệ.", "The pipeline is not valid."))];
            return new ReadBody(null, ApiResults.Problem(new QueryError(ErrorKind.Invalid, "pipeline.invalid", errors[0].Message, errors)), errors);
        }
        return new ReadBody(new PipelineRun(parsed.Pipeline!, parsed.Arguments), null, null);
    }

    internal static Caller Caller(HttpContext context) =>
        context.User.ToCaller() ?? throw new InvalidOperationException("The API policy admits only callers with an agency.");
}

/// <summary>A result column: its name and contract type name.</summary>
public sealed record QueryColumnDto(string Name, string Type)
{
    public static QueryColumnDto From(StepColumn column) => new(column.Name, column.Type.ToContractName());
}

/// <summary>The answer of <c>POST /query</c>: values are JSON numbers, strings, booleans, dates as yyyy-MM-dd, datetimes as ISO 8601, or null.</summary>
public sealed record QueryResultDto(IReadOnlyList<QueryColumnDto> Columns, IReadOnlyList<object?[]> Rows, int RowCount, bool Truncated, long ElapsedMs);

/// <summary>One pipeline error: the step index (null for the source, parameters or the body), the field, the message, and in expressions the position.</summary>
public sealed record PipelineErrorDto(int? Step, string Field, string Message, int? Position)
{
    public static PipelineErrorDto From(PipelineError error) => new(error.Step, error.Field, error.Message, error.Position);
}

/// <summary>The answer of <c>POST /query/validate</c>.</summary>
public sealed record ValidationDto(bool Valid, IReadOnlyList<PipelineErrorDto> Errors, IReadOnlyList<IReadOnlyList<QueryColumnDto>> Schema);

/// <summary>A bound parameter as <c>POST /query/sql</c> shows it.</summary>
public sealed record SqlParameterDto(string Name, string Type, object? Value);

/// <summary>The answer of <c>POST /query/sql</c>.</summary>
public sealed record SqlDto(string Dialect, string Sql, IReadOnlyList<SqlParameterDto> Parameters);
