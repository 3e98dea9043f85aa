using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Dashboards;

/// <summary>The demo leader's dashboard, as the demo data creates it at start.</summary>
public sealed class DemoDashboardTests(DemoDashboardAppFactory app) : IClassFixture<DemoDashboardAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> DashboardKeyAsync()
    {
        var leader = await app.Services.CallerAsync(DemoDashboardLoader.ViewerUserName);
        var shared = await app.Services.GetRequiredService<DashboardService>().ListSharedWithMeAsync(leader, Ct);
        return Assert.Single(shared, d => d.Name == DemoDashboardLoader.DashboardName).Key;
    }

    private static long PopulationOf(int year) => SampleData.All.Single(d => d.Key == DemoDashboardLoader.Population).Rows()
        .Where(r => (long)r[2]! == year).Sum(r => (long)r[3]!);

    [Fact]
    public async Task The_leader_finds_the_dashboard_and_its_scenarios_shared_with_him_and_every_tile_runs_for_each_year()
    {
        var leader = await app.Services.CallerAsync(DemoDashboardLoader.ViewerUserName);
        var key = await DashboardKeyAsync();
        var runner = app.Services.GetRequiredService<DashboardRunner>();
        var latest = DemoDashboardLoader.Years[^1];
        var earliest = DemoDashboardLoader.Years[0];

        var byDefault = (await runner.RunAsync(leader, key, new Dictionary<string, string>(), [], Ct)).Value!;
        var earlier = (await runner.RunAsync(leader, key,
            new Dictionary<string, string> { [DemoDashboardLoader.YearFilter] = earliest.ToString(CultureInfo.InvariantCulture) }, [], Ct)).Value!;

        var filter = Assert.Single(byDefault.Document.Filters);
        Assert.Equal(latest.ToString(CultureInfo.InvariantCulture), filter.Default);
        Assert.Equal(byDefault.Document.Tiles.Where(t => t.Kind != TileKind.Text).Select(t => t.Id).Order(), filter.Bindings.Select(b => b.TileId).Order());
        Assert.Contains(byDefault.Document.Tiles, t => t.Kind == TileKind.Text);
        foreach (var run in new[] { byDefault, earlier })
        {
            Assert.Equal(4, run.Tiles.Count);
            Assert.All(run.Tiles, t => Assert.True(t.State == TileState.Ok && t.Rows.Count > 0, $"{t.TileId}: {t.State} {t.Message}"));
        }
        Assert.Equal(PopulationOf(latest), Convert.ToInt64(Kpi(byDefault).Rows[0][0], CultureInfo.InvariantCulture));
        Assert.Equal(PopulationOf(latest - 1), Convert.ToInt64(Assert.Single(Kpi(byDefault).PreviousPeriodRows!)[0], CultureInfo.InvariantCulture));
        Assert.Equal(PopulationOf(earliest), Convert.ToInt64(Kpi(earlier).Rows[0][0], CultureInfo.InvariantCulture));
        Assert.Equal(13, byDefault.Tiles.Single(t => t.TileId == DemoDashboardLoader.DistrictChartTile).Rows.Count);
        var sharedScenarios = await app.Services.GetRequiredService<ScenarioService>().ListSharedWithMeAsync(leader, Ct);
        Assert.All(byDefault.Document.Tiles.Where(t => t.ScenarioKey is not null), t => Assert.Contains(sharedScenarios, s => s.Scenario.Key == t.ScenarioKey));

        static TileResult Kpi(DashboardRun run) => run.Tiles.Single(t => run.Document.Tile(t.TileId)!.Kind == TileKind.Kpi);
    }

    [Fact]
    public async Task Clicking_a_district_in_the_bar_chart_filters_the_other_tiles_with_a_district_column()
    {
        var leader = await app.Services.CallerAsync(DemoDashboardLoader.ViewerUserName);
        var key = await DashboardKeyAsync();
        var chip = new CrossFilter(DemoDashboardLoader.DistrictChartTile, "Huyện", ColumnType.Text, JsonSerializer.SerializeToElement("Thành phố Quảng Ngãi"));

        var run = (await app.Services.GetRequiredService<DashboardRunner>().RunAsync(leader, key, new Dictionary<string, string>(), [chip], Ct)).Value!;

        var chart = run.Tiles.Single(t => t.TileId == DemoDashboardLoader.DistrictChartTile);
        var bar = Assert.Single(ScenarioVisuals(run, chart.TileId));
        Assert.Equal(Workbench.Core.Scenarios.VisualKind.Bar, bar.Kind);
        Assert.Equal("Huyện", bar.X);
        Assert.Equal(13, chart.Rows.Count);
        var filtered = run.Tiles.Where(t => t.TileId != chart.TileId && t.Columns.Any(c => c.Name == "Huyện")).ToList();
        Assert.NotEmpty(filtered);
        Assert.All(filtered, t => Assert.Equal("Thành phố Quảng Ngãi", Assert.Single(t.Rows)[t.Columns.ToList().FindIndex(c => c.Name == "Huyện")]));
    }

    private IReadOnlyList<Workbench.Core.Scenarios.Visual> ScenarioVisuals(DashboardRun run, string tileId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var scenarioKey = run.Document.Tile(tileId)!.ScenarioKey;
        var json = db.Scenarios.AsNoTracking().Single(s => s.Key == scenarioKey).VisualsJson;
        return Workbench.Core.Scenarios.ScenarioDocument.ReadVisuals(json)!;
    }

    [Fact]
    public async Task Loading_the_demo_dashboard_again_creates_nothing()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        async Task<int[]> CountsAsync() =>
        [
            await db.Dashboards.CountAsync(Ct), await db.DashboardVersions.CountAsync(Ct), await db.Scenarios.CountAsync(Ct),
            await db.DatasetGrants.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct),
        ];
        var before = await CountsAsync();

        var created = await app.Services.GetRequiredService<DemoDashboardLoader>().LoadAsync(Ct);

        Assert.False(created);
        Assert.Equal(before, await CountsAsync());
    }
}
