using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Quality;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Quality;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>
/// A push connector's own key (issue 6 item 1c): issued once, good for pushing to the connector's dataset in its mode
/// while it is active, each push a sync run of the connector; refused for everything else.
/// </summary>
public sealed class PushConnectorKeyTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static readonly LegalDocument Request = new("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính");
    private static readonly LegalDocument Agreement = new("88/SKHĐT-ĐKKD", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PushConnectorKeys Keys => app.Services.GetRequiredService<PushConnectorKeys>();

    [Fact]
    public async Task An_issued_key_pushes_to_its_dataset_and_each_push_is_a_sync_run_with_its_counts_and_quality()
    {
        var key = await NewPushConnectorAsync("day-upsert", SyncMode.IncrementalUpsert);
        Assert.Null((await app.Services.GetRequiredService<QualityChecker>().SetRulesAsync(await app.Services.CallerAsync("quantri.skhdt"), key,
            [new QualityRule(QualityRuleKind.Range, ["Giá trị"], Max: JsonSerializer.SerializeToElement(100))], Ct)).Error);
        var issued = await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct);
        using var client = app.CreateApiClient(issued.Value);

        using var first = await client.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}, {"Mã": "B", "Giá trị": 2}, {"Mã": "C", "Giá trị": 300}]""");
        using var second = await client.PushAsync(key, """[{"Mã": "B", "Giá trị": 20}, {"Mã": "D", "Giá trị": 4}]""", "upsert");

        Assert.StartsWith(ApiKeys.Marker, issued.Value);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await second.ReadJsonAsync();
        Assert.Equal(("upsert", 2L, 4L), (body.GetProperty("mode").GetString(), body.GetProperty("rowsLoaded").GetInt64(), body.GetProperty("rowCount").GetInt64()));
        var runs = await RunsAsync(key);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal((SyncTrigger.Push, SyncRunStatus.Succeeded), (r.Trigger, r.Status)));
        Assert.All(runs, r => Assert.NotNull(r.EndedAt));
        Assert.Equal((3L, 3L, 0L, 0L), (runs[0].RecordsRead, runs[0].RowsInserted, runs[0].RowsUpdated, runs[0].RowsDeleted));
        Assert.Equal((2L, 1L, 1L, 0L), (runs[1].RecordsRead, runs[1].RowsInserted, runs[1].RowsUpdated, runs[1].RowsDeleted));
        Assert.Equal(body.GetProperty("dataVersion").GetInt64(), runs[1].DataVersion);
        Assert.Equal((75, 1L), (runs[1].QualityScore, runs[1].QualityViolations));
        var status = (await Keys.PushKeyAsync(await AdminAsync(), key, Ct)).Value!;
        Assert.Equal((key, LoadMode.Upsert, ApiKeys.PrefixOf(issued.Value!)), (status.DatasetKey, status.Mode, status.Key!.Prefix));
        Assert.NotNull(status.Key.LastUsedAt);
    }

    [Fact]
    public async Task The_key_is_refused_for_another_dataset_and_for_every_read()
    {
        var key = await NewPushConnectorAsync("chi-day", SyncMode.IncrementalAppend);
        using var client = app.CreateApiClient((await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct)).Value);

        using var other = await client.PushAsync("dan-so-theo-huyen", """[{"Huyện": "Lý Sơn"}]""");
        using var list = await client.GetAsync("/api/v1/datasets", Ct);
        using var rows = await client.GetAsync($"/api/v1/datasets/{key}/rows", Ct);
        using var query = await client.PostAsync("/api/v1/query", new StringContent($$"""{"source": {"dataset": "{{key}}"}, "steps": []}""",
            System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var refused = await other.ReadProblemAsync();
        Assert.Equal("push-key.other-dataset", refused.Code);
        Assert.Contains($"chỉ đẩy dữ liệu vào bộ dữ liệu «{key}», không vào «dan-so-theo-huyen»", refused.Detail);
        foreach (var read in new[] { list, rows, query })
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            var problem = await read.ReadProblemAsync();
            Assert.Equal("push-key.push-only", problem.Code);
            Assert.Contains("chỉ dùng để đẩy dòng", problem.Detail);
        }
        Assert.Empty(await RunsAsync(key));
    }

    [Fact]
    public async Task A_paused_connector_refuses_its_key_without_revoking_it_and_takes_it_again_once_active()
    {
        var key = await NewPushConnectorAsync("tam-dung", SyncMode.IncrementalAppend);
        using var client = app.CreateApiClient((await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct)).Value);
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        await connectors.SetActiveAsync(await AdminAsync(), key, false, Ct);

        using var paused = await client.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""");
        await connectors.SetActiveAsync(await AdminAsync(), key, true, Ct);
        using var resumed = await client.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""");

        Assert.Equal(HttpStatusCode.Forbidden, paused.StatusCode);
        var problem = await paused.ReadProblemAsync();
        Assert.Equal("push-key.connector-paused", problem.Code);
        Assert.Contains("đang tạm dừng", problem.Detail);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Single(await RunsAsync(key));
    }

    [Fact]
    public async Task A_mode_other_than_the_connectors_is_400_naming_both()
    {
        var key = await NewPushConnectorAsync("sai-che-do", SyncMode.IncrementalAppend);
        using var client = app.CreateApiClient((await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct)).Value);

        using var response = await client.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""", "replace");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("push-key.other-mode", problem.Code);
        Assert.Contains("«append»", problem.Detail);
        Assert.Contains("«replace»", problem.Detail);
        Assert.Empty(await RunsAsync(key));
    }

    [Fact]
    public async Task A_new_key_revokes_the_old_and_deleting_the_connector_revokes_the_last()
    {
        var key = await NewPushConnectorAsync("xoay-khoa", SyncMode.IncrementalAppend);
        var old = (await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct)).Value!;
        var current = (await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct)).Value!;
        using var oldClient = app.CreateApiClient(old);
        using var currentClient = app.CreateApiClient(current);

        using var refused = await oldClient.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""");
        using var accepted = await currentClient.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""");
        await app.Services.GetRequiredService<ConnectorService>().DeleteAsync(await AdminAsync(), key, Ct);
        using var afterDelete = await currentClient.PushAsync(key, """[{"Mã": "B", "Giá trị": 2}]""");

        Assert.NotEqual(old, current);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (refused.StatusCode, accepted.StatusCode, afterDelete.StatusCode));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var hashes = new[] { ApiKeys.Hash(old), ApiKeys.Hash(current) };
        Assert.All(await db.ApiKeys.AsNoTracking().Where(k => hashes.Contains(k.KeyHash)).ToListAsync(Ct), k => Assert.NotNull(k.RevokedAt));
    }

    [Fact]
    public async Task A_push_while_a_sync_of_the_connector_is_running_is_409()
    {
        var key = await NewPushConnectorAsync("dang-chay", SyncMode.IncrementalAppend);
        using var client = app.CreateApiClient((await Keys.IssuePushKeyAsync(await AdminAsync(), key, Ct)).Value);
        var running = await AddRunningRowAsync(key);
        using var cancel = new CancellationTokenSource();
        var local = app.Services.GetRequiredService<LocalSyncRuns>();
        local.Started(running, key, cancel);

        using var response = await client.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""");
        local.Ended(running);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("connector.already-running", problem.Code);
        Assert.Contains("đang đồng bộ", problem.Detail);
        Assert.Single(await RunsAsync(key));
    }

    [Fact]
    public async Task Only_the_system_administrator_issues_keys_and_only_for_push_connectors()
    {
        var key = await NewPushConnectorAsync("ai-cap", SyncMode.IncrementalAppend);

        var byAgencyAdmin = await Keys.IssuePushKeyAsync(await app.Services.CallerAsync("quantri.skhdt"), key, Ct);
        var readByAgencyAdmin = await Keys.PushKeyAsync(await app.Services.CallerAsync("quantri.skhdt"), key, Ct);
        var none = await Keys.PushKeyAsync(await AdminAsync(), key, Ct);

        Assert.Equal("connector.no-right", byAgencyAdmin.Error!.Code);
        Assert.Equal("connector.no-right", readByAgencyAdmin.Error!.Code);
        Assert.Null(none.Value!.Key);
    }

    [Fact]
    public async Task An_ordinary_key_of_the_agency_still_pushes_in_any_mode_without_a_run()
    {
        var key = await NewPushConnectorAsync("khoa-thuong", SyncMode.IncrementalAppend);
        var ordinary = await app.CreateAgencyKeyAsync(AgencySeed.PlanningAndInvestment, Roles.Analyst);
        using var client = app.CreateApiClient(ordinary.Key);

        using var replaced = await client.PushAsync(key, """[{"Mã": "A", "Giá trị": 1}]""", "replace");
        using var read = await client.GetAsync($"/api/v1/datasets/{key}/rows", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (replaced.StatusCode, read.StatusCode));
        Assert.Empty(await RunsAsync(key));
    }

    private Task<Caller> AdminAsync() => app.Services.CallerAsync("admin");

    /// <summary>An active push connector of Sở KHĐT feeding a new dataset of its own (key column Mã); returns its key, the dataset's too.</summary>
    private async Task<string> NewPushConnectorAsync(string name, SyncMode mode)
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var key = "push-" + name;
        Assert.Null((await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Đẩy lên " + name, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text, IsKey: true), new NewColumn("Giá trị", ColumnType.Integer)]), Ct)).Error);
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var created = await connectors.CreateAsync(await AdminAsync(), new ConnectorDraft(key, "Kết nối " + name, null, ConnectorKind.Push, owner.AgencyId, key,
            mode, SyncSchedule.DailyAt(2, 0), "{}", Request, Agreement), null, Ct);
        Assert.Null(created.Error);
        Assert.Null((await connectors.SetActiveAsync(await AdminAsync(), key, true, Ct)).Error);
        return key;
    }

    /// <summary>The connector's runs, oldest first.</summary>
    private async Task<List<SyncRun>> RunsAsync(string connectorKey)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var id = await db.Connectors.Where(c => c.Key == connectorKey).Select(c => c.Id).SingleAsync(Ct);
        return await db.SyncRuns.AsNoTracking().Where(r => r.ConnectorId == id).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    private async Task<long> AddRunningRowAsync(string connectorKey)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var id = await db.Connectors.Where(c => c.Key == connectorKey).Select(c => c.Id).SingleAsync(Ct);
        var run = new SyncRun { ConnectorId = id, Trigger = SyncTrigger.Push, Status = SyncRunStatus.Running, StartedAt = DateTimeOffset.UtcNow };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }
}
