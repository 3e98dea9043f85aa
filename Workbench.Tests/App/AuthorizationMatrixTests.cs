using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Administration;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.App;

/// <summary>
/// Who may reach what, generated from one table: every page route and HTTP endpoint the app maps, and every
/// administrative action's rule, for every role (and for nobody signed in). A route the app maps but the table does
/// not name fails the test, so a new page or endpoint cannot ship without a decision about who may use it.
/// </summary>
/// <remarks>
/// Routes are checked against the authorization metadata the app declares ([Authorize], RequireAuthorization,
/// AllowAnonymous), evaluated by ASP.NET Core's own policy evaluator. API endpoints admit any authenticated key; what a
/// key may then do with a dataset or scenario is the actions' table (the rules in Core), enforced in the handlers.
/// </remarks>
public sealed class AuthorizationMatrixTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Anonymous = "Anonymous";

    private static readonly string[] Everyone = [Anonymous, Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer];
    private static readonly string[] SignedIn = [Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer];
    private static readonly string[] Builders = [Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Analyst];
    private static readonly string[] Admins = [Roles.SystemAdmin, Roles.AgencyAdmin];

    /// <summary>Every route the app maps ("METHOD pattern"; pages are GET) and who may reach it.</summary>
    private static readonly Dictionary<string, string[]> Routes = new()
    {
        ["GET /"] = SignedIn,
        ["GET /account/login"] = Everyone,
        ["GET /account/denied"] = SignedIn,
        ["GET /account/change-password"] = SignedIn,
        ["POST /account/logout"] = Everyone,
        ["GET /account/external-login"] = Everyone,
        ["GET /account/external-callback"] = Everyone,
        ["GET /account/unmapped"] = Everyone,
        ["GET /culture/set"] = Everyone,
        ["GET /setup"] = Everyone,
        ["GET /not-found"] = Everyone,
        ["GET /health"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["GET /catalog"] = SignedIn,
        ["GET /datasets/{Key}"] = SignedIn,
        ["GET /datasets/{key}/download.csv"] = SignedIn,
        ["GET /datasets/{key}/download.xlsx"] = SignedIn,
        ["GET /scenarios"] = Builders,
        ["GET /scenarios/new"] = Builders,
        ["GET /scenarios/shared"] = SignedIn,
        ["GET /scenarios/{Key}"] = SignedIn,
        ["GET /scenarios/{Key}/design"] = SignedIn,
        ["GET /dashboards"] = SignedIn,
        ["GET /dashboards/{Key}"] = SignedIn,
        ["GET /dashboards/{Key}/edit"] = SignedIn,
        ["GET /dashboards/{Key}/snapshots"] = SignedIn,
        ["GET /dashboards/{key}/tiles/{tileId}/download.csv"] = SignedIn,
        ["GET /dashboards/{key}/tiles/{tileId}/download.xlsx"] = SignedIn,
        ["GET /dashboards/{key}/download.xlsx"] = SignedIn,
        ["GET /scenarios/{key}/download.csv"] = SignedIn,
        ["GET /scenarios/{key}/download.xlsx"] = SignedIn,
        ["GET /access-requests"] = SignedIn,
        ["GET /admin/agencies"] = [Roles.SystemAdmin],
        ["GET /admin/api-keys"] = Admins,
        ["GET /admin/users"] = Admins,
        ["GET /admin/grants"] = Admins,
        ["GET /admin/audit"] = Admins,
        ["GET /admin/audit/download.xlsx"] = Admins,
        ["GET /admin/jobs/{**path}"] = [Roles.SystemAdmin],
        ["GET /admin/connectors"] = [Roles.SystemAdmin],
        ["GET /admin/connectors/new"] = [Roles.SystemAdmin],
        ["GET /admin/connectors/{Key}"] = [Roles.SystemAdmin],
        ["GET /admin/connectors/{Key}/edit"] = [Roles.SystemAdmin],
        ["GET /agency/connectors"] = Builders,
        ["GET /api/v1/datasets"] = SignedIn,
        ["POST /api/v1/datasets"] = SignedIn,
        ["GET /api/v1/datasets/{key}"] = SignedIn,
        ["GET /api/v1/datasets/{key}/rows"] = SignedIn,
        ["POST /api/v1/datasets/{key}/rows"] = SignedIn,
        ["POST /api/v1/datasets/{key}/upload"] = SignedIn,
        ["POST /api/v1/query"] = SignedIn,
        ["POST /api/v1/query/validate"] = SignedIn,
        ["POST /api/v1/query/sql"] = SignedIn,
        ["GET /api/v1/scenarios/{key}/result"] = SignedIn,
    };

    /// <summary>
    /// Administrative actions on the caller's own agency's things (another agency's are refused to all but the system
    /// administrator, checked by the isolation tests), and who may take them.
    /// </summary>
    private static readonly Dictionary<string, (Func<Caller, bool> Rule, string[] Allowed)> Actions = new()
    {
        ["dataset.create"] = (c => DatasetAccess.CanCreate(c, c.AgencyId), Builders),
        ["dataset.load"] = (c => DatasetAccess.CanLoad(c, Owned(c)), Builders),
        ["dataset.delete"] = (c => DatasetAccess.CanDelete(c, Owned(c)), Admins),
        ["dataset.query (own agency)"] = (c => DatasetAccess.CanQuery(c, Owned(c), CallerGrants.None), SignedIn),
        ["dataset.query (other agency, no grant)"] = (c => DatasetAccess.CanQuery(c, Foreign(c), CallerGrants.None), [Roles.SystemAdmin]),
        ["grant.create / revoke"] = (c => DatasetAccess.CanGrant(c, Owned(c)), Admins),
        ["access-request.create (other agency's dataset)"] = (c => AccessRequestRules.CanRequest(c, Foreign(c), CallerGrants.None, hasPendingRequest: false),
            [Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer]),
        ["access-request.decide"] = (c => AccessRequestRules.CanDecide(c, Owned(c)), Admins),
        ["scenario.create"] = (ScenarioAccess.CanCreate, Builders),
        ["scenario.edit (a colleague's)"] = (c => ScenarioAccess.CanEdit(c, ColleaguesScenario(c)), Admins),
        ["scenario.publish"] = (c => ScenarioAccess.CanPublish(c, ColleaguesScenario(c)), Admins),
        ["api-key.manage"] = (ApiKeyAccess.CanManageAny, Admins),
        ["audit.read"] = (AuditAccess.CanRead, Admins),
        ["user.list"] = (UserAdministration.CanManageAny, Admins),
        ["user.create (analyst, own agency)"] = (c => UserAdministration.CreateRefusal(c, c.AgencyId, Roles.Analyst) is null, Admins),
        ["user.create (system admin)"] = (c => UserAdministration.CreateRefusal(c, c.AgencyId, Roles.SystemAdmin) is null, [Roles.SystemAdmin]),
        ["user.reset-password / enable / unlock (a colleague)"] = (c => UserAdministration.ResetPasswordRefusal(c, Colleague(c)) is null, Admins),
        ["user.disable (a colleague)"] = (c => UserAdministration.DisableRefusal(c, Colleague(c), activeSystemAdmins: 1) is null, Admins),
        ["user.change-role (a colleague)"] = (c => UserAdministration.RoleChangeRefusal(c, Colleague(c), Roles.Viewer, activeSystemAdmins: 1) is null, Admins),
        ["user.manage (other agency)"] = (c => UserAdministration.ManageRefusal(c, Colleague(c) with { AgencyId = c.AgencyId + 1 }) is null, [Roles.SystemAdmin]),
        ["user.move-agency"] = (c => UserAdministration.MoveRefusal(c, Colleague(c), c.AgencyId + 1) is null, [Roles.SystemAdmin]),
        ["agency.create / rename / deactivate / reactivate / merge"] = (AgencyRules.CanManage, [Roles.SystemAdmin]),
        ["connector.create / change / activate / delete"] = (ConnectorRules.CanManage, [Roles.SystemAdmin]),
        ["connector.list provided / deliver file (own agency)"] = (c => ConnectorRules.CanSeeProvided(c, c.AgencyId), Builders),
        ["connector.list provided / deliver file (other agency)"] = (c => ConnectorRules.CanSeeProvided(c, c.AgencyId + 1), [Roles.SystemAdmin]),
    };

    public static TheoryData<string> RouteNames => [.. Routes.Keys];

    public static TheoryData<string> ActionNames => [.. Actions.Keys];

    [Fact]
    public void Every_route_the_app_maps_is_in_the_table_and_the_table_names_no_other()
    {
        var mapped = MappedRoutes().Keys.ToHashSet();

        Assert.Empty(mapped.Except(Routes.Keys).Order());
        Assert.Empty(Routes.Keys.Except(mapped).Order());
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Each_role_reaches_a_route_exactly_as_the_table_says(string route)
    {
        var endpoint = MappedRoutes()[route];
        var evaluator = app.Services.GetRequiredService<IAuthorizationService>();
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
        var anonymousAllowed = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

        foreach (var role in Everyone)
        {
            var allowed = anonymousAllowed || policy is null
                || (await evaluator.AuthorizeAsync(Principal(role), policy)).Succeeded;
            Assert.True(allowed == Routes[route].Contains(role), $"{route} for {role}: the app says {(allowed ? "allowed" : "denied")}");
        }
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public void Each_role_may_take_an_action_exactly_as_the_table_says(string action)
    {
        var (rule, allowedRoles) = Actions[action];

        foreach (var role in SignedIn)
        {
            var caller = new Caller("u-" + role, role, AgencyId: 1, role);
            Assert.True(rule(caller) == allowedRoles.Contains(role), $"{action} for {role}");
        }
    }

    /// <summary>The app's routes: pages and endpoints with a route pattern, without the framework's own (Blazor's hub, static files).</summary>
    private Dictionary<string, RouteEndpoint> MappedRoutes()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new Dictionary<string, RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            // The framework's own: Blazor's hub and scripts, and static files (fingerprinted assets, the file fallback).
            if (pattern.StartsWith("/_", StringComparison.Ordinal) || pattern.Contains(":file}", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            // A page answers GET (and POST for its forms); one entry per page is enough.
            foreach (var method in methods.Where(m => m != "POST" || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null))
            {
                routes.TryAdd($"{method} {pattern}", endpoint);
            }
        }
        return routes;
    }

    private static ClaimsPrincipal Principal(string role) => role == Anonymous
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u-" + role), new Claim(ClaimTypes.Role, role)], "Test"));

    private static Dataset Owned(Caller caller) => new() { Key = "cua-minh", Name = "Của mình", OwnerAgencyId = caller.AgencyId, TableName = "t" };

    private static Dataset Foreign(Caller caller) => new() { Key = "cua-nguoi", Name = "Của người", OwnerAgencyId = caller.AgencyId + 1, TableName = "t" };

    private static ManagedUser Colleague(Caller caller) => new("u-colleague", "dong.nghiep", caller.AgencyId, Roles.Analyst, IsDisabled: false);

    private static Scenario ColleaguesScenario(Caller caller) => new()
    {
        Key = "dong-nghiep", Name = "Của đồng nghiệp", OwnerUserId = "u-colleague", OwnerAgencyId = caller.AgencyId, PipelineJson = "{}",
    };
}
