using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Scenarios;

/// <summary>Publishing scenarios (Đ5.2): to the agency, a role within it, or named users; they run with the viewer's rights.</summary>
public sealed class PublishingTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Population = "dan-so-theo-huyen";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScenarioService Scenarios => app.Services.GetRequiredService<ScenarioService>();

    [Fact]
    public async Task Published_to_the_agency_its_users_open_and_find_it_shared_and_other_agencies_do_not()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var finance = await app.Services.CallerAsync("chuyenvien.stc");
        var scenario = (await Scenarios.CreateAsync(admin, "Chia sẻ cả cơ quan", null, Population, Ct)).Value!;

        var before = await Scenarios.GetAsync(analyst, scenario.Key, Ct);
        var published = await Scenarios.PublishAsync(admin, scenario.Key, [new AudienceChoice(AudienceKind.Agency)], Ct);

        Assert.Equal(ErrorKind.Forbidden, before.Error!.Kind);
        Assert.Equal(ScenarioStatus.Published, published.Value!.Status);
        Assert.Null((await Scenarios.GetAsync(analyst, scenario.Key, Ct)).Error);
        Assert.Contains(await Scenarios.ListSharedWithMeAsync(analyst, Ct), s => s.Scenario.Key == scenario.Key);
        Assert.Equal(ErrorKind.Forbidden, (await Scenarios.GetAsync(finance, scenario.Key, Ct)).Error!.Kind);
        Assert.DoesNotContain(await Scenarios.ListSharedWithMeAsync(finance, Ct), s => s.Scenario.Key == scenario.Key);
    }

    [Fact]
    public async Task A_wrong_audience_line_is_refused_naming_it_and_nothing_is_shared()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var scenario = (await Scenarios.CreateAsync(admin, "Chia sẻ sai đối tượng", null, Population, Ct)).Value!;

        var role = await Scenarios.PublishAsync(admin, scenario.Key,
            [new AudienceChoice(AudienceKind.Agency), new AudienceChoice(AudienceKind.Role, Role: "Giám đốc")], Ct);
        var user = await Scenarios.PublishAsync(admin, scenario.Key, [new AudienceChoice(AudienceKind.User, UserId: "khong-co-ai")], Ct);

        Assert.Contains("«Giám đốc»", role.Error!.Message);
        Assert.Contains("khong-co-ai", user.Error!.Message);
        Assert.Equal(ScenarioStatus.Draft, (await Scenarios.GetAsync(admin, scenario.Key, Ct)).Value!.Status);
    }

    [Fact]
    public async Task Published_to_a_role_reaches_only_that_role_of_the_agency()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var scenario = (await Scenarios.CreateAsync(admin, "Chỉ lãnh đạo", null, Population, Ct)).Value!;

        await Scenarios.PublishAsync(admin, scenario.Key, [new AudienceChoice(AudienceKind.Role, Role: Roles.Viewer)], Ct);

        Assert.Equal(ErrorKind.Forbidden, (await Scenarios.GetAsync(analyst, scenario.Key, Ct)).Error!.Kind);
        Assert.True(ScenarioAccess.CanOpen(analyst with { Role = Roles.Viewer }, (await Scenarios.GetAsync(admin, scenario.Key, Ct)).Value!));
    }

    [Fact]
    public async Task A_named_leader_of_another_agency_runs_it_with_their_own_rights()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var scenario = (await Scenarios.CreateAsync(admin, "Cho lãnh đạo tỉnh", null, Population, Ct)).Value!;
        await Scenarios.PublishAsync(admin, scenario.Key, [new AudienceChoice(AudienceKind.User, UserId: leader.UserId)], Ct);
        var run = new PipelineRun(PipelineJson.Parse(scenario.PipelineJson).Pipeline!, new Dictionary<string, JsonElement>());
        var queries = app.Services.GetRequiredService<QueryService>();

        var opened = await Scenarios.GetAsync(leader, scenario.Key, Ct);
        var withoutGrant = await queries.RunAsync(leader, run, Ct);
        var grants = app.Services.GetRequiredService<GrantService>();
        var office = await app.AgencyIdAsync(AgencySeed.PeoplesCommitteeOffice);
        await grants.CreateAsync(admin, new NewGrant(Population, office, null, GrantRights.Query, "[Năm] = 2024", [], null,
            "01/QĐ-UBND", grants.Today.AddDays(-1), "UBND tỉnh Quảng Ngãi"), Ct);
        var withGrant = await queries.RunAsync(leader, run, Ct);

        Assert.Null(opened.Error);
        Assert.Contains(await Scenarios.ListSharedWithMeAsync(leader, Ct), s => s.Scenario.Key == scenario.Key);
        Assert.Equal(ErrorKind.Forbidden, withoutGrant.Error!.Kind);
        Assert.Equal(13, withGrant.Value!.RowCount);
    }

    [Fact]
    public async Task Only_the_agency_administrators_publish_and_unpublishing_closes_it_again()
    {
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var mine = (await Scenarios.CreateAsync(analyst, "Của chuyên viên", null, Population, Ct)).Value!;

        var byAnalyst = await Scenarios.PublishAsync(analyst, mine.Key, [new AudienceChoice(AudienceKind.Agency)], Ct);
        var empty = await Scenarios.PublishAsync(admin, mine.Key, [], Ct);
        await Scenarios.PublishAsync(admin, mine.Key, [new AudienceChoice(AudienceKind.Role, Role: Roles.Viewer)], Ct);
        var leaderOfAgency = analyst with { UserId = "khac", Role = Roles.Viewer };
        var openedWhilePublished = ScenarioAccess.CanOpen(leaderOfAgency, (await Scenarios.GetAsync(admin, mine.Key, Ct)).Value!);
        var unpublished = await Scenarios.UnpublishAsync(admin, mine.Key, Ct);

        Assert.Equal(ErrorKind.Forbidden, byAnalyst.Error!.Kind);
        Assert.Equal(ErrorKind.Invalid, empty.Error!.Kind);
        Assert.True(openedWhilePublished);
        Assert.Equal(ScenarioStatus.Draft, unpublished.Value!.Status);
        Assert.False(ScenarioAccess.CanOpen(leaderOfAgency, (await Scenarios.GetAsync(admin, mine.Key, Ct)).Value!));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var actions = await db.AuditEntries.Where(e => e.Target == mine.Key).Select(e => e.Action).ToListAsync(Ct);
        Assert.Contains("scenario.published", actions);
        Assert.Contains("scenario.unpublished", actions);
    }
}
