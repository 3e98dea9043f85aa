using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Dashboards;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.App.Components;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.App.Dashboards;

/// <summary>The snapshot page on the demo app's real dashboard services, and the comparison view on its own.</summary>
public sealed class DashboardSnapshotsPageTests : ComponentTestContext, IClassFixture<DemoAppFactory>
{
    private readonly DemoAppFactory _app;

    public DashboardSnapshotsPageTests(DemoAppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<DashboardService>());
        Services.AddSingleton(app.Services.GetRequiredService<DashboardSnapshots>());
        Services.AddSingleton(app.Services.GetRequiredService<ScenarioService>());
        Services.AddScoped<CurrentCaller>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void The_comparison_shows_frozen_and_live_figures_with_changed_ones_highlighted_and_their_difference()
    {
        var comparisons = new List<TileComparison>
        {
            new("tong", "Tổng dân số", [new FigureChange("", "Dân số", 1_250_000, 1_251_000)]),
            new("huyen", "Dân số theo huyện",
            [
                new FigureChange("Huyện Bình Sơn", "Dân số", 175_000, 175_000),
                new FigureChange("Huyện Lý Sơn", "Dân số", 22_500, 21_000.5),
                new FigureChange("Huyện Thử Nghiệm", "Dân số", null, 1_000),
            ]),
            new("ghi", "Ô không có số", []),
        };

        var view = Render<SnapshotComparisonView>(p => p.Add(v => v.Comparisons, comparisons).Add(v => v.Period, "Quý III/2026"));

        Assert.Contains("Kỳ «Quý III/2026» so với số liệu hiện tại", view.Markup);
        Assert.Equal("3 số liệu đã thay đổi so với kỳ đã chốt (tô màu).", view.Find("[data-testid=comparison-summary]").TextContent.Trim());
        var figures = view.FindAll("[data-testid=comparison-figure]");
        Assert.Equal(["true", "false", "true", "true"], figures.Select(f => f.GetAttribute("data-changed")));
        Assert.Equal(["1.250.000", "1.251.000", "+1.000"], Cells(figures[0]));
        Assert.Equal(["175.000", "175.000", "0"], Cells(figures[1]));
        Assert.Equal(["22.500", "21.000,5", "-1.499,5"], Cells(figures[2]));
        Assert.Equal(["—", "1.000", "—"], Cells(figures[3]));
        Assert.Contains("Huyện Lý Sơn", figures[2].TextContent);
        Assert.Contains("var(--mud-palette-warning-hover)", figures[0].GetAttribute("style"));
        Assert.True(string.IsNullOrEmpty(figures[1].GetAttribute("style")));
        Assert.Contains("Ô này không có số liệu dạng số để so sánh.", view.FindAll("[data-testid=comparison-tile]")[2].TextContent);
    }

    [Fact]
    public async Task A_dashboard_without_snapshots_says_so_and_offers_to_freeze_a_period()
    {
        var admin = await SignInAsync(_app.Services, "quantri.skhdt");
        var dashboard = await NewDashboardAsync(admin, "Chưa chốt kỳ nào");

        var page = Render<DashboardSnapshotsPage>(p => p.Add(x => x.Key, dashboard.Key));

        page.WaitForAssertion(() => Assert.Contains("Chưa có kỳ nào được chốt số liệu", page.Markup));
        Assert.Contains("Bấm «Chốt số liệu kỳ»", page.Markup);
        Assert.Single(page.FindAll("button[data-testid=take-snapshot]"));
        Assert.Empty(page.FindAll("[data-testid=snapshot-list]"));
    }

    [Fact]
    public async Task The_list_shows_each_period_and_opening_one_shows_its_frozen_tiles_under_the_banner()
    {
        var admin = await _app.Services.CallerAsync("quantri.skhdt");
        var dashboard = await NewDashboardAsync(admin, "Báo cáo có kỳ đã chốt");
        var snapshots = _app.Services.GetRequiredService<DashboardSnapshots>();
        var taken = (await snapshots.TakeAsync(admin, dashboard.Key, "Quý III/2026", new Dictionary<string, string> { ["nam"] = "2023" }, Ct)).Value!;
        await SignInAsync(_app.Services, "quantri.skhdt");

        var page = Render<DashboardSnapshotsPage>(p => p.Add(x => x.Key, dashboard.Key));
        page.WaitForElement("[data-testid=snapshot-row]");

        var row = page.Find("[data-testid=snapshot-row]").TextContent;
        Assert.Contains("Quý III/2026", row);
        Assert.Contains(admin.DisplayName, row);
        Assert.Contains(taken.CreatedAt.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), row);
        Assert.Contains(dashboard.Version.ToString(CultureInfo.InvariantCulture), row);

        await page.Find("button[data-testid=snapshot-open]").ClickAsync(new());
        page.WaitForElement("[data-testid=frozen-banner]");
        var banner = page.Find("[data-testid=frozen-banner]").TextContent;
        Assert.Contains("Số liệu kỳ «Quý III/2026» đã được chốt", banner);
        Assert.Contains("không thay đổi khi dữ liệu được nạp lại", banner);
        Assert.Contains("Năm = 2023", banner);
        var tile = page.Find("[data-testid=snapshot-grid] [data-testid=dashboard-tile]");
        Assert.Equal("Ok", tile.GetAttribute("data-state"));
        Assert.Contains("Huyện Lý Sơn", tile.TextContent);
        Assert.Empty(page.FindAll("[data-testid=tile-download-xlsx]"));
    }

    [Fact]
    public async Task Deleting_a_snapshot_asks_first_and_removes_it_from_the_list()
    {
        var admin = await _app.Services.CallerAsync("quantri.skhdt");
        var dashboard = await NewDashboardAsync(admin, "Báo cáo xóa kỳ");
        await _app.Services.GetRequiredService<DashboardSnapshots>().TakeAsync(admin, dashboard.Key, "Tháng 10/2026", new Dictionary<string, string>(), Ct);
        await SignInAsync(_app.Services, "quantri.skhdt");
        var dialogs = Render<MudDialogProvider>();

        var page = Render<DashboardSnapshotsPage>(p => p.Add(x => x.Key, dashboard.Key));
        page.WaitForElement("[data-testid=snapshot-row]");
        var deleting = page.Find("button[data-testid=snapshot-delete]").ClickAsync(new());
        dialogs.WaitForElement(".mud-message-box");
        Assert.Contains("Số liệu đã chốt của kỳ «Tháng 10/2026» sẽ bị xóa vĩnh viễn", dialogs.Markup);
        await dialogs.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "Xóa").ClickAsync(new());
        await deleting;

        page.WaitForAssertion(() => Assert.Contains("Chưa có kỳ nào được chốt số liệu", page.Markup));
        Assert.Contains("Đã xóa số liệu đã chốt kỳ «Tháng 10/2026».", page.Find("[data-testid=snapshots-message]").TextContent);
    }

    private static string[] Cells(AngleSharp.Dom.IElement figure) =>
        new[] { "figure-then", "figure-now", "figure-difference" }.Select(id => figure.QuerySelector($"[data-testid={id}]")!.TextContent.Trim()).ToArray();

    private async Task<Dashboard> NewDashboardAsync(Caller owner, string name)
    {
        var byDistrict = await ScenarioAsync(_app.Services, owner, name + " theo huyện", Population, ByDistrict);
        return await DashboardAsync(_app.Services, owner, name, new DashboardDocument(1, [Tile("huyen", byDistrict, 0)],
            [new DashboardFilter("nam", "Năm", ColumnType.Integer, null, "2024", [new FilterBinding("huyen", "nam")])]));
    }

}
