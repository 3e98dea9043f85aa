using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Query;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Access;

/// <summary>
/// Access requests on the demo app: Sở Tài chính's analyst asks for a dataset of Sở Kế hoạch và Đầu tư, whose
/// administrator approves (a grant that works at once) or refuses with a reason. Each test makes its own dataset so
/// requests and grants never cross tests.
/// </summary>
public sealed class AccessRequestServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AccessRequestService Requests => app.Services.GetRequiredService<AccessRequestService>();

    private GrantService Grants => app.Services.GetRequiredService<GrantService>();

    private QueryService Queries => app.Services.GetRequiredService<QueryService>();

    [Fact]
    public async Task Approving_creates_a_grant_to_the_requester_who_can_then_query_and_the_request_names_the_grant()
    {
        var key = await OwnDatasetAsync("duyet");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var refusedBefore = await Queries.RunAsync(analyst, Run(key), Ct);
        var request = (await Requests.CreateAsync(analyst, key, "Lập báo cáo thu chi theo huyện", GrantRights.Query | GrantRights.Download, Ct)).Value!;

        var approved = await Requests.ApproveAsync(owner, request.Id, GrantTo(key, analyst.UserId, null), Ct);
        var rows = await Queries.RunAsync(analyst, Run(key), Ct);
        var mine = (await Requests.MineAsync(analyst, Ct)).Single(r => r.Id == request.Id);

        Assert.Equal(ErrorKind.Forbidden, refusedBefore.Error!.Kind);
        Assert.Null(approved.Error);
        Assert.Null(rows.Error);
        Assert.Equal(4, rows.Value!.RowCount);
        Assert.Equal(AccessRequestStatus.Approved, mine.Status);
        Assert.Equal(owner.DisplayName, mine.DecidedByName);
        var grant = mine.Grant!;
        Assert.Equal(mine.GrantId, grant.Id);
        Assert.Equal((analyst.UserId, (int?)null), (grant.GranteeUserId, grant.GranteeAgencyId));
        Assert.Equal("Lập báo cáo thu chi theo huyện", grant.Purpose);
        Assert.Equal("45/QĐ-UBND", grant.LegalBasisNumber);
    }

    [Fact]
    public async Task An_approval_may_grant_the_requesters_whole_agency_but_no_one_else()
    {
        var key = await OwnDatasetAsync("duyet-co-quan");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var financeAdmin = await app.Services.CallerAsync("quantri.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var education = await app.AgencyIdAsync(AgencySeed.EducationAndTraining);
        var request = (await Requests.CreateAsync(analyst, key, "Đối chiếu số liệu", GrantRights.Query, Ct)).Value!;

        var elsewhere = await Requests.ApproveAsync(owner, request.Id, GrantTo(key, null, education), Ct);
        var approved = await Requests.ApproveAsync(owner, request.Id, GrantTo(key, null, analyst.AgencyId), Ct);
        var colleague = await Queries.RunAsync(financeAdmin, Run(key), Ct);

        Assert.Equal(ErrorKind.Invalid, elsewhere.Error!.Kind);
        Assert.Null(approved.Error);
        Assert.Null(colleague.Error);
        Assert.Equal(analyst.AgencyId, approved.Value!.Grant!.GranteeAgencyId);
    }

    [Fact]
    public async Task An_approval_whose_grant_is_invalid_saves_neither_the_grant_nor_the_decision()
    {
        var key = await OwnDatasetAsync("duyet-thieu-can-cu");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var request = (await Requests.CreateAsync(analyst, key, "Tổng hợp", GrantRights.Query, Ct)).Value!;

        var withoutBasis = await Requests.ApproveAsync(owner, request.Id, GrantTo(key, analyst.UserId, null) with { LegalBasisNumber = "" }, Ct);

        Assert.Equal(ErrorKind.Invalid, withoutBasis.Error!.Kind);
        Assert.Contains(withoutBasis.Error.Details!, d => d.Contains("số văn bản"));
        Assert.True((await Requests.MineAsync(analyst, Ct)).Single(r => r.Id == request.Id).IsPending);
        Assert.Empty((await Grants.ForDatasetAsync(owner, key, Ct)).Value!);
    }

    [Fact]
    public async Task Refusing_needs_a_reason_and_the_requester_sees_it()
    {
        var key = await OwnDatasetAsync("tu-choi");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var request = (await Requests.CreateAsync(analyst, key, "Xem thử", GrantRights.Query, Ct)).Value!;

        var withoutReason = await Requests.RefuseAsync(owner, request.Id, "  ", Ct);
        var refused = await Requests.RefuseAsync(owner, request.Id, "Cần văn bản đề nghị của Sở Tài chính", Ct);
        var latest = await Requests.LatestMineAsync(analyst, request.DatasetId, Ct);

        Assert.Equal(ErrorKind.Invalid, withoutReason.Error!.Kind);
        Assert.Contains("lý do", withoutReason.Error.Message);
        Assert.Null(refused.Error);
        Assert.Equal((AccessRequestStatus.Refused, "Cần văn bản đề nghị của Sở Tài chính", owner.DisplayName),
            (latest!.Status, latest.RefusalReason, latest.DecidedByName));
        Assert.Null(latest.GrantId);
    }

    [Fact]
    public async Task A_second_request_while_one_waits_is_refused_and_a_refusal_or_withdrawal_lets_the_user_ask_again()
    {
        var key = await OwnDatasetAsync("hai-de-nghi");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var first = (await Requests.CreateAsync(analyst, key, "Lần một", GrantRights.Query, Ct)).Value!;

        var second = await Requests.CreateAsync(analyst, key, "Lần hai", GrantRights.Query, Ct);
        await Requests.WithdrawAsync(analyst, first.Id, Ct);
        var afterWithdrawal = await Requests.CreateAsync(analyst, key, "Lần ba", GrantRights.Query, Ct);
        await Requests.RefuseAsync(owner, afterWithdrawal.Value!.Id, "Chưa rõ mục đích", Ct);
        var afterRefusal = await Requests.CreateAsync(analyst, key, "Lần bốn, mục đích rõ hơn", GrantRights.Query, Ct);

        Assert.Equal((ErrorKind.Conflict, "access-request.pending"), (second.Error!.Kind, second.Error.Code));
        Assert.Null(afterWithdrawal.Error);
        Assert.Null(afterRefusal.Error);
    }

    [Fact]
    public async Task The_owner_agency_users_who_can_already_query_and_an_empty_purpose_cannot_request()
    {
        var key = await OwnDatasetAsync("khong-duoc-de-nghi");
        var ownAnalyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var systemAdmin = await app.Services.CallerAsync("admin");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        await Grants.CreateAsync(owner, GrantTo(key, null, analyst.AgencyId), Ct);
        var viewer = await app.Services.CallerAsync("lanhdao");

        var byOwnAnalyst = await Requests.CreateAsync(ownAnalyst, key, "Dùng nội bộ", GrantRights.Query, Ct);
        var bySystemAdmin = await Requests.CreateAsync(systemAdmin, key, "Quản trị", GrantRights.Query, Ct);
        var withGrant = await Requests.CreateAsync(analyst, key, "Đã có quyền", GrantRights.Query, Ct);
        var byApiKey = await Requests.CreateAsync(viewer with { UserId = null }, key, "Hệ thống", GrantRights.Query, Ct);
        var withoutPurpose = await Requests.CreateAsync(viewer, key, " ", GrantRights.Query, Ct);
        var downloadOnly = await Requests.CreateAsync(viewer, key, "Tải về", GrantRights.Download, Ct);

        Assert.Equal("access-request.owner", byOwnAnalyst.Error!.Code);
        Assert.Equal("access-request.owner", bySystemAdmin.Error!.Code);
        Assert.Equal("access-request.has-access", withGrant.Error!.Code);
        Assert.Equal("access-request.no-user", byApiKey.Error!.Code);
        Assert.Contains("mục đích", withoutPurpose.Error!.Message);
        Assert.Equal(ErrorKind.Invalid, downloadOnly.Error!.Kind);
        Assert.DoesNotContain(await Requests.ToDecideAsync(owner, Ct), r => r.Dataset!.Key == key);
    }

    [Fact]
    public async Task Only_the_owner_agencys_administrators_and_system_administrators_decide_and_see_the_request()
    {
        var key = await OwnDatasetAsync("ai-duyet");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var ownAnalyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var otherAdmin = await app.Services.CallerAsync("quantri.stc");
        var systemAdmin = await app.Services.CallerAsync("admin");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var request = (await Requests.CreateAsync(analyst, key, "Phân tích", GrantRights.Query, Ct)).Value!;

        var byOwnAnalyst = await Requests.ApproveAsync(ownAnalyst, request.Id, GrantTo(key, analyst.UserId, null), Ct);
        var byOtherAdmin = await Requests.RefuseAsync(otherAdmin, request.Id, "Không", Ct);
        var byRequester = await Requests.RefuseAsync(analyst, request.Id, "Tự từ chối", Ct);

        Assert.Equal(ErrorKind.Forbidden, byOwnAnalyst.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, byOtherAdmin.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, byRequester.Error!.Kind);
        Assert.Contains(request.Id, (await Requests.ToDecideAsync(owner, Ct)).Select(r => r.Id));
        Assert.Contains(request.Id, (await Requests.ToDecideAsync(systemAdmin, Ct)).Select(r => r.Id));
        Assert.DoesNotContain(request.Id, (await Requests.ToDecideAsync(otherAdmin, Ct)).Select(r => r.Id));
        Assert.Empty(await Requests.ToDecideAsync(ownAnalyst, Ct));
        Assert.Null((await Requests.ApproveAsync(systemAdmin, request.Id, GrantTo(key, analyst.UserId, null), Ct)).Error);
    }

    [Fact]
    public async Task Waiting_requests_come_first_in_the_deciders_list_and_are_counted()
    {
        var key = await OwnDatasetAsync("cho-duyet");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var financeAdmin = await app.Services.CallerAsync("quantri.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var countBefore = await Requests.PendingCountAsync(owner, Ct);
        var decided = (await Requests.CreateAsync(analyst, key, "Đã xong", GrantRights.Query, Ct)).Value!;
        await Requests.RefuseAsync(owner, decided.Id, "Trùng", Ct);
        var waiting = (await Requests.CreateAsync(financeAdmin, key, "Đang chờ", GrantRights.Query, Ct)).Value!;

        var list = (await Requests.ToDecideAsync(owner, Ct)).Where(r => r.Dataset!.Key == key).Select(r => r.Id);
        var count = await Requests.PendingCountAsync(owner, Ct);

        Assert.Equal([waiting.Id, decided.Id], list);
        Assert.Equal(countBefore + 1, count);
        Assert.Equal(0, await Requests.PendingCountAsync(analyst, Ct));
    }

    [Fact]
    public async Task Only_the_requester_withdraws_and_only_while_the_request_waits()
    {
        var key = await OwnDatasetAsync("rut");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var colleague = await app.Services.CallerAsync("quantri.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var request = (await Requests.CreateAsync(analyst, key, "Tạm thời", GrantRights.Query, Ct)).Value!;

        var byColleague = await Requests.WithdrawAsync(colleague, request.Id, Ct);
        var withdrawn = await Requests.WithdrawAsync(analyst, request.Id, Ct);
        var approveAfter = await Requests.ApproveAsync(owner, request.Id, GrantTo(key, analyst.UserId, null), Ct);
        var again = await Requests.WithdrawAsync(analyst, request.Id, Ct);

        Assert.Equal(ErrorKind.NotFound, byColleague.Error!.Kind);
        Assert.Equal(AccessRequestStatus.Withdrawn, withdrawn.Value!.Status);
        Assert.Equal(ErrorKind.Conflict, approveAfter.Error!.Kind);
        Assert.Contains("rút", approveAfter.Error.Message);
        Assert.Equal(ErrorKind.Conflict, again.Error!.Kind);
        Assert.Empty((await Grants.ForDatasetAsync(owner, key, Ct)).Value!);
    }

    [Fact]
    public async Task Every_step_is_audited_with_the_request_before_and_after_and_the_approval_audits_its_grant()
    {
        var key = await OwnDatasetAsync("nhat-ky-de-nghi");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var refusedOne = (await Requests.CreateAsync(analyst, key, "Một", GrantRights.Query, Ct)).Value!;
        await Requests.RefuseAsync(owner, refusedOne.Id, "Thiếu căn cứ", Ct);
        var withdrawnOne = (await Requests.CreateAsync(analyst, key, "Hai", GrantRights.Query, Ct)).Value!;
        await Requests.WithdrawAsync(analyst, withdrawnOne.Id, Ct);
        var approvedOne = (await Requests.CreateAsync(analyst, key, "Ba", GrantRights.Query, Ct)).Value!;
        await Requests.ApproveAsync(owner, approvedOne.Id, GrantTo(key, analyst.UserId, null), Ct);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Target == key).OrderBy(e => e.Id).ToListAsync(Ct);

        Assert.Equal(
            [AuditActions.AccessRequestCreated, AuditActions.AccessRequestRefused, AuditActions.AccessRequestCreated,
             AuditActions.AccessRequestWithdrawn, AuditActions.AccessRequestCreated, AuditActions.GrantCreated, AuditActions.AccessRequestApproved],
            entries.Where(e => e.Action.StartsWith("access-request.") || e.Action.StartsWith("grant.")).Select(e => e.Action));
        var refusal = JsonDocument.Parse(entries.Single(e => e.Action == AuditActions.AccessRequestRefused).Details!).RootElement;
        Assert.Equal("Pending", refusal.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("Thiếu căn cứ", refusal.GetProperty("after").GetProperty("refusalReason").GetString());
        var approval = JsonDocument.Parse(entries.Single(e => e.Action == AuditActions.AccessRequestApproved).Details!).RootElement;
        Assert.Equal(JsonValueKind.Null, approval.GetProperty("before").GetProperty("grantId").ValueKind);
        Assert.True(approval.GetProperty("after").GetProperty("grantId").GetInt32() > 0);
        Assert.Equal(owner.UserId, entries.Single(e => e.Action == AuditActions.AccessRequestApproved).UserId);
    }

    [Fact]
    public async Task Deleting_a_dataset_takes_its_requests_and_grants_along()
    {
        var key = await OwnDatasetAsync("xoa-de-nghi");
        var analyst = await app.Services.CallerAsync("chuyenvien.stc");
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var approved = (await Requests.CreateAsync(analyst, key, "Một", GrantRights.Query, Ct)).Value!;
        await Requests.ApproveAsync(owner, approved.Id, GrantTo(key, analyst.UserId, null), Ct);

        var deleted = await app.Services.GetRequiredService<DatasetService>().DeleteAsync(owner, key, Ct);

        Assert.Null(deleted.Error);
        Assert.DoesNotContain(approved.Id, (await Requests.MineAsync(analyst, Ct)).Select(r => r.Id));
    }

    /// <summary>A dataset of Sở Kế hoạch và Đầu tư with four rows.</summary>
    private async Task<string> OwnDatasetAsync(string key)
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        var created = await datasets.CreateAsync(owner, new NewDataset(key, "Thu chi " + key, owner.AgencyId,
            [new NewColumn("Huyện", ColumnType.Text), new NewColumn("Năm", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        await datasets.LoadAsync(owner, key, LoadMode.Append,
            [["Lý Sơn", 2022L], ["Lý Sơn", 2023L], ["Tư Nghĩa", 2022L], ["Tư Nghĩa", 2023L]], Ct);
        return key;
    }

    private NewGrant GrantTo(string key, string? userId, int? agencyId) =>
        new(key, agencyId, userId, GrantRights.Query, null, [], null, "45/QĐ-UBND", Grants.Today.AddDays(-10), "UBND tỉnh Quảng Ngãi");

    private static PipelineRun Run(string key) =>
        new(new Pipeline(SourceReference.ForDataset(key), [], []), new Dictionary<string, JsonElement>());
}
