using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Administration;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Administration;

/// <summary>
/// Agency administration on the demo app: who may do it, what a valid agency is, and what deactivating and merging do
/// to everything that belongs to an agency (sign-in and API keys through the real server). Each test makes its own agencies.
/// </summary>
public sealed partial class AgencyServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Password = "Workbench@2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AgencyService Agencies => app.Services.GetRequiredService<AgencyService>();

    [Fact]
    public async Task Create_normalizes_the_code_and_records_the_new_agency()
    {
        var admin = await app.Services.CallerAsync("admin");

        var created = await Agencies.CreateAsync(admin, "  ttdl-tinh ", " Trung tâm  Dữ liệu tỉnh ", "Provincial Data Centre", Ct);

        Assert.Null(created.Error);
        Assert.Equal("TTDL-TINH", created.Value!.Code);
        Assert.Equal("Trung tâm Dữ liệu tỉnh", created.Value.Name);
        Assert.True(created.Value.IsActive);
        var entry = Assert.Single(await EntriesAsync(AuditActions.AgencyCreated, "TTDL-TINH"));
        Assert.Contains("\"after\"", entry.Details);
        Assert.Contains("Trung tâm Dữ liệu tỉnh", entry.Details);
    }

    [Theory]
    [InlineData("1SO", "Cơ quan số một", "agency.bad-code")]
    [InlineData("S", "Cơ quan một chữ", "agency.bad-code")]
    [InlineData("SO TU", "Cơ quan có dấu cách", "agency.bad-code")]
    [InlineData("SỞ", "Cơ quan có dấu", "agency.bad-code")]
    [InlineData("SO-", "Cơ quan gạch cuối", "agency.bad-code")]
    [InlineData("STC", "Cơ quan trùng mã", "agency.code-taken")]
    [InlineData("MOI-TEN-TRUNG", "sở tài chính", "agency.name-taken")]
    [InlineData("MOI-KHONG-TEN", "   ", "agency.bad-name")]
    public async Task Create_refuses_a_bad_or_taken_code_and_a_missing_or_taken_name(string code, string name, string expected)
    {
        var admin = await app.Services.CallerAsync("admin");
        var count = await CountAsync(db => db.Agencies);

        var created = await Agencies.CreateAsync(admin, code, name, null, Ct);

        Assert.Equal(expected, created.Error?.Code);
        Assert.Equal(count, await CountAsync(db => db.Agencies));
    }

    [Fact]
    public async Task Create_refuses_an_english_name_another_agency_has()
    {
        var admin = await app.Services.CallerAsync("admin");

        var created = await Agencies.CreateAsync(admin, "TRUNG-EN", "Một cơ quan mới", "department of finance", Ct);

        Assert.Equal("agency.name-taken", created.Error?.Code);
    }

    [Fact]
    public async Task Rename_keeps_the_code_and_records_the_names_before_and_after()
    {
        var admin = await app.Services.CallerAsync("admin");
        var agency = await CreateAgencyAsync("DOI-TEN", "Ban Quản lý cũ");

        var renamed = await Agencies.RenameAsync(admin, agency.Id, "Ban Quản lý mới", "New Management Board", Ct);
        var unchanged = await Agencies.RenameAsync(admin, agency.Id, "Ban Quản lý mới", "New Management Board", Ct);

        Assert.Null(renamed.Error);
        Assert.Null(unchanged.Error);
        Assert.Equal("DOI-TEN", renamed.Value!.Code);
        var entry = Assert.Single(await EntriesAsync(AuditActions.AgencyRenamed, "DOI-TEN"));
        var before = entry.Details!.IndexOf("\"before\"", StringComparison.Ordinal);
        var after = entry.Details.IndexOf("\"after\"", StringComparison.Ordinal);
        Assert.InRange(entry.Details.IndexOf("Ban Quản lý cũ", StringComparison.Ordinal), before, after);
        Assert.True(entry.Details.IndexOf("Ban Quản lý mới", StringComparison.Ordinal) > after);
    }

    [Fact]
    public async Task Renaming_to_another_agencys_name_is_refused()
    {
        var admin = await app.Services.CallerAsync("admin");
        var agency = await CreateAgencyAsync("TEN-TRUNG", "Ban tên trùng");

        var renamed = await Agencies.RenameAsync(admin, agency.Id, "Sở Tài chính", null, Ct);

        Assert.Equal("agency.name-taken", renamed.Error?.Code);
    }

    [Theory]
    [InlineData("quantri.skhdt")]
    [InlineData("chuyenvien.skhdt")]
    [InlineData("lanhdao")]
    public async Task Only_a_system_administrator_may_administer_agencies(string userName)
    {
        var caller = await app.Services.CallerAsync(userName);
        var agency = await CreateAgencyAsync("CAM-" + userName.Replace(".", "-").ToUpperInvariant(), "Cơ quan thử quyền " + userName);
        var other = await CreateAgencyAsync("CAM2-" + userName.Replace(".", "-").ToUpperInvariant(), "Cơ quan thử quyền khác " + userName);
        var entries = await CountAsync(db => db.AuditEntries);

        var results = new List<Error?>
        {
            (await Agencies.ListAsync(caller, Ct)).Error,
            (await Agencies.CreateAsync(caller, "TU-TAO", "Tự tạo", null, Ct)).Error,
            (await Agencies.RenameAsync(caller, agency.Id, "Tự đổi tên", null, Ct)).Error,
            (await Agencies.DeactivateAsync(caller, agency.Id, Ct)).Error,
            (await Agencies.ReactivateAsync(caller, agency.Id, Ct)).Error,
            (await Agencies.PreviewMergeAsync(caller, agency.Id, other.Id, Ct)).Error,
            (await Agencies.MergeAsync(caller, agency.Id, other.Id, Ct)).Error,
        };

        Assert.All(results, e => Assert.Equal(ErrorKind.Forbidden, e?.Kind));
        Assert.Contains("quản trị hệ thống", results[0]!.Message);
        Assert.Equal(entries, await CountAsync(db => db.AuditEntries));
        var stored = await AgencyAsync(agency.Id);
        Assert.True(stored.IsActive);
        Assert.Equal("Cơ quan thử quyền " + userName, stored.Name);
    }

    [Fact]
    public async Task A_deactivated_agencys_users_cannot_sign_in_and_its_api_keys_stop_until_it_is_reactivated()
    {
        var admin = await app.Services.CallerAsync("admin");
        var agency = await CreateAgencyAsync("NGUNG-HD", "Ban ngừng hoạt động");
        var user = await CreateUserAsync("chuyenvien.ngunghd", agency.Id, Roles.Analyst);
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(admin, "Hệ thống ban", agency.Id, Roles.Analyst, null, Ct)).Value!;
        var stampBefore = user.SecurityStamp;

        var signInBefore = await SignInAsync("chuyenvien.ngunghd");
        var apiBefore = await GetDatasetsAsync(key.Key);
        var deactivated = await Agencies.DeactivateAsync(admin, agency.Id, Ct);
        var signInAfter = await SignInAsync("chuyenvien.ngunghd");
        var wrongPassword = await SignInAsync("chuyenvien.ngunghd", "Sai@Matkhau123");
        var apiAfter = await GetDatasetsAsync(key.Key);
        var reactivated = await Agencies.ReactivateAsync(admin, agency.Id, Ct);
        var signInAgain = await SignInAsync("chuyenvien.ngunghd");
        var apiAgain = await GetDatasetsAsync(key.Key);

        Assert.Equal(HttpStatusCode.Redirect, signInBefore.Status);
        Assert.Equal(HttpStatusCode.OK, apiBefore);
        Assert.Null(deactivated.Error);
        Assert.False(deactivated.Value!.IsActive);
        Assert.Equal(HttpStatusCode.OK, signInAfter.Status);
        Assert.Contains("Cơ quan của bạn đã ngừng hoạt động", signInAfter.Body);
        Assert.DoesNotContain("Cơ quan của bạn đã ngừng hoạt động", wrongPassword.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, apiAfter);
        Assert.Null(reactivated.Error);
        Assert.Equal(HttpStatusCode.Redirect, signInAgain.Status);
        Assert.Equal(HttpStatusCode.OK, apiAgain);
        Assert.NotEqual(stampBefore, (await UserAsync(user.Id)).SecurityStamp);
        var refused = await EntriesAsync(AuditActions.SignInFailed, "chuyenvien.ngunghd");
        Assert.Equal(2, refused.Count(e => e.Details!.Contains("agency-deactivated")));
        Assert.All(refused, e => Assert.Equal(agency.Id, e.AgencyId));
        Assert.Single(await EntriesAsync(AuditActions.AgencyDeactivated, "NGUNG-HD"));
        Assert.Single(await EntriesAsync(AuditActions.AgencyReactivated, "NGUNG-HD"));
    }

    [Fact]
    public async Task A_deactivated_agency_is_not_offered_as_a_grantee_and_cannot_receive_a_grant_but_keeps_its_data_and_grants()
    {
        var admin = await app.Services.CallerAsync("admin");
        var grants = app.Services.GetRequiredService<GrantService>();
        var agency = await CreateAgencyAsync("KHONG-NHAN", "Ban không nhận quyền");
        await CreateUserAsync("chuyenvien.khongnhan", agency.Id, Roles.Analyst);
        var finance = await app.AgencyIdAsync(AgencySeed.Finance);
        var own = await CreateDatasetAsync(admin, "ban-khong-nhan-du-lieu", agency.Id);
        var financeData = await CreateDatasetAsync(admin, "stc-cho-ban-khong-nhan", finance);
        var given = (await grants.CreateAsync(admin, Grant(grants, own.Key, finance), Ct)).Value!;

        await Agencies.DeactivateAsync(admin, agency.Id, Ct);
        var offered = await grants.GranteeAgenciesAsync(finance, Ct);
        var users = await grants.FindGranteeUsersAsync(finance, "khongnhan", 20, Ct);
        var refused = await grants.CreateAsync(admin, Grant(grants, financeData.Key, agency.Id), Ct);
        var financeAnalyst = await app.Services.CallerAsync("chuyenvien.stc");
        var financeReach = await grants.ForCallerAsync(financeAnalyst, Ct);

        Assert.DoesNotContain(offered, a => a.Id == agency.Id);
        Assert.Empty(users);
        Assert.Equal(ErrorKind.Invalid, refused.Error?.Kind);
        Assert.Contains(financeReach.For(financeAnalyst, own), g => g.Id == given.Id);
        Assert.Equal(agency.Id, (await DatasetAsync(own.Key)).OwnerAgencyId);
    }

    [Fact]
    public async Task The_agency_of_the_only_active_system_administrators_cannot_be_deactivated()
    {
        var admin = await app.Services.CallerAsync("admin");

        var refused = await Agencies.DeactivateAsync(admin, admin.AgencyId, Ct);

        Assert.Equal("agency.last-system-admins", refused.Error?.Code);
        Assert.Contains("quản trị hệ thống", refused.Error!.Message);
        Assert.True((await AgencyAsync(admin.AgencyId)).IsActive);
    }

    [Fact]
    public async Task Merge_moves_every_row_of_the_agency_revokes_grants_it_would_make_to_itself_and_renews_the_moved_sessions()
    {
        var admin = await app.Services.CallerAsync("admin");
        var grants = app.Services.GetRequiredService<GrantService>();
        var source = await CreateAgencyAsync("HN-NGUON", "Ban hợp nhất nguồn");
        var target = await CreateAgencyAsync("HN-DICH", "Ban hợp nhất đích");
        var finance = await app.AgencyIdAsync(AgencySeed.Finance);
        var sourceAdmin = await CreateUserAsync("quantri.hnnguon", source.Id, Roles.AgencyAdmin);
        var sourceAnalyst = await CreateUserAsync("chuyenvien.hnnguon", source.Id, Roles.Analyst);
        var targetAnalyst = await CreateUserAsync("chuyenvien.hndich", target.Id, Roles.Analyst);
        var sourceData = await CreateDatasetAsync(admin, "hn-nguon-du-lieu", source.Id);
        var targetData = await CreateDatasetAsync(admin, "hn-dich-du-lieu", target.Id);
        var financeData = await CreateDatasetAsync(admin, "hn-stc-du-lieu", finance);
        var sourceToTarget = (await grants.CreateAsync(admin, Grant(grants, sourceData.Key, target.Id), Ct)).Value!;
        var targetToSource = (await grants.CreateAsync(admin, Grant(grants, targetData.Key, source.Id), Ct)).Value!;
        var sourceToTargetUser = (await grants.CreateAsync(admin, Grant(grants, sourceData.Key, null, targetAnalyst.Id), Ct)).Value!;
        var sourceToFinance = (await grants.CreateAsync(admin, Grant(grants, sourceData.Key, finance), Ct)).Value!;
        var financeToSource = (await grants.CreateAsync(admin, Grant(grants, financeData.Key, source.Id), Ct)).Value!;
        var adminOfSource = new Caller(sourceAdmin.Id, sourceAdmin.FullName, source.Id, Roles.AgencyAdmin);
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var scenario = (await scenarios.CreateAsync(adminOfSource, "Kịch bản ban nguồn", null, sourceData.Key, Ct)).Value!;
        await scenarios.PublishAsync(adminOfSource, scenario.Key, [new AudienceChoice(AudienceKind.Agency)], Ct);
        var otherFinanceData = await CreateDatasetAsync(admin, "hn-stc-du-lieu-khac", finance);
        var request = (await app.Services.GetRequiredService<AccessRequestService>().CreateAsync(
            new Caller(sourceAnalyst.Id, sourceAnalyst.FullName, source.Id, Roles.Analyst), otherFinanceData.Key, "Phục vụ báo cáo", GrantRights.Query, Ct)).Value!;
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(admin, "Hệ thống ban nguồn", source.Id, Roles.Analyst, null, Ct)).Value!;

        var preview = (await Agencies.PreviewMergeAsync(admin, source.Id, target.Id, Ct)).Value!;
        var merged = await Agencies.MergeAsync(admin, source.Id, target.Id, Ct);

        Assert.Null(merged.Error);
        Assert.Equal(new AgencyMergeCounts(Users: 2, Datasets: 1, Scenarios: 1, ApiKeys: 1, GrantsMoved: 2, GrantsRevoked: 3, AccessRequests: 1, Audiences: 1),
            merged.Value);
        Assert.Equal(merged.Value, preview.Counts);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Users.AnyAsync(u => u.AgencyId == source.Id, Ct));
        Assert.False(await db.Datasets.AnyAsync(d => d.OwnerAgencyId == source.Id, Ct));
        Assert.False(await db.Scenarios.AnyAsync(s => s.OwnerAgencyId == source.Id, Ct));
        Assert.False(await db.ScenarioAudiences.AnyAsync(a => a.AgencyId == source.Id, Ct));
        Assert.False(await db.ApiKeys.AnyAsync(k => k.AgencyId == source.Id, Ct));
        Assert.False(await db.DatasetGrants.AnyAsync(g => g.GranteeAgencyId == source.Id, Ct));
        Assert.False(await db.AccessRequests.AnyAsync(r => r.RequesterAgencyId == source.Id, Ct));
        Assert.Equal(target.Id, (await db.Users.SingleAsync(u => u.Id == sourceAnalyst.Id, Ct)).AgencyId);
        Assert.NotEqual(sourceAnalyst.SecurityStamp, (await db.Users.SingleAsync(u => u.Id == sourceAnalyst.Id, Ct)).SecurityStamp);
        Assert.Equal(target.Id, (await db.Datasets.SingleAsync(d => d.Id == sourceData.Id, Ct)).OwnerAgencyId);
        Assert.Equal(target.Id, (await db.Scenarios.SingleAsync(s => s.Id == scenario.Id, Ct)).OwnerAgencyId);
        Assert.Equal(target.Id, (await db.ApiKeys.SingleAsync(k => k.Id == key.Record.Id, Ct)).AgencyId);
        Assert.Equal(target.Id, (await db.AccessRequests.SingleAsync(r => r.Id == request.Id, Ct)).RequesterAgencyId);
        var after = await db.DatasetGrants.Where(g => g.DatasetId == sourceData.Id || g.DatasetId == targetData.Id || g.DatasetId == financeData.Id)
            .ToDictionaryAsync(g => g.Id, Ct);
        foreach (var revoked in new[] { sourceToTarget, targetToSource, sourceToTargetUser })
        {
            Assert.NotNull(after[revoked.Id].RevokedAt);
            Assert.Contains("Ban hợp nhất nguồn", after[revoked.Id].RevokeReason);
        }
        Assert.Null(after[sourceToFinance.Id].RevokedAt);
        Assert.Null(after[financeToSource.Id].RevokedAt);
        Assert.Equal(target.Id, after[financeToSource.Id].GranteeAgencyId);
        var stored = await db.Agencies.SingleAsync(a => a.Id == source.Id, Ct);
        Assert.False(stored.IsActive);
        Assert.Equal(target.Id, stored.MergedIntoId);
        var entry = Assert.Single(await EntriesAsync(AuditActions.AgencyMerged, "HN-NGUON"));
        Assert.Contains("\"before\"", entry.Details);
        Assert.Contains("\"mergedIntoId\":" + target.Id, entry.Details);
        Assert.Equal(HttpStatusCode.OK, await GetDatasetsAsync(key.Key));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("chuyenvien.hnnguon")).Status);
    }

    [Fact]
    public async Task Merging_into_itself_into_a_deactivated_agency_or_twice_is_refused_and_changes_nothing()
    {
        var admin = await app.Services.CallerAsync("admin");
        var source = await CreateAgencyAsync("HN-TU-CHOI", "Ban hợp nhất bị từ chối");
        var closed = await CreateAgencyAsync("HN-DA-DONG", "Ban đã ngừng hoạt động");
        var target = await CreateAgencyAsync("HN-NHAN", "Ban nhận hợp nhất");
        var user = await CreateUserAsync("chuyenvien.hntuchoi", source.Id, Roles.Analyst);
        await CreateDatasetAsync(admin, "hn-tu-choi-du-lieu", source.Id);
        await Agencies.DeactivateAsync(admin, closed.Id, Ct);
        var entries = await CountAsync(db => db.AuditEntries);

        var intoItself = await Agencies.MergeAsync(admin, source.Id, source.Id, Ct);
        var intoClosed = await Agencies.MergeAsync(admin, source.Id, closed.Id, Ct);
        var intoMissing = await Agencies.MergeAsync(admin, source.Id, int.MaxValue, Ct);

        Assert.Equal("agency.merge-into-itself", intoItself.Error?.Code);
        Assert.Equal("agency.merge-into-inactive", intoClosed.Error?.Code);
        Assert.Equal(ErrorKind.NotFound, intoMissing.Error?.Kind);
        Assert.Equal(entries, await CountAsync(db => db.AuditEntries));
        Assert.Equal(source.Id, (await UserAsync(user.Id)).AgencyId);
        Assert.Equal(source.Id, (await DatasetAsync("hn-tu-choi-du-lieu")).OwnerAgencyId);
        Assert.True((await AgencyAsync(source.Id)).IsActive);

        Assert.Null((await Agencies.MergeAsync(admin, source.Id, target.Id, Ct)).Error);
        var twice = await Agencies.MergeAsync(admin, source.Id, target.Id, Ct);
        var reactivated = await Agencies.ReactivateAsync(admin, source.Id, Ct);

        Assert.Equal("agency.already-merged", twice.Error?.Code);
        Assert.Equal("agency.merged-cannot-reactivate", reactivated.Error?.Code);
        Assert.Contains("Ban nhận hợp nhất", reactivated.Error!.Message);
    }

    [Fact]
    public async Task The_list_counts_each_agencys_users_datasets_and_keys_and_names_the_agency_it_was_merged_into()
    {
        var admin = await app.Services.CallerAsync("admin");
        var source = await CreateAgencyAsync("DS-NGUON", "Ban danh sách nguồn");
        var target = await CreateAgencyAsync("DS-DICH", "Ban danh sách đích");
        await CreateUserAsync("chuyenvien.dsnguon", source.Id, Roles.Analyst);
        await CreateDatasetAsync(admin, "ds-nguon-du-lieu", source.Id);

        var before = (await Agencies.ListAsync(admin, Ct)).Value!;
        await Agencies.MergeAsync(admin, source.Id, target.Id, Ct);
        var after = (await Agencies.ListAsync(admin, Ct)).Value!;

        Assert.Contains(before, a => a.Id == source.Id && a is { Users: 1, Datasets: 1, Scenarios: 0, IsActive: true });
        Assert.Contains(after, a => a.Id == target.Id && a is { Users: 1, Datasets: 1, IsActive: true });
        Assert.Contains(after, a => a.Id == source.Id && a is { Users: 0, Datasets: 0, IsActive: false, MergedIntoName: "Ban danh sách đích" });
        Assert.True(after.ToList().FindIndex(a => a.Id == source.Id) > after.ToList().FindLastIndex(a => a.IsActive));
    }

    private async Task<Agency> CreateAgencyAsync(string code, string name)
    {
        var created = await Agencies.CreateAsync(await app.Services.CallerAsync("admin"), code, name, null, Ct);
        return created.Value ?? throw new InvalidOperationException(created.Error!.Message);
    }

    private async Task<WorkbenchUser> CreateUserAsync(string userName, int agencyId, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = new WorkbenchUser { UserName = userName, FullName = "Người dùng " + userName, AgencyId = agencyId, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return await UserAsync(user.Id);
    }

    private async Task<Dataset> CreateDatasetAsync(Caller caller, string key, int agencyId)
    {
        var created = await app.Services.GetRequiredService<DatasetService>().CreateAsync(caller,
            new NewDataset(key, "Dữ liệu " + key, agencyId, [new NewColumn("Huyện", ColumnType.Text), new NewColumn("Năm", ColumnType.Integer)]), Ct);
        return created.Value ?? throw new InvalidOperationException(created.Error!.Message);
    }

    private static NewGrant Grant(GrantService grants, string datasetKey, int? agencyId, string? userId = null) =>
        new(datasetKey, agencyId, userId, GrantRights.Query, null, [], null, "12/QĐ-UBND", grants.Today.AddDays(-1), "UBND tỉnh Quảng Ngãi");

    /// <summary>Posts the sign-in form as a browser would: the form's antiforgery token from a GET, then the fields.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SignInAsync(string userName, string password = Password)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("account/login", Ct);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }), Ct);
        // Note: the page encodes every non-ASCII letter as an entity, so Vietnamese text is compared decoded.
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    private async Task<HttpStatusCode> GetDatasetsAsync(string key)
    {
        using var client = app.CreateApiClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/datasets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private async Task<List<AuditEntry>> EntriesAsync(string action, string target)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.Target == target).ToListAsync(Ct);
    }

    private async Task<int> CountAsync<T>(Func<WorkbenchDbContext, IQueryable<T>> rows)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await rows(db).CountAsync(Ct);
    }

    private async Task<Agency> AgencyAsync(int id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == id, Ct);
    }

    private async Task<WorkbenchUser> UserAsync(string id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
    }

    private async Task<Dataset> DatasetAsync(string key)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.Datasets.AsNoTracking().SingleAsync(d => d.Key == key, Ct);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex AntiforgeryToken();
}
