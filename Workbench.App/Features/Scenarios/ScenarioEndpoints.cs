using Workbench.App.Api;
using Workbench.App.Features.Downloads;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.App.Features.Scenarios;

/// <summary>
/// A saved scenario's result: downloads for signed-in users (a plain GET the browser saves), and the API's
/// <c>GET /api/v1/scenarios/{key}/result</c> with the same formats as <c>POST /query</c>. Query-string values fill its
/// parameters; it always runs with the caller's rights.
/// </summary>
public static class ScenarioEndpoints
{
    public static IEndpointRouteBuilder MapScenarioEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/scenarios/{key}/download.csv", (string key, HttpContext context, ScenarioRuns runs, CancellationToken ct) =>
            DownloadAsync(key, DownloadFormat.Csv, context, runs, ct)).RequireAuthorization();
        endpoints.MapGet("/scenarios/{key}/download.xlsx", (string key, HttpContext context, ScenarioRuns runs, CancellationToken ct) =>
            DownloadAsync(key, DownloadFormat.Xlsx, context, runs, ct)).RequireAuthorization();

        endpoints.MapGet("/api/v1/scenarios/{key}/result", ResultAsync)
            .RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName)
            .WithTags("Scenarios")
            .WithSummary("Run a saved scenario; query-string values fill its parameters (?nam=2023). JSON by default; 'Accept: text/csv' or '?format=csv|xlsx' for files.");
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        string key, DownloadFormat format, HttpContext context, ScenarioRuns runs, CancellationToken cancellationToken)
    {
        if (context.User.ToCaller() is not { } caller)
        {
            return Results.Challenge();
        }
        var prepared = await runs.PrepareAsync(caller, key, Arguments(context), cancellationToken);
        if (prepared.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        return await ResultDownloads.WriteAsync(context, caller, prepared.Value.Run, format, DownloadLabels.For(prepared.Value.Scenario), cancellationToken);
    }

    private static async Task<IResult> ResultAsync(
        string key, HttpContext context, ScenarioRuns runs, QueryService queries, CancellationToken cancellationToken)
    {
        var caller = QueryApi.Caller(context);
        var prepared = await runs.PrepareAsync(caller, key, Arguments(context), cancellationToken);
        if (prepared.Error is { } error)
        {
            return ApiResults.Problem(error);
        }
        return await QueryApi.AnswerAsync(context, caller, prepared.Value.Run, context.Request.Query["format"],
            DownloadLabels.For(prepared.Value.Scenario), queries, cancellationToken);
    }

    private static IEnumerable<KeyValuePair<string, string>> Arguments(HttpContext context) =>
        context.Request.Query.Where(q => q.Key != "format").Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()));
}
