using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.Infrastructure.Dashboards;

public sealed class DashboardServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DashboardService Dashboards => app.Services.GetRequiredService<DashboardService>();

    [Fact]
    public async Task Every_save_is_a_version_and_restoring_an_old_one_adds_a_new_version_with_its_tiles()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var scenario = await ScenarioAsync(app.Services, analyst, "Dân số theo huyện (bảng)", Population, ByDistrict);
        var first = new DashboardDocument(1, [Tile("a", scenario, 0)], []);
        var dashboard = await DashboardAsync(app.Services, analyst, "Bảng dân số", first);
        var second = new DashboardDocument(1, [Tile("a", scenario, 0), Tile("b", scenario, 1)],
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "2023", [new FilterBinding("b", "nam")])]);

        var saved = await Dashboards.SaveAsync(analyst, dashboard.Key, new DashboardContent("Bảng dân số", null, second), 2, Ct);
        var stale = await Dashboards.SaveAsync(analyst, dashboard.Key, new DashboardContent("Bảng dân số", null, first), 2, Ct);
        var restored = await Dashboards.RestoreAsync(analyst, dashboard.Key, 2, 3, Ct);
        var versions = (await Dashboards.VersionsAsync(analyst, dashboard.Key, Ct)).Value!;

        Assert.Equal(3, saved.Value!.Version);
        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal(4, restored.Value!.Version);
        Assert.Single(DashboardDocument.Read(restored.Value.LayoutJson)!.Tiles);
        Assert.Equal([4, 3, 2, 1], versions.Select(v => v.Number));
        Assert.Equal("Khôi phục phiên bản 2", versions[0].Note);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var actions = await db.AuditEntries.Where(e => e.Target == dashboard.Key).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["dashboard.created", "dashboard.restored", "dashboard.saved", "dashboard.saved"], actions.Order());
    }

    [Fact]
    public async Task A_save_naming_missing_scenarios_and_undeclared_parameters_is_refused_with_every_problem()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var finance = await app.Services.CallerAsync("chuyenvien.stc");
        var mine = await ScenarioAsync(app.Services, analyst, "Dân số để kiểm tra", Population, ByDistrict);
        var theirs = await ScenarioAsync(app.Services, finance, "Thu ngân sách riêng", Revenue, RevenueByDistrict);
        var dashboard = (await Dashboards.CreateAsync(analyst, "Bảng lỗi", null, Ct)).Value!;
        var document = new DashboardDocument(1,
            [Tile("a", mine, 0), Tile("b", "khong-co-kich-ban", 1), Tile("c", theirs, 2), Tile("d", mine, 3) with { Kind = TileKind.Visual, VisualIndex = 0 }],
            [new DashboardFilter("huyen", "Huyện", ColumnType.Text, null, null, [new FilterBinding("a", "huyen")])]);

        var saved = await Dashboards.SaveAsync(analyst, dashboard.Key, new DashboardContent("Bảng lỗi", null, document), 1, Ct);

        Assert.Equal(ErrorKind.Invalid, saved.Error!.Kind);
        Assert.Equal(4, saved.Error.Details!.Count);
        Assert.Contains(saved.Error.Details, d => d.Contains("«khong-co-kich-ban»"));
        Assert.Contains(saved.Error.Details, d => d.Contains("không được mở kịch bản «" + theirs + "»"));
        Assert.Contains(saved.Error.Details, d => d.Contains("không có biểu đồ thứ 1"));
        Assert.Contains(saved.Error.Details, d => d.Contains("không có tham số «huyen»"));
        Assert.Equal(1, (await Dashboards.GetAsync(analyst, dashboard.Key, Ct)).Value!.Version);
    }

    [Fact]
    public async Task A_leader_sees_only_published_dashboards_and_another_agency_without_audience_is_refused()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var finance = await app.Services.CallerAsync("chuyenvien.stc");
        var dashboard = (await Dashboards.CreateAsync(analyst, "Cho lãnh đạo tỉnh", null, Ct)).Value!;

        var draft = await Dashboards.GetAsync(leader, dashboard.Key, Ct);
        var byAnalyst = await Dashboards.PublishAsync(analyst, dashboard.Key, [new AudienceChoice(AudienceKind.Agency)], Ct);
        await Dashboards.PublishAsync(admin, dashboard.Key,
            [new AudienceChoice(AudienceKind.Agency), new AudienceChoice(AudienceKind.User, UserId: leader.UserId)], Ct);

        Assert.Equal(ErrorKind.Forbidden, draft.Error!.Kind);
        Assert.DoesNotContain(await Dashboards.ListSharedWithMeAsync(finance, Ct), d => d.Key == dashboard.Key);
        Assert.Equal(ErrorKind.Forbidden, byAnalyst.Error!.Kind);
        Assert.Null((await Dashboards.GetAsync(leader, dashboard.Key, Ct)).Error);
        Assert.Contains(await Dashboards.ListSharedWithMeAsync(leader, Ct), d => d.Key == dashboard.Key);
        Assert.Equal(ErrorKind.Forbidden, (await Dashboards.GetAsync(finance, dashboard.Key, Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Dashboards.CreateAsync(leader, "Của lãnh đạo", null, Ct)).Error!.Kind);
        Assert.Contains(await Dashboards.ListMineAsync(analyst, Ct), d => d.Key == dashboard.Key);

        await Dashboards.UnpublishAsync(admin, dashboard.Key, Ct);

        Assert.Equal(ErrorKind.Forbidden, (await Dashboards.GetAsync(leader, dashboard.Key, Ct)).Error!.Kind);
    }
}
