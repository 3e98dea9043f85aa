using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Core.Query;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Query;

namespace Workbench.Infrastructure.Dashboards;

/// <summary>
/// A whole dashboard as one xlsx for a caller: each non-text tile they may read and download, in reading order (Y then
/// X), as its own sheet with the filter values and chips applied (see <see cref="DashboardWorkbook"/>), the others named
/// with the reason on the provenance sheet. Every tile written is audited as a download of its pipeline, like any file.
/// </summary>
/// <remarks>
/// Each tile streams with the download right (<see cref="QueryService.StreamAsync(Caller, Core.Pipelines.Model.PipelineRun, CancellationToken)"/>),
/// not from the dashboard's capped interactive run, and keeps at most <see cref="MaxRowsPerTile"/> rows: the workbook is
/// built formatted in memory by EPPlus (charts need it), so each sheet stays within the exporter's formatted limit; a tile
/// with more says so on the provenance sheet, and its own download gives every row.
/// </remarks>
public sealed class DashboardExport(
    DashboardService dashboards,
    DashboardRunner runner,
    QueryService queries,
    DownloadProvenance provenance)
{
    /// <summary>Rows a tile's sheet holds at most. Default: <see cref="XlsxExporter.FormattedMaxRows"/>.</summary>
    internal int MaxRowsPerTile { get; set; } = XlsxExporter.FormattedMaxRows;

    /// <summary>
    /// Writes the workbook to <paramref name="output"/> only once complete, so an error (unknown dashboard, no right to
    /// view it) leaves it untouched for the caller to answer with a problem instead.
    /// </summary>
    public async Task<Result<ExportReceipt>> WriteAsync(
        Stream output, Caller caller, string key, IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var found = await dashboards.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var dashboard = found.Value!;
        var document = DashboardDocument.Read(dashboard.LayoutJson) ?? DashboardDocument.Empty;
        var tiles = new List<WorkbookTile>();
        var skipped = new List<SkippedTile>();
        var downloads = new List<(Core.Pipelines.Model.PipelineRun Run, QueryStream Stream, long Rows)>();
        foreach (var tile in document.Tiles.Where(t => t.Kind != TileKind.Text).OrderBy(t => t.Position.Y).ThenBy(t => t.Position.X))
        {
            var (prepared, failure) = await runner.PrepareTileAsync(caller, document, tile, filterValues, crossFilters, cancellationToken);
            if (failure is not null)
            {
                skipped.Add(new SkippedTile(tile.Title, failure.Message ?? ""));
                continue;
            }
            var streamed = await queries.StreamAsync(caller, prepared!.Run, cancellationToken);
            if (streamed.Error is { } refused)
            {
                skipped.Add(new SkippedTile(tile.Title, refused.Message));
                continue;
            }
            var stream = streamed.Value!;
            var rows = new List<object?[]>();
            var truncated = false;
            await foreach (var row in stream.Rows.WithCancellation(cancellationToken))
            {
                if (rows.Count == MaxRowsPerTile)
                {
                    truncated = true;
                    break;
                }
                rows.Add(row);
            }
            var columns = stream.Columns.Select(c => new ExportColumn(c.Name, c.Type)).ToList();
            tiles.Add(new WorkbookTile(tile.Title, prepared.Scenario.Name, columns, rows, truncated,
                tile.Kind == TileKind.Visual ? prepared.Visual : null,
                tile.Kind == TileKind.Kpi ? await KpiAsync(caller, prepared, columns, rows, cancellationToken) : null,
                [.. stream.Sources.Select(DownloadProvenance.Source)]));
            downloads.Add((prepared.Run, stream, rows.Count));
        }

        var who = await provenance.ForAsync(caller, dashboard.Name, [], null, cancellationToken);
        var content = new DashboardWorkbookContent(dashboard.Name, dashboard.Key, dashboard.Version, who.DownloadedBy, who.DownloadedByAgency,
            who.DownloadedAt, Filters(document, filterValues), Chips(document, crossFilters), tiles, skipped);

        await using var workbook = new FileStream(
            Path.Combine(Path.GetTempPath(), $"workbench-dashboard-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var written = DashboardWorkbook.Write(workbook, content);
        workbook.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var hashing = new HashingStream(output, hash))
        {
            await workbook.CopyToAsync(hashing, cancellationToken);
            await hashing.FlushAsync(cancellationToken);
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        foreach (var (run, stream, rows) in downloads)
        {
            // One download record per tile: each names its own pipeline and sources; all carry the workbook's hash.
            await queries.RecordDownloadAsync(caller, run, stream, "xlsx", new ExportReceipt(rows, sha), elapsed);
        }
        return new ExportReceipt(written, sha);
    }

    // The KPI's value is the first row's value column; the previous period's, when compared, runs like the tile does.
    private async Task<KpiFigures?> KpiAsync(
        Caller caller, PreparedTile prepared, IReadOnlyList<ExportColumn> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var index = prepared.Tile.Kpi is { } kpi ? columns.ToList().FindIndex(c => c.Name == kpi.ValueColumn) : -1;
        if (index < 0)
        {
            return null;
        }
        object? previous = null;
        if (prepared.PreviousPeriodRun is { } previousRun
            && await queries.RunAsync(caller, previousRun, cancellationToken) is { Value: { Rows: [var first, ..] } })
        {
            previous = first[index];
        }
        return new KpiFigures(columns[index].Name, rows.Count > 0 ? rows[0][index] : null, previous);
    }

    private static List<KeyValuePair<string, string>> Filters(DashboardDocument document, IReadOnlyDictionary<string, string> values) =>
        [.. document.Filters.Select(f => KeyValuePair.Create(f.Label,
            values.TryGetValue(f.Name, out var chosen) && !string.IsNullOrEmpty(chosen) ? chosen
            : !string.IsNullOrEmpty(f.Default) ? f.Default + " (mặc định)"
            : "Không chọn"))];

    private static List<string> Chips(DashboardDocument document, IReadOnlyList<CrossFilter> chips) =>
        [.. chips.Select(c => $"{document.Tile(c.TileId)?.Title ?? c.TileId}: {c.Column} = {Show(c.Value)}")];

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "(trống)",
        _ => value.GetRawText(),
    };
}
