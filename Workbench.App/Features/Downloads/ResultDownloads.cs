using System.Diagnostics;
using Microsoft.Net.Http.Headers;
using Workbench.App.Api;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Query;

namespace Workbench.App.Features.Downloads;

/// <summary>A result file a caller asked for.</summary>
public enum DownloadFormat
{
    Csv,
    Xlsx,
}

/// <summary>What a download of a saved scenario carries beyond its rows: its name as the title and file name, and its chart.</summary>
public sealed record DownloadLabels(string? Title = null, string? FileStem = null, Workbench.Core.Scenarios.Visual? Chart = null)
{
    public static readonly DownloadLabels None = new();

    public static DownloadLabels For(Workbench.Core.Scenarios.Scenario scenario) => new(scenario.Name, scenario.Key,
        // The xlsx carries a native Excel chart of the scenario's first visual.
        Workbench.Core.Scenarios.ScenarioDocument.ReadVisuals(scenario.VisualsJson)?.FirstOrDefault());
}

/// <summary>
/// Writes a pipeline's every row to the response as CSV or xlsx and records the download: the one path for the API,
/// dataset pages and scenarios, so every file goes through the engine (the caller's access) and is audited alike.
/// </summary>
public static class ResultDownloads
{
    public static async Task<IResult> WriteAsync(
        HttpContext context, Caller caller, PipelineRun run, DownloadFormat format, DownloadLabels labels, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var queries = services.GetRequiredService<QueryService>();
        var started = Stopwatch.GetTimestamp();
        var outcome = await queries.StreamAsync(caller, run, cancellationToken);
        if (outcome.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        var stream = outcome.Value!;
        var extension = format == DownloadFormat.Xlsx ? "xlsx" : "csv";
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{labels.FileStem ?? stream.Sources.FirstOrDefault()?.Key ?? "query"}-{DateTime.UtcNow.AddHours(7):yyyyMMdd-HHmmss}.{extension}",
        }.ToString();

        ExportReceipt receipt;
        if (format == DownloadFormat.Csv)
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            // The CSV writer buffers the header, so a statement that fails at once still leaves the response unstarted.
            receipt = await CsvExporter.WriteAsync(
                context.Response.Body, [.. stream.Columns.Select(c => c.Name)], stream.Rows, cancellationToken);
        }
        else
        {
            var title = labels.Title ?? stream.Sources.FirstOrDefault()?.Name ?? Text.Pick("Kết quả truy vấn", "Query result");
            var provenance = await services.GetRequiredService<DownloadProvenance>()
                .ForAsync(caller, title, stream.Sources, run, cancellationToken);
            try
            {
                // The exporter writes to the body only once the workbook is complete, so a refusal can still be a problem.
                context.Response.ContentType = XlsxExporter.ContentType;
                receipt = await XlsxExporter.WriteAsync(context.Response.Body,
                    [.. stream.Columns.Select(c => new ExportColumn(c.Name, c.Type))], stream.Rows, provenance,
                    services.GetRequiredService<XlsxRowLimits>(), labels.Chart, cancellationToken);
            }
            catch (ExportTooLargeException tooLarge)
            {
                context.Response.Headers.Remove(HeaderNames.ContentDisposition);
                return ApiResults.Problem(ErrorKind.Invalid, "query.xlsx-too-large", tooLarge.Message);
            }
        }
        await queries.RecordDownloadAsync(caller, run, stream, extension, receipt, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Results.Empty;
    }
}
