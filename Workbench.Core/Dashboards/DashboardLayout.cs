namespace Workbench.Core.Dashboards;

/// <summary>
/// Editing a dashboard's tiles on its grid of <see cref="DashboardDocument.GridColumns"/> columns, gridstack-like: a new
/// tile takes the first free spot from the top; a moved or resized tile is clamped to the grid and pushes whatever it
/// now covers down, until nothing overlaps. Pure functions: the builder's drag, resize and keyboard all come here.
/// </summary>
public static class DashboardLayout
{
    /// <summary>A position inside the grid: 1 ≤ w ≤ columns, x + w ≤ columns, 1 ≤ h ≤ the tallest tile, x, y ≥ 0.</summary>
    public static TilePosition Clamp(TilePosition position)
    {
        var w = Math.Clamp(position.W, 1, DashboardDocument.GridColumns);
        var h = Math.Clamp(position.H, 1, DashboardDocument.MaxTileHeight);
        var x = Math.Clamp(position.X, 0, DashboardDocument.GridColumns - w);
        var y = Math.Clamp(position.Y, 0, DashboardDocument.MaxRows - h);
        return new TilePosition(x, y, w, h);
    }

    /// <summary>The first spot of <paramref name="w"/>×<paramref name="h"/> cells that no tile covers, row by row from the top, left to right.</summary>
    public static TilePosition FirstFreeSpot(IReadOnlyList<DashboardTile> tiles, int w, int h)
    {
        var size = Clamp(new TilePosition(0, 0, w, h));
        for (var y = 0; ; y++)
        {
            for (var x = 0; x + size.W <= DashboardDocument.GridColumns; x++)
            {
                var candidate = size with { X = x, Y = y };
                if (!tiles.Any(t => t.Position.Overlaps(candidate)))
                {
                    return candidate;
                }
            }
        }
    }

    /// <summary>The tiles with <paramref name="tile"/> added at the first free spot of its own size.</summary>
    public static IReadOnlyList<DashboardTile> Place(IReadOnlyList<DashboardTile> tiles, DashboardTile tile) =>
        [.. tiles, tile with { Position = FirstFreeSpot(tiles, tile.Position.W, tile.Position.H) }];

    /// <summary>
    /// The tiles with <paramref name="tileId"/> at <paramref name="target"/> (clamped to the grid) and every tile it
    /// then overlaps pushed down below it, those in turn pushing others, until no two tiles overlap. Tiles already apart
    /// stay where they are. Unknown ids leave the tiles as they were.
    /// </summary>
    public static IReadOnlyList<DashboardTile> Move(IReadOnlyList<DashboardTile> tiles, string tileId, TilePosition target)
    {
        var index = IndexOf(tiles, tileId);
        if (index < 0)
        {
            return tiles;
        }
        var result = tiles.ToArray();
        result[index] = result[index] with { Position = Clamp(target) };
        // The moved tile stays put; the others settle in order of their rows so that a pushed tile pushes those under it.
        var settled = new List<int> { index };
        foreach (var i in Enumerable.Range(0, result.Length).Where(i => i != index)
                     .OrderBy(i => result[i].Position.Y).ThenBy(i => result[i].Position.X))
        {
            var position = result[i].Position;
            while (settled.FirstOrDefault(s => result[s].Position.Overlaps(position), -1) is var blocker and >= 0)
            {
                position = position with { Y = result[blocker].Position.Y + result[blocker].Position.H };
            }
            result[i] = result[i] with { Position = position };
            settled.Add(i);
        }
        return result;
    }

    /// <summary>
    /// Floats every tile up as far as it goes without overlapping the ones above, keeping columns and order: the gaps a
    /// removed or shrunk tile leaves close.
    /// </summary>
    public static IReadOnlyList<DashboardTile> Compact(IReadOnlyList<DashboardTile> tiles)
    {
        var result = tiles.ToArray();
        var settled = new List<int>();
        foreach (var i in Enumerable.Range(0, result.Length).OrderBy(i => result[i].Position.Y).ThenBy(i => result[i].Position.X))
        {
            var position = result[i].Position;
            while (position.Y > 0 && !settled.Any(s => result[s].Position.Overlaps(position with { Y = position.Y - 1 })))
            {
                position = position with { Y = position.Y - 1 };
            }
            result[i] = result[i] with { Position = position };
            settled.Add(i);
        }
        return result;
    }

    /// <summary>The number of rows the tiles take, for sizing the grid.</summary>
    public static int Rows(IReadOnlyList<DashboardTile> tiles) => tiles.Count == 0 ? 0 : tiles.Max(t => t.Position.Y + t.Position.H);

    private static int IndexOf(IReadOnlyList<DashboardTile> tiles, string tileId)
    {
        for (var i = 0; i < tiles.Count; i++)
        {
            if (tiles[i].Id == tileId)
            {
                return i;
            }
        }
        return -1;
    }
}
