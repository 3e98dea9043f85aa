using Workbench.Core.Audit;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Datasets;

/// <summary>Downloads for signed-in users: a plain GET so the browser streams the file to disk.</summary>
public static class DatasetDownloads
{
    public static IEndpointRouteBuilder MapDatasetDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/datasets/{key}/download.csv", async (
            string key, HttpContext context, DatasetService datasets, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var caller = context.User.ToCaller();
            if (caller is null)
            {
                return Results.Challenge();
            }
            var found = await datasets.GetDownloadableAsync(caller, key, cancellationToken);
            if (found.Error is { } error)
            {
                return Api.ApiResults.Problem(error);
            }
            var dataset = found.Value!;
            var fileName = $"{dataset.Key}-{DateTime.UtcNow.AddHours(7):yyyyMMdd-HHmm}.csv";
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            var receipt = await CsvExporter.WriteAsync(context.Response.Body,
                [.. dataset.OrderedColumns.Select(c => c.Name)], datasets.StreamRowsAsync(dataset, cancellationToken), cancellationToken);
            await audit.WriteAsync(caller, AuditActions.DatasetDownloaded, dataset.Key,
                new { format = "csv", rows = receipt.Rows, sha256 = receipt.Sha256, dataVersion = dataset.DataVersion },
                CancellationToken.None, context.Connection.RemoteIpAddress?.ToString());
            return Results.Empty;
        }).RequireAuthorization();
        return endpoints;
    }
}
