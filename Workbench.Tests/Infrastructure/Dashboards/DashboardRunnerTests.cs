using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.Infrastructure.Dashboards;

public sealed class DashboardRunnerTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> NoFilters = [];

    private DashboardRunner Runner(int concurrency) => ActivatorUtilities.CreateInstance<DashboardRunner>(
        app.Services, Options.Create(new DashboardOptions { MaxConcurrentTiles = concurrency }));

    [Fact]
    public async Task A_viewer_gets_results_for_tiles_they_may_query_and_no_access_for_the_others()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var financeAdmin = await app.Services.CallerAsync("quantri.stc");
        var leader = await app.Services.CallerAsync("lanhdao");
        var toLeader = new AudienceChoice(AudienceKind.User, UserId: leader.UserId);
        var population = await ScenarioAsync(app.Services, admin, "Dân số cho lãnh đạo", Population, ByDistrict, admin, toLeader);
        var revenue = await ScenarioAsync(app.Services, financeAdmin, "Thu ngân sách cho lãnh đạo", Revenue, RevenueByDistrict, financeAdmin,
            toLeader, new AudienceChoice(AudienceKind.User, UserId: admin.UserId));
        var dashboard = await DashboardAsync(app.Services, admin, "Quyền theo ô",
            new DashboardDocument(1, [Tile("dan-so", population, 0), Tile("thu", revenue, 1)], []));
        await app.Services.GetRequiredService<DashboardService>().PublishAsync(admin, dashboard.Key, [toLeader], Ct);
        var grants = app.Services.GetRequiredService<GrantService>();
        var office = await app.AgencyIdAsync(Workbench.Infrastructure.Persistence.Seeding.AgencySeed.PeoplesCommitteeOffice);
        await grants.CreateAsync(admin, new NewGrant(Population, office, null, GrantRights.Query, null, [], null,
            "02/QĐ-UBND", grants.Today.AddDays(-1), "UBND tỉnh Quảng Ngãi"), Ct);

        var run = (await Runner(4).RunAsync(leader, dashboard.Key, NoFilters, [], Ct)).Value!;
        // Another test of this class adds a district to the shared dataset: the owner's own view says how many there are now.
        var ownersView = (await Runner(4).RunAsync(admin, dashboard.Key, NoFilters, [], Ct)).Value!.Tiles.Single(t => t.TileId == "dan-so");

        var populationTile = run.Tiles.Single(t => t.TileId == "dan-so");
        var revenueTile = run.Tiles.Single(t => t.TileId == "thu");
        Assert.Equal(TileState.Ok, populationTile.State);
        Assert.InRange(populationTile.Rows.Count, 13, 14);
        Assert.Equal(ownersView.Rows.Count, populationTile.Rows.Count);
        var source = Assert.Single(populationTile.Freshness);
        Assert.Equal(Population, source.Key);
        Assert.Equal("Sở Kế hoạch và Đầu tư", source.OwnerAgency);
        Assert.Equal(UpdateFrequency.Yearly, source.Expected);
        Assert.False(source.Overdue);
        Assert.Equal(TileState.NoAccess, revenueTile.State);
        Assert.Contains("Sở Tài chính", revenueTile.Message);
        Assert.Empty(revenueTile.Rows);
    }

    [Fact]
    public async Task Two_tiles_with_the_same_scenario_and_arguments_share_one_cached_result()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var scenario = await ScenarioAsync(app.Services, analyst, "Dân số dùng chung", Population, ByDistrict);
        var dashboard = await DashboardAsync(app.Services, analyst, "Hai ô giống nhau",
            new DashboardDocument(1, [Tile("a", scenario, 0), Tile("b", scenario, 1)],
                [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "2022", [new FilterBinding("a", "nam"), new FilterBinding("b", "nam")])]));
        var queries = app.Services.GetRequiredService<QueryService>();
        var hitsBefore = queries.CacheHits;

        var run = (await Runner(1).RunAsync(analyst, dashboard.Key, NoFilters, [], Ct)).Value!;

        Assert.Equal(hitsBefore + 1, queries.CacheHits);
        Assert.Equal([false, true], run.Tiles.Select(t => t.Cached));
        Assert.Equal(run.Tiles[0].Rows.Select(r => r[1]), run.Tiles[1].Rows.Select(r => r[1]));
    }

    [Fact]
    public async Task Tiles_run_in_parallel_never_more_than_the_configured_bound_at_once()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var scenario = await ScenarioAsync(app.Services, analyst, "Dân số sáu ô", Population, ByDistrict);
        var dashboard = await DashboardAsync(app.Services, analyst, "Sáu ô",
            new DashboardDocument(1, [.. Enumerable.Range(0, 6).Select(i => Tile("o" + i, scenario, i))], []));
        var runner = Runner(2);
        var running = 0;
        var most = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.TileStarting = async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (now >= 2)
            {
                full.TrySetResult();
            }
            // Each tile waits until two run at once, so the bound is reached before any tile finishes.
            await full.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        };
        runner.TileFinished = _ => Interlocked.Decrement(ref running);

        var run = (await runner.RunAsync(analyst, dashboard.Key, NoFilters, [], Ct)).Value!;

        Assert.Equal(2, most);
        Assert.Equal(6, run.Tiles.Count(t => t.State == TileState.Ok));
    }

    [Fact]
    public async Task A_chip_from_one_tile_filters_the_others_that_have_its_column()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var byDistrict = await ScenarioAsync(app.Services, analyst, "Dân số lọc chéo", Population, ByDistrict);
        var total = await ScenarioAsync(app.Services, analyst, "Tổng dân số lọc chéo", Population, Total);
        var dashboard = await DashboardAsync(app.Services, analyst, "Lọc chéo",
            new DashboardDocument(1, [Tile("huyen", byDistrict, 0), Tile("huyen-2", byDistrict, 1), Tile("tong", total, 2)], []));
        var chip = new CrossFilter("huyen", "Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Huyện Lý Sơn"));

        var run = (await Runner(4).RunAsync(analyst, dashboard.Key, NoFilters, [chip], Ct)).Value!;

        Assert.True(run.Tiles.Single(t => t.TileId == "huyen").Rows.Count >= 13);
        var lySon = Assert.Single(run.Tiles.Single(t => t.TileId == "huyen-2").Rows);
        Assert.Equal("Huyện Lý Sơn", lySon[0]);
        // The total has no district column: the chip narrows its source instead, so it becomes Lý Sơn's population.
        Assert.Equal(lySon[1], Assert.Single(run.Tiles.Single(t => t.TileId == "tong").Rows)[0]);
    }

    [Fact]
    public async Task Drilling_into_a_bar_reads_the_rows_behind_it_for_the_chosen_year()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var byDistrict = await ScenarioAsync(app.Services, analyst, "Dân số xem chi tiết", Population, ByDistrict);
        var total = await ScenarioAsync(app.Services, analyst, "Tổng dân số xem chi tiết", Population, Total);
        var dashboard = await DashboardAsync(app.Services, analyst, "Xem chi tiết",
            new DashboardDocument(1, [Tile("huyen", byDistrict, 0), Tile("tong", total, 1)],
                [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "2024", [new FilterBinding("huyen", "nam"), new FilterBinding("tong", "nam")])]));
        var lySon = new CrossFilter("huyen", "Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Huyện Lý Sơn"));
        var year = new Dictionary<string, string> { ["nam"] = "2023" };

        var rows = (await Runner(4).DrillAsync(analyst, dashboard.Key, year, [lySon], lySon, Ct)).Value!;
        var fromTotal = (await Runner(4).DrillAsync(analyst, dashboard.Key, year, [],
            lySon with { TileId = "tong" }, Ct)).Value!;

        Assert.Equal(TileState.Ok, rows.State);
        var row = Assert.Single(rows.Rows);
        Assert.Contains("Huyện Lý Sơn", row);
        Assert.Contains(2023L, row);
        Assert.True(rows.Columns.Count > 2, "the rows behind a bar have the dataset's columns, not the aggregate's");
        Assert.Equal(TileState.Invalid, fromTotal.State);
        Assert.Contains("Huyện", fromTotal.Message);
    }

    [Fact]
    public async Task Loading_rows_publishes_the_new_data_version_and_a_rerun_shows_the_new_figures()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var total = await ScenarioAsync(app.Services, admin, "Tổng dân số trực tiếp", Population, Total);
        var dashboard = await DashboardAsync(app.Services, admin, "Trực tiếp",
            new DashboardDocument(1, [Tile("tong", total, 0, TileKind.Kpi, new KpiSettings("Dân số",
                new KpiComparison(ComparisonKind.PreviousPeriod, PeriodParameter: "nam")))], []));
        var runner = Runner(4);
        var before = (await runner.RunAsync(admin, dashboard.Key, NoFilters, [], Ct)).Value!.Tiles.Single();
        var versions = (await runner.DataVersionsAsync(admin, dashboard.Key, Ct)).Value!;
        var heard = new TaskCompletionSource<DatasetChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Services.GetRequiredService<DatasetChanges>().Subscribe(versions.Select(v => v.DatasetId), c => heard.TrySetResult(c));

        var loaded = await app.Services.GetRequiredService<DatasetService>().LoadAsync(admin, Population, LoadMode.Append,
            [["599", "Huyện Thử Nghiệm", 2024L, 1_000L, 10.0]], Ct);
        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var after = (await runner.RunAsync(admin, dashboard.Key, NoFilters, [], Ct)).Value!.Tiles.Single();

        Assert.Equal(Population, Assert.Single(versions).Key);
        Assert.Equal(loaded.Value!.DataVersion, change.DataVersion);
        Assert.Equal(Population, change.Key);
        Assert.Equal((long)before.Rows[0][0]! + 1_000, after.Rows[0][0]);
        Assert.False(after.Cached);
        Assert.Equal(change.DataVersion, after.Freshness.Single().DataVersion);
        Assert.Equal(change.DataVersion, (await runner.DataVersionsAsync(admin, dashboard.Key, Ct)).Value!.Single().DataVersion);
        Assert.NotEqual(before.Rows[0][0], after.PreviousPeriodRows![0][0]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
