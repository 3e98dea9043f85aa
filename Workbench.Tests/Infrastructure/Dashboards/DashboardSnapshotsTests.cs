using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.Infrastructure.Dashboards;

public sealed class DashboardSnapshotsTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DashboardSnapshots Snapshots => app.Services.GetRequiredService<DashboardSnapshots>();

    [Fact]
    public async Task A_snapshot_stays_unchanged_after_new_rows_and_the_comparison_shows_then_and_now()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var total = await ScenarioAsync(app.Services, admin, "Tổng dân số theo kỳ", Population, Total);
        var byDistrict = await ScenarioAsync(app.Services, admin, "Dân số theo huyện theo kỳ", Population, ByDistrict);
        var dashboard = await DashboardAsync(app.Services, admin, "Báo cáo quý",
            new DashboardDocument(1, [Tile("tong", total, 0, TileKind.Kpi, new KpiSettings("Dân số")), Tile("huyen", byDistrict, 1)],
                [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, null, [new FilterBinding("tong", "nam"), new FilterBinding("huyen", "nam")])]));
        var filters = new Dictionary<string, string> { ["nam"] = "2024" };

        var taken = await Snapshots.TakeAsync(admin, dashboard.Key, "Quý III/2026", filters, Ct);
        var again = await Snapshots.TakeAsync(admin, dashboard.Key, "Quý III/2026", filters, Ct);
        var then = (await Snapshots.GetAsync(admin, dashboard.Key, taken.Value!.Id, Ct)).Value!.Content;
        await app.Services.GetRequiredService<DatasetService>().LoadAsync(admin, Population, LoadMode.Append,
            [["598", "Huyện Kỳ Mới", 2024L, 2_500L, 12.0]], Ct);
        var after = (await Snapshots.GetAsync(admin, dashboard.Key, taken.Value.Id, Ct)).Value!.Content;
        var comparison = (await Snapshots.CompareAsync(admin, dashboard.Key, taken.Value.Id, Ct)).Value!;

        Assert.Equal(ErrorKind.Conflict, again.Error!.Kind);
        Assert.Equal("2024", after.FilterValues["nam"]);
        Assert.Equal(then.Tiles.Single(t => t.TileId == "tong").Rows[0][0], after.Tiles.Single(t => t.TileId == "tong").Rows[0][0]);
        Assert.Equal(13, after.Tiles.Single(t => t.TileId == "huyen").Rows.Count);
        Assert.IsType<long>(after.Tiles.Single(t => t.TileId == "tong").Rows[0][0]);
        var kpi = Assert.Single(comparison.Single(c => c.TileId == "tong").Figures);
        Assert.Equal(2_500, kpi.Difference);
        var newDistrict = comparison.Single(c => c.TileId == "huyen").Figures.Single(f => f.Label == "Huyện Kỳ Mới");
        Assert.Null(newDistrict.Then);
        Assert.Equal(2_500, newDistrict.Now);
        Assert.All(comparison.Single(c => c.TileId == "huyen").Figures.Where(f => f.Label != "Huyện Kỳ Mới"), f => Assert.Equal(0, f.Difference));
        Assert.Equal("Quý III/2026", Assert.Single((await Snapshots.ListAsync(admin, dashboard.Key, Ct)).Value!).Period);
    }

    [Fact]
    public async Task A_snapshot_is_deleted_by_an_editor_only()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var byDistrict = await ScenarioAsync(app.Services, admin, "Dân số mọi năm", Population, """
            { "source": { "dataset": "dan-so-theo-huyen" }, "parameters": [], "steps": [] }
            """);
        var dashboard = await DashboardAsync(app.Services, admin, "Ảnh lớn", new DashboardDocument(1, [Tile("all", byDistrict, 0)], []));
        var taken = (await Snapshots.TakeAsync(admin, dashboard.Key, "Năm 2026", new Dictionary<string, string>(), Ct)).Value!;
        var frozen = (await Snapshots.GetAsync(admin, dashboard.Key, taken.Id, Ct)).Value!.Content.Tiles.Single();

        var byAnalyst = await Snapshots.DeleteAsync(analyst, dashboard.Key, taken.Id, Ct);
        var deleted = await Snapshots.DeleteAsync(admin, dashboard.Key, taken.Id, Ct);

        Assert.Equal(TileState.Ok, frozen.State);
        Assert.True(frozen.Rows.Count >= 78);
        Assert.Equal(ErrorKind.Forbidden, byAnalyst.Error!.Kind);
        Assert.True(deleted.Value);
        Assert.Empty((await Snapshots.ListAsync(admin, dashboard.Key, Ct)).Value!);
    }

    [Fact]
    public void Large_content_is_stored_compressed_and_reads_back_with_its_typed_values()
    {
        var columns = new List<Workbench.Core.Query.Compilation.StepColumn>
        {
            new("Huyện", ColumnType.Text), new("Năm", ColumnType.Integer), new("Tỉ lệ", ColumnType.Number), new("Ngày", ColumnType.Date),
        };
        var rows = Enumerable.Range(0, 2_000).Select(i => new object?[] { "Huyện " + i, 2000L + i, i / 4.0, new DateOnly(2026, 1, 1).AddDays(i % 300) }).ToList();
        rows.Add(["Trống", null, null, null]);
        var content = new SnapshotContent(new Dictionary<string, string> { ["nam"] = "2026" },
            [new SnapshotTile("a", "Ô a", TileState.Ok, null, columns, rows, false, [new TileSource("k", "Bộ", "Sở", 3, null)])]);

        var (bytes, compressed) = DashboardSnapshots.Encode(content);
        var read = DashboardSnapshots.Decode(bytes, compressed).Tiles.Single();

        Assert.True(compressed);
        Assert.Equal(rows.Count, read.Rows.Count);
        Assert.Equal(rows[7], read.Rows[7]);
        Assert.Equal(rows[^1], read.Rows[^1]);
        Assert.Equal(3, read.Sources.Single().DataVersion);
    }
}
