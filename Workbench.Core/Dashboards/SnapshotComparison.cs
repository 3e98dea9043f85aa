using System.Globalization;
using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;

namespace Workbench.Core.Dashboards;

/// <summary>How a tile's run ended: rows, or a state the tile shows instead.</summary>
public enum TileState
{
    Ok,

    /// <summary>The viewer may not query a source of the tile: a clear state, not an error.</summary>
    NoAccess,

    /// <summary>The tile's scenario or arguments are not valid (the message says why).</summary>
    Invalid,

    /// <summary>The warehouse failed or timed out.</summary>
    Failed,
}

/// <summary>A dataset a tile read, as it was: owner agency, data version, last load.</summary>
public sealed record TileSource(string Key, string Name, string OwnerAgency, long DataVersion, DateTimeOffset? LastLoadedAt);

/// <summary>One tile's frozen result in a snapshot; <see cref="Rows"/> hold long, double, string, bool, DateOnly, DateTime or null.</summary>
public sealed record SnapshotTile(
    string TileId,
    string Title,
    TileState State,
    string? Message,
    IReadOnlyList<StepColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    bool Truncated,
    IReadOnlyList<TileSource> Sources);

/// <summary>What a snapshot holds: the filter values and cross-filters used and each tile's result.</summary>
public sealed record SnapshotContent(IReadOnlyDictionary<string, string> FilterValues, IReadOnlyList<SnapshotTile> Tiles);

/// <summary>One figure then and now: <see cref="Label"/> names the row (its text/date columns), <see cref="Column"/> the measure.</summary>
public sealed record FigureChange(string Label, string Column, double? Then, double? Now)
{
    public double? Difference => Then is { } then && Now is { } now ? now - then : null;
}

/// <summary>A tile's comparison: its figures then and now, side by side.</summary>
public sealed record TileComparison(string TileId, string Title, IReadOnlyList<FigureChange> Figures);

/// <summary>
/// A snapshot against the live figures, tile by tile. A KPI compares its value column; any other result compares each
/// numeric column of rows matched by their non-numeric columns (the groups), so a district's population then and now
/// sit side by side, and a group present on one side only shows the other as empty.
/// </summary>
public static class SnapshotComparison
{
    public static IReadOnlyList<TileComparison> Compare(DashboardDocument document, SnapshotContent then, IReadOnlyList<SnapshotTile> now)
    {
        var comparisons = new List<TileComparison>();
        foreach (var old in then.Tiles)
        {
            var current = now.FirstOrDefault(t => t.TileId == old.TileId);
            var tile = document.Tile(old.TileId);
            var figures = tile is { Kind: TileKind.Kpi, Kpi: { } kpi }
                ? CompareKpi(kpi.ValueColumn, old, current)
                : CompareGroups(old, current);
            comparisons.Add(new TileComparison(old.TileId, old.Title, figures));
        }
        return comparisons;
    }

    private static List<FigureChange> CompareKpi(string column, SnapshotTile then, SnapshotTile? now) =>
        [new FigureChange("", column, FirstValue(then, column), now is null ? null : FirstValue(now, column))];

    private static double? FirstValue(SnapshotTile tile, string column)
    {
        var index = IndexOf(tile.Columns, column);
        return tile.State == TileState.Ok && index >= 0 && tile.Rows.Count > 0 ? Number(tile.Rows[0][index]) : null;
    }

    private static List<FigureChange> CompareGroups(SnapshotTile then, SnapshotTile? now)
    {
        var measures = then.Columns.Where(c => IsNumeric(c.Type)).Select(c => c.Name).ToList();
        var groups = then.Columns.Where(c => !IsNumeric(c.Type)).Select(c => c.Name).ToList();
        var thenRows = Index(then, groups);
        var nowRows = now is { State: TileState.Ok } ? Index(now, groups) : [];
        var figures = new List<FigureChange>();
        foreach (var label in thenRows.Keys.Concat(nowRows.Keys.Where(k => !thenRows.ContainsKey(k))))
        {
            foreach (var measure in measures)
            {
                figures.Add(new FigureChange(label, measure,
                    thenRows.TryGetValue(label, out var a) ? Number(a[IndexOf(then.Columns, measure)]) : null,
                    nowRows.TryGetValue(label, out var b) && IndexOf(now!.Columns, measure) is var i and >= 0 ? Number(b[i]) : null));
            }
        }
        return figures;
    }

    // The first row of each group wins: a result that repeats a group has no single figure for it to compare.
    private static Dictionary<string, object?[]> Index(SnapshotTile tile, List<string> groups)
    {
        var indexes = groups.Select(g => IndexOf(tile.Columns, g)).ToList();
        var rows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        if (tile.State != TileState.Ok)
        {
            return rows;
        }
        foreach (var row in tile.Rows)
        {
            var label = string.Join(" · ", indexes.Select(i => i < 0 ? "" : Convert.ToString(row[i], CultureInfo.InvariantCulture)));
            rows.TryAdd(label, row);
        }
        return rows;
    }

    private static int IndexOf(IReadOnlyList<StepColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsNumeric(ColumnType type) => type is ColumnType.Integer or ColumnType.Number;

    private static double? Number(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        float f => f,
        _ => null,
    };
}
