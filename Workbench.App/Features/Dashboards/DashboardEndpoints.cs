using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Primitives;
using Workbench.App.Api;
using Workbench.App.Features.Downloads;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Dashboards;

/// <summary>
/// Dashboard downloads for signed-in users (plain GETs the browser saves): one tile's full result as CSV or xlsx, and
/// the whole dashboard as one xlsx. The query string carries the filter values by filter name (<c>?nam=2024</c>) and
/// the cross-filter chips (<c>chip=…</c>, see <see cref="CrossFilter.ToQuery"/>), as the dashboard page's URL does;
/// everything runs with the caller's rights.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboards/{key}/tiles/{tileId}/download.csv", (string key, string tileId, HttpContext context, CancellationToken ct) =>
            TileAsync(key, tileId, DownloadFormat.Csv, context, ct)).RequireAuthorization();
        endpoints.MapGet("/dashboards/{key}/tiles/{tileId}/download.xlsx", (string key, string tileId, HttpContext context, CancellationToken ct) =>
            TileAsync(key, tileId, DownloadFormat.Xlsx, context, ct)).RequireAuthorization();
        endpoints.MapGet("/dashboards/{key}/download.xlsx", WholeAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>The download URL of a tile (<paramref name="query"/>: the page's query string, with or without "?").</summary>
    public static string TileUrl(string key, string tileId, DownloadFormat format, string? query) =>
        $"dashboards/{Uri.EscapeDataString(key)}/tiles/{Uri.EscapeDataString(tileId)}/download.{(format == DownloadFormat.Xlsx ? "xlsx" : "csv")}{Query(query)}";

    /// <summary>The download URL of the whole dashboard as xlsx.</summary>
    public static string WholeUrl(string key, string? query) => $"dashboards/{Uri.EscapeDataString(key)}/download.xlsx{Query(query)}";

    private static string Query(string? query) => string.IsNullOrEmpty(query) || query == "?" ? "" : query.StartsWith('?') ? query : "?" + query;

    internal static async Task<IResult> TileAsync(string key, string tileId, DownloadFormat format, HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.ToCaller() is not { } caller)
        {
            return Results.Challenge();
        }
        var (filters, chips) = Read(context.Request.Query);
        var prepared = await context.RequestServices.GetRequiredService<DashboardRunner>()
            .PrepareTileAsync(caller, key, tileId, filters, chips, cancellationToken);
        if (prepared.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        var tile = prepared.Value!;
        return await ResultDownloads.WriteAsync(context, caller, tile.Run, format,
            new DownloadLabels(tile.Tile.Title, $"{key}-{tileId}", tile.Visual), cancellationToken);
    }

    internal static async Task<IResult> WholeAsync(string key, HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.ToCaller() is not { } caller)
        {
            return Results.Challenge();
        }
        var (filters, chips) = Read(context.Request.Query);
        context.Response.ContentType = XlsxExporter.ContentType;
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{key}-{DateTime.UtcNow.AddHours(7):yyyyMMdd-HHmmss}.xlsx",
        }.ToString();
        // The workbook reaches the body only once complete, so a refusal can still be a problem.
        var written = await context.RequestServices.GetRequiredService<DashboardExport>()
            .WriteAsync(context.Response.Body, caller, key, filters, chips, cancellationToken);
        if (written.Error is { } error)
        {
            context.Response.Headers.Remove(HeaderNames.ContentDisposition);
            return ApiResults.Problem(error);
        }
        return Results.Empty;
    }

    /// <summary>The filter values (every query-string name but <c>chip</c>) and the chips that parse; invalid chips are ignored.</summary>
    internal static (Dictionary<string, string> Filters, List<CrossFilter> Chips) Read(IQueryCollection query)
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        var chips = new List<CrossFilter>();
        foreach (var (name, values) in query)
        {
            if (name == CrossFilter.QueryName)
            {
                chips.AddRange(values.Select(CrossFilter.FromQuery).OfType<CrossFilter>());
            }
            else
            {
                filters[name] = values.ToString();
            }
        }
        return (filters, chips);
    }
}
