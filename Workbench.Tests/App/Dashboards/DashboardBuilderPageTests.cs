using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Dashboards;
using Workbench.Core.Access;
using Workbench.Core.Dashboards;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.App.Components;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Dashboards.DashboardScenarios;

namespace Workbench.Tests.App.Dashboards;

/// <summary>The dashboard builder on the real services of the demo app, as the planning department's administrator.</summary>
public sealed class DashboardBuilderPageTests : ComponentTestContext, IClassFixture<DemoAppFactory>
{
    /// <summary>The population of each district between the years <c>tu_nam</c> and <c>nam</c>: two integer parameters.</summary>
    private const string Span = """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2024 }, { "name": "tu_nam", "type": "integer", "default": 2020 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] >= [@tu_nam] and [Năm] <= [@nam]" },
                     { "type": "aggregate", "groupBy": [ "Huyện" ], "measures": [ { "function": "sum", "column": "Dân số", "as": "Dân số" } ] } ] }
        """;

    private readonly DemoAppFactory _app;
    private readonly IServiceScope _scope;

    public DashboardBuilderPageTests(DemoAppFactory app)
    {
        _app = app;
        _scope = app.Services.CreateScope();
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<DashboardService>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<ScenarioService>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<QueryService>());
        Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<GrantService>());
        Services.AddScoped<CurrentCaller>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private DashboardService Dashboards => _app.Services.GetRequiredService<DashboardService>();

    private static DashboardTile Note(string id, int x, int y, int w, int h) =>
        new(id, TileKind.Text, "Ghi chú " + id, new TilePosition(x, y, w, h), Markdown: "**" + id + "**");

    [Fact]
    public async Task Moving_and_resizing_by_keyboard_and_by_a_drop_push_a_colliding_tile_down_and_the_save_keeps_the_positions()
    {
        var admin = await SignInAsync(_app.Services, "quantri.skhdt");
        var dashboard = await DashboardAsync(_app.Services, admin, "Bố cục thử", new DashboardDocument(1, [Note("a", 0, 0, 4, 3), Note("b", 0, 3, 4, 3)], []));
        var page = RenderBuilder(dashboard.Key);

        // Shift+ArrowDown makes "a" one row taller: it now covers row 3, where "b" starts, so "b" goes down a row.
        await TileOf(page, "a").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown", ShiftKey = true });
        Assert.Equal("0 4 4 3", Place(page, "b"));
        Assert.Equal("0 0 4 4", Place(page, "a"));
        // ArrowRight moves "a" one column: it no longer covers "b", which stays.
        await TileOf(page, "a").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Equal("1 0 4 4", Place(page, "a"));
        Assert.Equal("0 4 4 3", Place(page, "b"));

        // The drag module drops "b" on the top left: "a" overlaps it there and is pushed under it.
        await page.InvokeAsync(() => page.Instance.TileMoved("b", 0, 0, 4, 3));
        Assert.Equal("0 0 4 3", Place(page, "b"));
        Assert.Equal("1 3 4 4", Place(page, "a"));
        Assert.Contains("Cột 1, hàng 1, rộng 4 cột, cao 3 hàng", page.Find("[data-testid=builder-selected-position]").TextContent);

        await page.Find("button[data-testid=builder-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(dashboard.Version + 1, Saved(dashboard.Key).Version));
        var saved = DashboardDocument.Read(Saved(dashboard.Key).LayoutJson)!;
        Assert.Equal(new TilePosition(0, 0, 4, 3), saved.Tile("b")!.Position);
        Assert.Equal(new TilePosition(1, 3, 4, 4), saved.Tile("a")!.Position);
    }

    [Fact]
    public async Task A_new_filter_binds_itself_to_the_parameter_of_its_name_the_binding_can_change_and_the_save_stores_it()
    {
        var admin = await SignInAsync(_app.Services, "quantri.skhdt");
        var scenario = await ScenarioAsync(_app.Services, admin, "Dân số theo giai đoạn", Population, Span);
        var dashboard = await DashboardAsync(_app.Services, admin, "Bộ lọc thử",
            new DashboardDocument(1, [new DashboardTile("dan-so", TileKind.Table, "Dân số", new TilePosition(0, 0, 6, 4), scenario), Note("ghi-chu", 6, 0, 6, 2)], []));
        var page = RenderBuilder(dashboard.Key);

        await page.Find("button[data-testid=builder-add-filter]").ClickAsync(new());

        var filter = Assert.Single(page.Instance.Document().Filters);
        Assert.Equal("nam", filter.Name);
        Assert.Equal([new FilterBinding("dan-so", "nam")], filter.Bindings);
        Assert.Single(page.FindAll("[data-testid=builder-filter]"));
        // Only scenario tiles are offered a binding, with the parameters of the filter's type.
        var binding = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "binding-dan-so");
        Assert.Equal("nam", binding.Instance.GetState(s => s.Value));
        Assert.Empty(page.FindAll("[data-testid=binding-ghi-chu]"));

        await binding.InvokeAsync(() => binding.Instance.ValueChanged.InvokeAsync("tu_nam"));
        Assert.Equal([new FilterBinding("dan-so", "tu_nam")], Assert.Single(page.Instance.Document().Filters).Bindings);
        await page.Find("button[data-testid=builder-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(dashboard.Version + 1, Saved(dashboard.Key).Version));
        var saved = Assert.Single(DashboardDocument.Read(Saved(dashboard.Key).LayoutJson)!.Filters);
        Assert.Equal("nam", saved.Name);
        Assert.Equal([new FilterBinding("dan-so", "tu_nam")], saved.Bindings);
    }

    [Fact]
    public async Task A_problem_shows_at_once_next_to_its_field_and_blocks_saving()
    {
        var admin = await SignInAsync(_app.Services, "quantri.skhdt");
        var dashboard = await DashboardAsync(_app.Services, admin, "Lỗi thử", new DashboardDocument(1, [Note("a", 0, 0, 4, 3)], []));
        var page = RenderBuilder(dashboard.Key);

        await page.Find("button[data-testid=builder-add-filter]").ClickAsync(new());
        await page.Find("input[data-testid=filter-default]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "hai nghìn" });

        Assert.Contains("Giá trị mặc định «hai nghìn» của bộ lọc «nam» không đúng kiểu", page.Find("[data-testid=builder-filter]").TextContent);
        Assert.True(page.Find("button[data-testid=builder-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_stale_save_says_who_saved_meanwhile_and_reloading_then_restoring_an_old_version_works()
    {
        var admin = await SignInAsync(_app.Services, "quantri.skhdt");
        var dashboard = await DashboardAsync(_app.Services, admin, "Cũ mới thử", new DashboardDocument(1, [Note("a", 0, 0, 4, 3)], []));
        var page = RenderBuilder(dashboard.Key);
        Assert.Null((await Dashboards.SaveAsync(admin, dashboard.Key,
            new DashboardContent("Cũ mới thử", null, new DashboardDocument(1, [Note("a", 0, 0, 4, 3), Note("b", 4, 0, 4, 3)], [])), dashboard.Version, Ct)).Error);

        await TileOf(page, "a").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        await page.Find("button[data-testid=builder-save]").ClickAsync(new());

        var error = page.WaitForElement("[data-testid=builder-save-error]");
        Assert.Contains($"đã lưu phiên bản {dashboard.Version + 1}", error.TextContent);
        Assert.Contains("Hãy tải lại", error.TextContent);
        await page.Find("button[data-testid=builder-reload]").ClickAsync(new());
        Assert.Equal(2, page.FindAll("[data-testid=builder-tile]").Count);
        Assert.Empty(page.FindAll("[data-testid=builder-save-error]"));

        // Newest first: the first restore button is the version before the one saved meanwhile, with tile "a" alone.
        await page.FindAll("button[data-testid=builder-restore]").First().ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=builder-tile]")));
        Assert.Equal(dashboard.Version + 2, Saved(dashboard.Key).Version);
    }

    [Fact]
    public async Task Sharing_with_the_agency_shares_the_own_scenarios_too_and_lists_the_one_of_another_agency()
    {
        var admin = await SignInAsync(_app.Services, "quantri.skhdt");
        var financeAdmin = await _app.Services.CallerAsync("quantri.stc");
        var own = await ScenarioAsync(_app.Services, admin, "Dân số để chia sẻ", Population, ByDistrict);
        var finance = await ScenarioAsync(_app.Services, financeAdmin, "Thu ngân sách để chia sẻ", Revenue, RevenueByDistrict, financeAdmin,
            new Workbench.Infrastructure.Scenarios.AudienceChoice(Workbench.Core.Scenarios.AudienceKind.User, UserId: admin.UserId));
        var dashboard = await DashboardAsync(_app.Services, admin, "Chia sẻ thử",
            new DashboardDocument(1, [Tile("dan-so", own, 0), Tile("thu", finance, 1)], []));
        var dialogs = Render<MudDialogProvider>();
        var page = RenderBuilder(dashboard.Key);

        var publishing = page.Find("button[data-testid=builder-publish]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=dashboard-publish-dialog]");
        Assert.Contains("Chia sẻ cả các kịch bản của các ô với cùng đối tượng", dialogs.Markup);
        await dialogs.Find("input[data-testid=publish-agency]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await dialogs.Find("button[data-testid=publish-save]").ClickAsync(new());

        var notShared = dialogs.WaitForElement("[data-testid=publish-not-shared]").TextContent;
        Assert.Contains("«Thu ngân sách để chia sẻ» thuộc Sở Tài chính", notShared);
        Assert.DoesNotContain("Dân số để chia sẻ", notShared);
        await dialogs.Find("button[data-testid=publish-done]").ClickAsync(new());
        await publishing;
        page.WaitForAssertion(() => Assert.Equal("Đã chia sẻ", page.Find("[data-testid=builder-status]").TextContent.Trim()));
        var scenarios = _app.Services.GetRequiredService<ScenarioService>();
        var shared = (await scenarios.GetAsync(admin, own, Ct)).Value!;
        Assert.Equal(Workbench.Core.Scenarios.ScenarioStatus.Published, shared.Status);
        Assert.Contains(shared.Audience, a => a.Kind == Workbench.Core.Scenarios.AudienceKind.Agency);
    }

    private IRenderedComponent<DashboardBuilderPage> RenderBuilder(string key)
    {
        Render<MudPopoverProvider>();
        var page = Render<DashboardBuilderPage>(p => p.Add(b => b.Key, key));
        page.WaitForElement("[data-testid=builder-grid]");
        return page;
    }

    private static AngleSharp.Dom.IElement TileOf(IRenderedComponent<DashboardBuilderPage> page, string id) => page.Find($"[data-tile-id={id}]");

    private static string Place(IRenderedComponent<DashboardBuilderPage> page, string id)
    {
        var tile = TileOf(page, id);
        return string.Join(' ', tile.GetAttribute("data-x"), tile.GetAttribute("data-y"), tile.GetAttribute("data-w"), tile.GetAttribute("data-h"));
    }

    private Dashboard Saved(string key) =>
        Dashboards.GetAsync(_app.Services.CallerAsync("quantri.skhdt").GetAwaiter().GetResult(), key, CancellationToken.None).GetAwaiter().GetResult().Value!;


    protected override void Dispose(bool disposing)
    {
        _scope.Dispose();
        base.Dispose(disposing);
    }
}
