using Workbench.App.Api;
using Workbench.App.Features.Downloads;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Datasets;

/// <summary>Whole-dataset downloads for signed-in users: a plain GET so the browser streams the file to disk.</summary>
public static class DatasetDownloads
{
    public static IEndpointRouteBuilder MapDatasetDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/datasets/{key}/download.csv", (string key, HttpContext context, DatasetService datasets, CancellationToken ct) =>
            DownloadAsync(key, DownloadFormat.Csv, context, datasets, ct)).RequireAuthorization();
        endpoints.MapGet("/datasets/{key}/download.xlsx", (string key, HttpContext context, DatasetService datasets, CancellationToken ct) =>
            DownloadAsync(key, DownloadFormat.Xlsx, context, datasets, ct)).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        string key, DownloadFormat format, HttpContext context, DatasetService datasets, CancellationToken cancellationToken)
    {
        var caller = context.User.ToCaller();
        if (caller is null)
        {
            return Results.Challenge();
        }
        var found = await datasets.GetDownloadableAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        // The dataset as a pipeline with no steps: the rows pass through the engine and the caller's access like any query.
        var run = new PipelineRun(new Pipeline(SourceReference.ForDataset(key), [], []), new Dictionary<string, System.Text.Json.JsonElement>());
        return await ResultDownloads.WriteAsync(context, caller, run, format, DownloadLabels.None, cancellationToken);
    }
}
