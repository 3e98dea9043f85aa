using Workbench.Core.Dashboards;

namespace Workbench.Tests.Core.Dashboards;

public sealed class DashboardLayoutTests
{
    private static DashboardTile Tile(string id, int x, int y, int w = 4, int h = 3) =>
        new(id, TileKind.Table, "Ô " + id, new TilePosition(x, y, w, h), "kich-ban");

    private static TilePosition At(IReadOnlyList<DashboardTile> tiles, string id) => tiles.Single(t => t.Id == id).Position;

    private static void AssertNoOverlap(IReadOnlyList<DashboardTile> tiles) =>
        Assert.Empty(new DashboardDocument(1, tiles, []).Validate());

    [Fact]
    public void A_new_tile_takes_the_first_free_spot_from_the_top_left()
    {
        IReadOnlyList<DashboardTile> tiles = [Tile("a", 0, 0), Tile("b", 8, 0)];

        var placed = DashboardLayout.Place(tiles, Tile("c", 0, 0));
        var wide = DashboardLayout.Place(placed, Tile("d", 0, 0, w: 6));

        Assert.Equal(new TilePosition(4, 0, 4, 3), At(placed, "c"));
        Assert.Equal(new TilePosition(0, 3, 6, 3), At(wide, "d"));
        AssertNoOverlap(wide);
    }

    [Fact]
    public void A_position_is_clamped_to_the_grid()
    {
        Assert.Equal(new TilePosition(8, 0, 4, 3), DashboardLayout.Clamp(new TilePosition(11, -2, 4, 3)));
        Assert.Equal(new TilePosition(0, 5, 12, 1), DashboardLayout.Clamp(new TilePosition(-1, 5, 20, 0)));
        Assert.Equal(DashboardDocument.MaxTileHeight, DashboardLayout.Clamp(new TilePosition(0, 0, 1, 99)).H);
        Assert.Equal(1, DashboardLayout.Clamp(new TilePosition(0, 0, 0, 1)).W);
    }

    [Fact]
    public void Moving_a_tile_onto_another_pushes_it_down_and_those_under_it_in_turn()
    {
        IReadOnlyList<DashboardTile> tiles = [Tile("a", 0, 0), Tile("b", 4, 0), Tile("c", 4, 3), Tile("d", 8, 0)];

        var moved = DashboardLayout.Move(tiles, "a", new TilePosition(4, 1, 4, 3));

        Assert.Equal(new TilePosition(4, 1, 4, 3), At(moved, "a"));
        Assert.Equal(new TilePosition(4, 4, 4, 3), At(moved, "b"));
        Assert.Equal(new TilePosition(4, 7, 4, 3), At(moved, "c"));
        Assert.Equal(new TilePosition(8, 0, 4, 3), At(moved, "d"));
        AssertNoOverlap(moved);
    }

    [Fact]
    public void Resizing_a_tile_pushes_the_tiles_it_now_covers_down_and_leaves_the_others()
    {
        IReadOnlyList<DashboardTile> tiles = [Tile("a", 0, 0), Tile("b", 4, 0), Tile("c", 0, 3)];

        var resized = DashboardLayout.Move(tiles, "a", new TilePosition(0, 0, 6, 4));

        Assert.Equal(new TilePosition(0, 0, 6, 4), At(resized, "a"));
        Assert.Equal(new TilePosition(4, 4, 4, 3), At(resized, "b"));
        Assert.Equal(new TilePosition(0, 4, 4, 3), At(resized, "c"));
        AssertNoOverlap(resized);
    }

    [Fact]
    public void A_move_beyond_the_grid_is_clamped_before_pushing()
    {
        IReadOnlyList<DashboardTile> tiles = [Tile("a", 0, 0), Tile("b", 8, 0)];

        var moved = DashboardLayout.Move(tiles, "a", new TilePosition(10, 0, 4, 3));

        Assert.Equal(new TilePosition(8, 0, 4, 3), At(moved, "a"));
        Assert.Equal(new TilePosition(8, 3, 4, 3), At(moved, "b"));
    }

    [Fact]
    public void Moving_an_unknown_tile_changes_nothing()
    {
        IReadOnlyList<DashboardTile> tiles = [Tile("a", 0, 0)];

        Assert.Same(tiles, DashboardLayout.Move(tiles, "khong-co", new TilePosition(1, 1, 1, 1)));
    }

    [Fact]
    public void Compacting_floats_tiles_up_into_the_gaps()
    {
        IReadOnlyList<DashboardTile> tiles = [Tile("a", 0, 0), Tile("b", 0, 7), Tile("c", 4, 5)];

        var compacted = DashboardLayout.Compact(tiles);

        Assert.Equal(new TilePosition(0, 3, 4, 3), At(compacted, "b"));
        Assert.Equal(new TilePosition(4, 0, 4, 3), At(compacted, "c"));
        Assert.Equal(6, DashboardLayout.Rows(compacted));
    }
}
