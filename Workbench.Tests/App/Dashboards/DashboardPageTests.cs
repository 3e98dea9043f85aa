using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Charts;
using Workbench.App.Features.Dashboards;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Workbench.Tests.App.Components;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.App.Dashboards;

/// <summary>The dashboard page on the demo app's real services, as an analyst of the Sở KH&amp;ĐT.</summary>
public sealed class DashboardPageTests : ComponentTestContext, IClassFixture<DemoAppFactory>
{
    private readonly DemoAppFactory _app;

    public DashboardPageTests(DemoAppFactory app)
    {
        _app = app;
        foreach (var type in new[] { typeof(DashboardService), typeof(DashboardRunner), typeof(ScenarioService), typeof(DatasetChanges), typeof(TimeProvider) })
        {
            Services.AddSingleton(type, _ => app.Services.CreateScope().ServiceProvider.GetRequiredService(type));
        }
        Services.AddSingleton(app.Services.GetRequiredService<IOptions<DashboardOptions>>());
        Services.AddScoped<CurrentCaller>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static readonly Visual Bars = new(VisualKind.Bar, "Dân số theo huyện", X: "Huyện", Values: ["Dân số"]);

    [Fact]
    public async Task Clicking_a_bar_adds_a_chip_that_filters_the_other_tiles_and_removing_it_restores_them()
    {
        var analyst = await SignInWithPopoversAsync("chuyenvien.skhdt");
        var chart = await ScenarioWithVisualAsync(analyst, "Biểu đồ dân số lọc chéo", ByDistrict, Bars);
        var table = await ScenarioAsync(_app.Services, analyst, "Bảng dân số lọc chéo", Population, ByDistrict);
        var dashboard = await DashboardAsync(_app.Services, analyst, "Lọc chéo trên trang", new DashboardDocument(1,
            [
                new DashboardTile("bieu-do", TileKind.Visual, "Theo huyện", new TilePosition(0, 0, 6, 5), chart),
                new DashboardTile("bang", TileKind.Table, "Bảng", new TilePosition(6, 0, 6, 5), table),
            ], []));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"dashboards/{dashboard.Key}");

        var page = Render<DashboardPage>(p => p.Add(d => d.Key, dashboard.Key));
        page.WaitForAssertion(() => Assert.True(TableRows(page) >= 13), TimeSpan.FromSeconds(30));
        Assert.Contains("bấm vào một cột", page.Find("[data-testid=cross-filter-hint]").TextContent);
        var bars = page.FindComponent<VisualView>();
        await page.InvokeAsync(() => bars.Instance.OnCategoryClick.InvokeAsync(new ChartClick("Huyện", ColumnType.Text, "Huyện Lý Sơn")));

        Assert.Contains($"{CrossFilter.QueryName}=", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(1, TableRows(page)), TimeSpan.FromSeconds(30));
        var chip = page.Find("[data-testid=cross-filter-chip]");
        Assert.Equal("Huyện: Huyện Lý Sơn", chip.TextContent.Trim());
        Assert.Contains("Theo huyện", chip.GetAttribute("title"));
        Assert.Contains("Huyện Lý Sơn", page.Find("[data-tile-id=bang] [data-testid=tile-table]").TextContent);
        Assert.True(BarCount(page) >= 13, "the chart a chip comes from is not filtered by it");

        await page.Find("[data-testid=chip-remove]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.True(TableRows(page) >= 13), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=cross-filter-chip]"));
        Assert.DoesNotContain($"{CrossFilter.QueryName}=", navigation.Uri);
    }

    [Fact]
    public async Task A_chip_in_the_url_opens_the_dashboard_already_filtered_and_clicking_the_same_bar_again_removes_it()
    {
        var analyst = await SignInWithPopoversAsync("chuyenvien.skhdt");
        var chart = await ScenarioWithVisualAsync(analyst, "Biểu đồ dân số chia sẻ", ByDistrict, Bars);
        var table = await ScenarioAsync(_app.Services, analyst, "Bảng dân số chia sẻ", Population, ByDistrict);
        var dashboard = await DashboardAsync(_app.Services, analyst, "Lọc chéo qua địa chỉ", new DashboardDocument(1,
            [
                new DashboardTile("bieu-do", TileKind.Visual, "Theo huyện", new TilePosition(0, 0, 6, 5), chart),
                new DashboardTile("bang", TileKind.Table, "Bảng", new TilePosition(6, 0, 6, 5), table),
            ], []));
        var chip = new CrossFilter("bieu-do", "Huyện", ColumnType.Text, System.Text.Json.JsonSerializer.SerializeToElement("Huyện Ba Tơ"));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"dashboards/{dashboard.Key}?{CrossFilter.QueryName}={Uri.EscapeDataString(chip.ToQuery())}");

        var page = Render<DashboardPage>(p => p.Add(d => d.Key, dashboard.Key));
        page.WaitForAssertion(() => Assert.Equal(1, TableRows(page)), TimeSpan.FromSeconds(30));
        Assert.Contains("Huyện Ba Tơ", page.Find("[data-tile-id=bang] [data-testid=tile-table]").TextContent);
        var bars = page.FindComponent<VisualView>();
        await page.InvokeAsync(() => bars.Instance.OnCategoryClick.InvokeAsync(new ChartClick("Huyện", ColumnType.Text, "Huyện Ba Tơ")));

        page.WaitForAssertion(() => Assert.True(TableRows(page) >= 13), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=cross-filter-chip]"));
    }

    [Fact]
    public async Task New_rows_loaded_into_a_dataset_show_on_the_open_page_without_a_reload()
    {
        var analyst = await SignInWithPopoversAsync("chuyenvien.skhdt");
        var total = await ScenarioAsync(_app.Services, analyst, "Tổng dân số trên trang", Population, Total);
        var dashboard = await DashboardAsync(_app.Services, analyst, "Trực tiếp trên trang", new DashboardDocument(1,
            [new DashboardTile("tong", TileKind.Kpi, "Dân số", new TilePosition(0, 0, 4, 3), total, Kpi: new KpiSettings("Dân số"))], []));
        Services.GetRequiredService<NavigationManager>().NavigateTo($"dashboards/{dashboard.Key}");
        var page = Render<DashboardPage>(p => p.Add(d => d.Key, dashboard.Key));
        page.WaitForElement("[data-testid=kpi-value]", TimeSpan.FromSeconds(30));
        var before = long.Parse(page.Find("[data-testid=kpi-value]").TextContent.Trim().Replace(".", ""), CultureInfo.InvariantCulture);

        var admin = await _app.Services.CallerAsync("quantri.skhdt");
        Assert.Null((await _app.Services.GetRequiredService<DatasetService>().LoadAsync(admin, Population, LoadMode.Append,
            [["598", "Huyện Trực Tiếp", 2024L, 12_345L, 10.0]], Ct)).Error);

        page.WaitForAssertion(() => Assert.Equal(Formats.Number(before + 12_345L), page.Find("[data-testid=kpi-value]").TextContent.Trim()),
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_presentation_counts_down_moves_to_the_next_dashboard_and_pauses_on_request()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(clock);
        var analyst = await SignInWithPopoversAsync("chuyenvien.skhdt");
        var total = await ScenarioAsync(_app.Services, analyst, "Tổng dân số trình chiếu", Population, Total);
        var document = new DashboardDocument(1,
            [new DashboardTile("tong", TileKind.Kpi, "Dân số", new TilePosition(0, 0, 4, 3), total, Kpi: new KpiSettings("Dân số"))], []);
        var first = await DashboardAsync(_app.Services, analyst, "Trình chiếu một", document);
        var second = await DashboardAsync(_app.Services, analyst, "Trình chiếu hai", document);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(new Presentation([first.Key, second.Key], 10).UrlOf(first.Key));

        var page = Render<DashboardPage>(p => p.Add(d => d.Key, first.Key));
        page.WaitForElement("[data-testid=presentation-bar]", TimeSpan.FromSeconds(30));
        Assert.Equal("Bảng 1/2", page.Find("[data-testid=presentation-position]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=present]"));
        // No click asked for full screen (loose JS answers false), so the bar offers it.
        Assert.NotEmpty(page.FindAll("[data-testid=presentation-fullscreen]"));
        for (var left = 9; left >= 1; left--)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var expected = $"chuyển sau {left} giây";
            page.WaitForAssertion(() => Assert.Equal(expected, page.Find("[data-testid=presentation-countdown]").TextContent.Trim()));
        }
        await page.Find("[data-testid=presentation-pause]").ClickAsync(new());
        clock.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal("đang tạm dừng", page.Find("[data-testid=presentation-countdown]").TextContent.Trim()));
        Assert.Contains($"dashboards/{first.Key}?", navigation.Uri);
        await page.Find("[data-testid=presentation-pause]").ClickAsync(new());
        clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Contains($"dashboards/{second.Key}?present=1", navigation.Uri));
    }

    /// <summary>Signs in, then renders the popover provider the page's selects and menus need (no service may be added after).</summary>
    private async Task<Caller> SignInWithPopoversAsync(string userName)
    {
        var caller = await SignInAsync(_app.Services, userName);
        Render<MudPopoverProvider>();
        return caller;
    }

    [Fact]
    public async Task A_dashboard_in_the_rotation_that_cannot_be_opened_still_offers_the_way_out_and_on()
    {
        await SignInWithPopoversAsync("chuyenvien.skhdt");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(new Presentation(["da-bi-xoa", "khac"], 30).UrlOf("da-bi-xoa"));

        var page = Render<DashboardPage>(p => p.Add(d => d.Key, "da-bi-xoa"));

        page.WaitForElement("[data-testid=empty-state]", TimeSpan.FromSeconds(30));
        Assert.Equal("Bảng 1/2", page.Find("[data-testid=presentation-position]").TextContent.Trim());
        await page.Find("[data-testid=presentation-next]").ClickAsync(new());
        Assert.Contains("dashboards/khac?present=1", navigation.Uri);
        Assert.NotEmpty(page.FindAll("[data-testid=presentation-exit]"));
    }

    private static int TableRows(IRenderedComponent<DashboardPage> page) =>
        page.FindAll("[data-tile-id=bang] [data-testid=tile-table] tbody tr").Count;

    private static int BarCount(IRenderedComponent<DashboardPage> page) =>
        page.FindComponent<VisualView>().Instance.Rows.Count;

    private async Task<string> ScenarioWithVisualAsync(Caller owner, string name, string pipeline, Visual visual)
    {
        var scenarios = _app.Services.GetRequiredService<ScenarioService>();
        var created = (await scenarios.CreateAsync(owner, name, null, Population, Ct)).Value!;
        Assert.Null((await scenarios.SaveAsync(owner, created.Key, new ScenarioContent(name, null, pipeline, [visual], []), created.Version, Ct)).Error);
        return created.Key;
    }

}
