using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Administration;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Audit;

/// <summary>Every successful administrative action writes exactly one audit entry, of its own kind, naming what it changed.</summary>
public sealed class AdministrativeAuditTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each action: its setup (not counted), then the action itself, and the entry it must write.</summary>
    private static readonly Dictionary<string, (Func<Context, Task<Func<Task>>> Arrange, string Expected)> Cases = new()
    {
        ["dataset.create"] = (c => Ready(() => c.Datasets.CreateAsync(c.Owner, Sample(c), Ct)), AuditActions.DatasetCreated),
        ["dataset.delete"] = (async c =>
        {
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            return () => c.Datasets.DeleteAsync(c.Owner, c.Key, Ct);
        }, AuditActions.DatasetDeleted),
        ["grant.create"] = (async c =>
        {
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            return () => c.Grants.CreateAsync(c.Owner, c.GrantTo(c.Key), Ct);
        }, AuditActions.GrantCreated),
        ["grant.revoke"] = (async c =>
        {
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            var grant = (await c.Grants.CreateAsync(c.Owner, c.GrantTo(c.Key), Ct)).Value!;
            return () => c.Grants.RevokeAsync(c.Owner, grant.Id, "Hết hạn phối hợp", Ct);
        }, AuditActions.GrantRevoked),
        ["scenario.create"] = (c => Ready(() => c.Scenarios.CreateAsync(c.Owner, c.Key, null, "dan-so-theo-huyen", Ct)), AuditActions.ScenarioCreated),
        ["scenario.save"] = (async c =>
        {
            var scenario = (await c.Scenarios.CreateAsync(c.Owner, c.Key, null, "dan-so-theo-huyen", Ct)).Value!;
            return () => c.Scenarios.SaveAsync(c.Owner, scenario.Key, new ScenarioContent(c.Key + " (sửa)", null, scenario.PipelineJson, [], []), 1, Ct);
        }, AuditActions.ScenarioSaved),
        ["scenario.publish"] = (async c =>
        {
            var scenario = (await c.Scenarios.CreateAsync(c.Owner, c.Key, null, "dan-so-theo-huyen", Ct)).Value!;
            return () => c.Scenarios.PublishAsync(c.Owner, scenario.Key, [new AudienceChoice(AudienceKind.Agency)], Ct);
        }, AuditActions.ScenarioPublished),
        ["scenario.delete"] = (async c =>
        {
            var scenario = (await c.Scenarios.CreateAsync(c.Owner, c.Key, null, "dan-so-theo-huyen", Ct)).Value!;
            return () => c.Scenarios.DeleteAsync(c.Owner, scenario.Key, Ct);
        }, AuditActions.ScenarioDeleted),
        ["dashboard.create"] = (c => Ready(() => c.Dashboards.CreateAsync(c.Owner, c.Key, null, Ct)), AuditActions.DashboardCreated),
        ["dashboard.publish"] = (async c =>
        {
            var dashboard = (await c.Dashboards.CreateAsync(c.Owner, c.Key, null, Ct)).Value!;
            return () => c.Dashboards.PublishAsync(c.Owner, dashboard.Key, [new AudienceChoice(AudienceKind.Agency)], Ct);
        }, AuditActions.DashboardPublished),
        ["dashboard.delete"] = (async c =>
        {
            var dashboard = (await c.Dashboards.CreateAsync(c.Owner, c.Key, null, Ct)).Value!;
            return () => c.Dashboards.DeleteAsync(c.Owner, dashboard.Key, Ct);
        }, AuditActions.DashboardDeleted),
        ["api-key.create"] = (c => Ready(() => c.ApiKeys.CreateAsync(c.Owner, c.Key, c.Owner.AgencyId, Roles.Analyst, null, Ct)), AuditActions.ApiKeyCreated),
        ["api-key.revoke"] = (async c =>
        {
            var key = (await c.ApiKeys.CreateAsync(c.Owner, c.Key, c.Owner.AgencyId, Roles.Analyst, null, Ct)).Value!;
            return () => c.ApiKeys.RevokeAsync(c.Owner, key.Record.Id, Ct);
        }, AuditActions.ApiKeyRevoked),
        ["access-request.create"] = (async c =>
        {
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            return () => c.Requests.CreateAsync(c.Requester, c.Key, "Phục vụ báo cáo quý", GrantRights.Query, Ct);
        }, AuditActions.AccessRequestCreated),
        ["access-request.refuse"] = (async c =>
        {
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            var request = (await c.Requests.CreateAsync(c.Requester, c.Key, "Phục vụ báo cáo quý", GrantRights.Query, Ct)).Value!;
            return () => c.Requests.RefuseAsync(c.Owner, request.Id, "Chưa có văn bản phối hợp", Ct);
        }, AuditActions.AccessRequestRefused),
        ["user.create"] = (c => Ready(() => c.Users.CreateAsync(c.Owner, c.NewUser(Roles.Analyst), Ct)), AuditActions.UserCreated),
        ["user.reset-password"] = (async c =>
        {
            var user = await c.CreateUserAsync();
            return () => c.Users.ResetPasswordAsync(c.Owner, user.Id, Ct);
        }, AuditActions.UserPasswordReset),
        ["user.disable"] = (async c =>
        {
            var user = await c.CreateUserAsync();
            return () => c.Users.DisableAsync(c.Owner, user.Id, Ct);
        }, AuditActions.UserDisabled),
        ["user.enable"] = (async c =>
        {
            var user = await c.CreateUserAsync();
            await c.Users.DisableAsync(c.Owner, user.Id, Ct);
            return () => c.Users.EnableAsync(c.Owner, user.Id, Ct);
        }, AuditActions.UserEnabled),
        ["user.unlock"] = (async c =>
        {
            var user = await c.CreateUserAsync();
            await using var scope = c.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
            return () => c.Users.UnlockAsync(c.Owner, user.Id, Ct);
        }, AuditActions.UserUnlocked),
        ["user.change-role"] = (async c =>
        {
            var user = await c.CreateUserAsync();
            return () => c.Users.ChangeRoleAsync(c.Owner, user.Id, Roles.Viewer, Ct);
        }, AuditActions.UserRoleChanged),
        ["user.move-agency"] = (async c =>
        {
            var user = await c.CreateUserAsync();
            var admin = await c.Services.CallerAsync("admin");
            return () => c.Users.MoveAsync(admin, user.Id, c.FinanceId, Ct);
        }, AuditActions.UserAgencyChanged),
        ["user.change-own-password"] = (async c =>
        {
            var issued = (await c.Users.CreateAsync(c.Owner, c.NewUser(Roles.Analyst), Ct)).Value!;
            var self = await c.Services.CallerAsync(issued.User.UserName);
            return () => c.Users.ChangeOwnPasswordAsync(self, issued.TemporaryPassword, "Rieng@Cua-Toi-2026", Ct);
        }, AuditActions.UserPasswordChanged),
        ["agency.create"] = (async c =>
        {
            var admin = await c.Services.CallerAsync("admin");
            return () => c.Agencies.CreateAsync(admin, c.AgencyCode, "Cơ quan " + c.Key, null, Ct);
        }, AuditActions.AgencyCreated),
        ["agency.rename"] = (async c =>
        {
            var (admin, agency) = await c.NewAgencyAsync();
            return () => c.Agencies.RenameAsync(admin, agency.Id, "Cơ quan đổi tên " + c.Key, "Renamed", Ct);
        }, AuditActions.AgencyRenamed),
        ["agency.deactivate"] = (async c =>
        {
            var (admin, agency) = await c.NewAgencyAsync();
            return () => c.Agencies.DeactivateAsync(admin, agency.Id, Ct);
        }, AuditActions.AgencyDeactivated),
        ["agency.reactivate"] = (async c =>
        {
            var (admin, agency) = await c.NewAgencyAsync();
            await c.Agencies.DeactivateAsync(admin, agency.Id, Ct);
            return () => c.Agencies.ReactivateAsync(admin, agency.Id, Ct);
        }, AuditActions.AgencyReactivated),
        ["agency.merge"] = (async c =>
        {
            var (admin, agency) = await c.NewAgencyAsync();
            return () => c.Agencies.MergeAsync(admin, agency.Id, c.FinanceId, Ct);
        }, AuditActions.AgencyMerged),
        ["dataset.quality-rules"] = (async c =>
        {
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            return () => c.Services.GetRequiredService<Workbench.Infrastructure.Quality.QualityChecker>()
                .SetRulesAsync(c.Owner, c.Key, [new Workbench.Core.Quality.QualityRule(Workbench.Core.Quality.QualityRuleKind.NotNull, ["Huyện"])], Ct);
        }, AuditActions.DatasetQualityRulesChanged),
        ["connector.create"] = (async c =>
        {
            var admin = await c.Services.CallerAsync("admin");
            await c.Datasets.CreateAsync(c.Owner, Sample(c), Ct);
            return () => c.Connectors.CreateAsync(admin, c.ConnectorDraft(), null, Ct);
        }, AuditActions.ConnectorCreated),
        ["connector.update"] = (async c =>
        {
            var admin = await c.NewConnectorAsync();
            return () => c.Connectors.UpdateAsync(admin, c.Key, c.ConnectorDraft() with { Name = "Đổi tên " + c.Key }, null, Ct);
        }, AuditActions.ConnectorUpdated),
        ["connector.activate"] = (async c =>
        {
            var admin = await c.NewConnectorAsync();
            return () => c.Connectors.SetActiveAsync(admin, c.Key, true, Ct);
        }, AuditActions.ConnectorActivated),
        ["connector.deactivate"] = (async c =>
        {
            var admin = await c.NewConnectorAsync();
            await c.Connectors.SetActiveAsync(admin, c.Key, true, Ct);
            return () => c.Connectors.SetActiveAsync(admin, c.Key, false, Ct);
        }, AuditActions.ConnectorDeactivated),
        ["connector.delete"] = (async c =>
        {
            var admin = await c.NewConnectorAsync();
            return () => c.Connectors.DeleteAsync(admin, c.Key, Ct);
        }, AuditActions.ConnectorDeleted),
        ["connector.key-issued"] = (async c =>
        {
            var admin = await c.NewConnectorAsync();
            return () => c.Services.GetRequiredService<Workbench.Infrastructure.Connectors.PushConnectorKeys>().IssuePushKeyAsync(admin, c.Key, Ct);
        }, AuditActions.ConnectorKeyIssued),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_successful_action_writes_exactly_one_entry_of_its_kind(string name)
    {
        var (arrange, expected) = Cases[name];
        var context = new Context(app.Services, await app.Services.CallerAsync("quantri.skhdt"), await app.Services.CallerAsync("chuyenvien.stc"),
            "nk-" + name.Replace('.', '-'), await app.AgencyIdAsync(AgencySeed.Finance));
        var act = await arrange(context);
        var before = await LastIdAsync();

        await act();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var written = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync(Ct);
        var entry = Assert.Single(written);
        Assert.Equal(expected, entry.Action);
        Assert.False(string.IsNullOrEmpty(entry.Target));
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id, Ct) ?? 0;
    }

    private static Task<Func<Task>> Ready(Func<Task> act) => Task.FromResult(act);

    private static NewDataset Sample(Context c) =>
        new(c.Key, "Nhật ký " + c.Key, c.Owner.AgencyId, [new NewColumn("Huyện", ColumnType.Text), new NewColumn("Năm", ColumnType.Integer)]);

    /// <summary>What the cases act with: the owner agency's admin, another agency's analyst, a key for the thing made.</summary>
    private sealed record Context(IServiceProvider Services, Caller Owner, Caller Requester, string Key, int FinanceId)
    {
        public DatasetService Datasets => Services.GetRequiredService<DatasetService>();

        public GrantService Grants => Services.GetRequiredService<GrantService>();

        public ScenarioService Scenarios => Services.GetRequiredService<ScenarioService>();

        public Workbench.Infrastructure.Dashboards.DashboardService Dashboards =>
            Services.GetRequiredService<Workbench.Infrastructure.Dashboards.DashboardService>();

        public ApiKeyService ApiKeys => Services.GetRequiredService<ApiKeyService>();

        public AccessRequestService Requests => Services.GetRequiredService<AccessRequestService>();

        public UserAdministrationService Users => Services.GetRequiredService<UserAdministrationService>();

        /// <summary>An account of the owner's agency named after the case, so each case has its own.</summary>
        public NewUser NewUser(string role) => new(Key, "Nhật ký " + Key, null, Owner.AgencyId, role);

        public async Task<UserSummary> CreateUserAsync() => (await Users.CreateAsync(Owner, NewUser(Roles.Analyst), Ct)).Value!.User;
        public AgencyService Agencies => Services.GetRequiredService<AgencyService>();

        /// <summary>An agency code made from the case's key, e.g. <c>NK-AGENCY-MERGE</c>.</summary>
        public string AgencyCode => Key.ToUpperInvariant();

        public async Task<(Caller Admin, Agency Agency)> NewAgencyAsync()
        {
            var admin = await Services.CallerAsync("admin");
            var created = await Agencies.CreateAsync(admin, AgencyCode, "Cơ quan " + Key, null, Ct);
            return (admin, created.Value ?? throw new InvalidOperationException(created.Error!.Message));
        }

        public ConnectorService Connectors => Services.GetRequiredService<ConnectorService>();

        /// <summary>A push connector feeding a dataset of the owner's agency, both named after the case.</summary>
        public ConnectorDraft ConnectorDraft() => new(Key, "Kết nối " + Key, null, ConnectorKind.Push, Owner.AgencyId, Key,
            SyncMode.IncrementalAppend, SyncSchedule.DailyAt(2, 0), "{}",
            new LegalDocument("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính"),
            new LegalDocument("88/SKHĐT", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư"));

        public async Task<Caller> NewConnectorAsync()
        {
            var admin = await Services.CallerAsync("admin");
            await Datasets.CreateAsync(Owner, new NewDataset(Key, "Nhật ký " + Key, Owner.AgencyId, [new NewColumn("Huyện", ColumnType.Text)]), Ct);
            var created = await Connectors.CreateAsync(admin, ConnectorDraft(), null, Ct);
            return created.Error is null ? admin : throw new InvalidOperationException(created.Error.Message + string.Join("; ", created.Error.Details ?? []));
        }

        public NewGrant GrantTo(string key) =>
            new(key, FinanceId, null, GrantRights.Query, null, [], null, "09/QĐ-UBND", Grants.Today.AddDays(-2), "UBND tỉnh Quảng Ngãi");
    }
}
