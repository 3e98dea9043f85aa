using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Exports;

/// <summary>
/// What an xlsx download says about itself on its "Nguồn dữ liệu" sheet: the datasets read with their owners and
/// data versions, the parameter values in force, and who downloaded it when. One place for every download path.
/// </summary>
public sealed class DownloadProvenance(IDbContextFactory<WorkbenchDbContext> contexts, TimeProvider time)
{
    public async Task<ExportProvenance> ForAsync(
        Caller caller, string title, IReadOnlyList<Dataset> sources, PipelineRun? run, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == caller.AgencyId)
            .Select(a => a.Name)
            .SingleOrDefaultAsync(cancellationToken);
        return new ExportProvenance(
            title,
            [.. sources.Select(Source)],
            run is null ? [] : Parameters(run),
            caller.DisplayName,
            agency ?? "?",
            time.GetUtcNow());
    }

    /// <summary>A dataset read, as the provenance sheet names it.</summary>
    public static ExportSource Source(Dataset dataset) =>
        new(dataset.Name, dataset.Key, dataset.OwnerAgency?.Name ?? "?", dataset.DataVersion, dataset.LastLoadedAt);

    /// <summary>Each declared parameter with the value the run used: its argument, else its default.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(PipelineRun run) =>
        [.. run.Pipeline.Parameters.Select(p => KeyValuePair.Create(p.Name,
            run.Arguments.TryGetValue(p.Name, out var argument) ? Show(argument)
            : p.Default is { } fallback ? Show(fallback) + Text.Pick(" (mặc định)", " (default)")
            : ""))];

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "null",
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole.ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };
}
