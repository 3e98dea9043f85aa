using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Database;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors.Jobs;

/// <summary>
/// The demo app with its Hangfire storage (a real SQLite file) and no server of its own: each test starts and stops
/// real <see cref="BackgroundJobServer"/>s, so it can stop one half-way through a sync. Sources are real (a SQLite file)
/// or scripted per connector through <see cref="ScriptedSourceReaders"/>.
/// </summary>
public sealed class JobsAppFactory() : WorkbenchAppFactory(demo: true, kestrel: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ScriptedSourceReaders>();
            services.AddSingleton<ISourceReaders>(sp => sp.GetRequiredService<ScriptedSourceReaders>());
        });
    }
}

/// <summary>The real readers, except for connectors a test gives a script of its own.</summary>
public sealed class ScriptedSourceReaders(RestSource rest, DatabaseSource database) : ISourceReaders
{
    private readonly SourceReaders _real = new(rest, database);
    private readonly ConcurrentDictionary<string, SourceReader> _scripts = new();

    public void Script(string connectorKey, Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> read) =>
        _scripts[connectorKey] = new SourceReader(["Mã", "Giá trị"], read);

    public Result<SourceReader> For(Connector connector, string? secretsJson) =>
        _scripts.TryGetValue(connector.Key, out var scripted) && connector.Kind != ConnectorKind.Push ? scripted : _real.For(connector, secretsJson);
}

/// <summary>Connector syncs as Hangfire jobs on real storage, against the real warehouse: runs, refusals, cancels, stops.</summary>
public sealed class ConnectorJobsTests(JobsAppFactory app) : IClassFixture<JobsAppFactory>
{
    private static readonly LegalDocument Request = new("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính");
    private static readonly LegalDocument Agreement = new("88/SKHĐT-ĐKKD", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConnectorScheduler Scheduler => app.Services.GetRequiredService<ConnectorScheduler>();

    private ConnectorJobs Jobs => app.Services.GetRequiredService<ConnectorJobs>();

    private ScriptedSourceReaders Scripts => app.Services.GetRequiredService<ScriptedSourceReaders>();

    private JobStorage Storage => app.Services.GetRequiredService<JobStorage>();

    [Fact]
    public async Task A_manual_run_goes_from_Running_to_Succeeded_with_its_counts_and_its_rows_in_the_dataset()
    {
        using var folder = new TempDirectory();
        var source = await SqliteSourceAsync(folder, rows: 250);
        var connector = await CreateAsync("chay-ngay", SyncMode.FullRefresh, source);
        var heard = new ConcurrentQueue<SyncRunProgress>();
        using var subscription = app.Services.GetRequiredService<SyncProgressHub>().Subscribe(connector.Key, heard.Enqueue);
        using var server = StartServer();

        var jobId = (await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct)).Value!;
        var run = await WaitForRunAsync(connector, r => r.Status != SyncRunStatus.Running);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal((SyncTrigger.Manual, jobId, 1), (run.Trigger, run.JobId, run.Attempts));
        Assert.Equal((250L, 250L, 0L, 3), (run.RecordsRead, run.RowsInserted, run.RowsDeleted, run.Batches));
        Assert.NotNull(run.DataVersion);
        Assert.NotNull(run.EndedAt);
        Assert.Equal(250, await RowCountAsync(connector));
        Assert.Equal(SyncRunStatus.Running, heard.First().Status);
        Assert.Contains(heard, p => p.Status == SyncRunStatus.Running && p.Batches == 2);
        Assert.Equal((SyncRunStatus.Succeeded, 250L), (heard.Last().Status, heard.Last().RecordsRead));
    }

    [Fact]
    public async Task A_second_run_while_one_is_running_is_refused_and_leaves_one_Running_row()
    {
        var connector = await CreateAsync("mot-luc", SyncMode.FullRefresh);
        var blocked = BlockAfterFirstBatch(connector);
        using var server = StartServer();
        await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
        await blocked.Task.WaitAsync(Ct);

        var direct = await Jobs.SyncAsync(connector.Key, SyncTrigger.Manual, null, jobId: null, Ct);
        var viaPage = await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);

        Assert.Equal("connector.already-running", direct.Error!.Code);
        Assert.Equal("connector.already-running", viaPage.Error!.Code);
        Assert.Single(await RunsAsync(connector), r => r.Status == SyncRunStatus.Running);
        Assert.True((await Scheduler.CancelAsync(await AdminAsync(), connector.Key, Ct)).Value);
        await WaitForRunAsync(connector, r => r.Status != SyncRunStatus.Running);
    }

    [Fact]
    public async Task Cancel_from_the_scheduler_ends_the_run_Cancelled_and_a_full_refresh_keeps_the_old_rows()
    {
        var connector = await CreateAsync("huy", SyncMode.FullRefresh);
        using var server = StartServer();
        Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(1, 30)));
        await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
        Assert.Equal(SyncRunStatus.Succeeded, (await WaitForRunAsync(connector, r => r.Status != SyncRunStatus.Running)).Status);
        var blocked = BlockAfterFirstBatch(connector);
        await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
        await blocked.Task.WaitAsync(Ct);

        var cancelled = await Scheduler.CancelAsync(await AdminAsync(), connector.Key, Ct);
        var run = await WaitForRunAsync(connector, r => r.Status != SyncRunStatus.Running, last: 2);

        Assert.True(cancelled.Value);
        Assert.Equal(SyncRunStatus.Cancelled, run.Status);
        Assert.Equal(30, await RowCountAsync(connector));
        Assert.Equal("connector.not-running", (await Scheduler.CancelAsync(await AdminAsync(), connector.Key, Ct)).Error!.Code);
    }

    [Fact]
    public async Task A_sync_killed_half_way_by_stopping_the_job_server_leaves_no_partial_data_and_the_next_run_completes()
    {
        var connector = await CreateAsync("dung-giua-chung", SyncMode.FullRefresh);
        using (var first = StartServer())
        {
            Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(1, 30)));
            await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
            await WaitForRunAsync(connector, r => r.Status == SyncRunStatus.Succeeded);
        }
        var server = StartServer();
        var blocked = BlockAfterFirstBatch(connector);
        await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
        await blocked.Task.WaitAsync(Ct);

        server.Dispose();

        var stopped = await WaitForRunAsync(connector, r => r.Status != SyncRunStatus.Running, last: 2);
        Assert.Contains(stopped.Status, new[] { SyncRunStatus.Cancelled, SyncRunStatus.Failed });
        Assert.Equal(30, await RowCountAsync(connector));
        using var again = StartServer();
        Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(100, 20), Batch(120, 25)));
        await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
        var next = await WaitForRunAsync(connector, r => r.Status != SyncRunStatus.Running, last: 3);
        Assert.Equal((SyncRunStatus.Succeeded, 45L, 30L), (next.Status, next.RowsInserted, next.RowsDeleted));
        Assert.Equal(45, await RowCountAsync(connector));
    }

    [Fact]
    public async Task A_Running_row_left_by_a_killed_process_is_marked_interrupted_and_does_not_block_the_next_run()
    {
        var connector = await CreateAsync("bi-ngat", SyncMode.FullRefresh);
        Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(1, 10)));
        // One left by a job Hangfire no longer processes, one by a process that ran it without Hangfire.
        var stale = await AddRunningRowAsync(connector, jobId: "987654");

        var run = await Jobs.SyncAsync(connector.Key, SyncTrigger.Manual, null, jobId: null, Ct);
        var orphan = await AddRunningRowAsync(connector, jobId: null);
        var swept = await Jobs.FailInterruptedRunsAsync(Ct);

        Assert.Equal(SyncRunStatus.Succeeded, run.Value!.Status);
        var runs = await RunsAsync(connector);
        Assert.Equal((SyncRunStatus.Failed, "sync.interrupted"), (runs.Single(r => r.Id == stale).Status, runs.Single(r => r.Id == stale).ErrorCode));
        Assert.Equal(1, swept);
        Assert.Equal(SyncRunStatus.Failed, runs.Single(r => r.Id == orphan).Status);
    }

    [Fact]
    public async Task A_push_connector_refuses_a_pull_run_with_a_clear_message()
    {
        var connector = await CreateAsync("day-len", SyncMode.IncrementalAppend, kind: ConnectorKind.Push);

        var viaPage = await Scheduler.RunNowAsync(await AdminAsync(), connector.Key, Ct);
        var direct = await Jobs.SyncAsync(connector.Key, SyncTrigger.Schedule, null, null, Ct);

        Assert.Equal("connector.not-pulled", viaPage.Error!.Code);
        Assert.Contains("đẩy lên qua API", viaPage.Error.Message);
        Assert.Equal("connector.not-pulled", direct.Error!.Code);
        Assert.Empty(await RunsAsync(connector));
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == ConnectorScheduler.RecurringJobId(connector.Key));
    }

    [Fact]
    public async Task An_active_connector_is_scheduled_on_its_cron_in_province_time_and_pausing_or_deleting_removes_it()
    {
        var connector = await CreateAsync("lich", SyncMode.FullRefresh);
        var id = ConnectorScheduler.RecurringJobId(connector.Key);

        var scheduled = RecurringJobs().Single(j => j.Id == id);
        await app.Services.GetRequiredService<ConnectorService>().SetActiveAsync(await AdminAsync(), connector.Key, false, Ct);
        var paused = RecurringJobs().Any(j => j.Id == id);
        await app.Services.GetRequiredService<ConnectorService>().SetActiveAsync(await AdminAsync(), connector.Key, true, Ct);
        var resumed = RecurringJobs().Any(j => j.Id == id);
        await app.Services.GetRequiredService<ConnectorService>().DeleteAsync(await AdminAsync(), connector.Key, Ct);

        Assert.Equal(("0 2 * * *", "Asia/Ho_Chi_Minh"), (scheduled.Cron, scheduled.TimeZoneId));
        Assert.Equal(nameof(ConnectorJobs.RunAsync), scheduled.Job.Method.Name);
        Assert.Equal((false, true), (paused, resumed));
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == id);
    }

    [Fact]
    public async Task A_recurring_job_fires_on_its_schedule()
    {
        var connector = await CreateAsync("moi-giay", SyncMode.FullRefresh);
        Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(1, 12)));
        // Every second (Hangfire reads six fields as seconds first): the editor offers no such schedule, so it is set in the store.
        connector.Schedule = "* * * * * *";
        Scheduler.Schedule(connector);
        using var server = StartServer();

        var run = await WaitForRunAsync(connector, r => r.Status == SyncRunStatus.Succeeded);
        Scheduler.Unschedule(connector.Key);

        Assert.Equal(SyncTrigger.Schedule, run.Trigger);
        Assert.Equal(12, await RowCountAsync(connector));
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_the_system_administrator_only()
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var analyst = await SignedInAsync("chuyenvien.stc");
        using var admin = await SignedInAsync("admin");

        var nobody = await anonymous.GetAsync("/admin/jobs", Ct);
        var other = await analyst.GetAsync("/admin/jobs", Ct);
        var allowed = await admin.GetAsync("/admin/jobs", Ct);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (nobody.StatusCode, other.StatusCode));
        Assert.StartsWith("/account/login", Target(nobody));
        Assert.StartsWith("/account/denied", Target(other));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Workbench — Jobs", await allowed.Content.ReadAsStringAsync(Ct));
    }

    private static string Target(HttpResponseMessage response) => new Uri(new Uri("http://localhost/"), response.Headers.Location!).PathAndQuery;

    private BackgroundJobServer StartServer() =>
        new(JobsServiceCollectionExtensions.ServerOptions(app.Services), Storage);

    private List<RecurringJobDto> RecurringJobs()
    {
        using var connection = Storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    /// <summary>The connector's read yields one batch, says so, then waits until the run is cancelled.</summary>
    private TaskCompletionSource BlockAfterFirstBatch(Connector connector)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<SourceBatch> Read(string? since, [EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Yield();
            yield return Batch(500, 40);
            reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            yield return Batch(540, 40);
        }
        Scripts.Script(connector.Key, Read);
        return reached;
    }

    private static async IAsyncEnumerable<SourceBatch> Batches(
        [EnumeratorCancellation] CancellationToken ct, params SourceBatch[] batches)
    {
        foreach (var batch in batches)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return batch;
        }
    }

    private static SourceBatch Batch(int first, int count) =>
        new([.. Enumerable.Range(first, count).Select(i => new object?[] { $"M{i:D4}", (long)i })], [], [], null, count);

    private async Task<SyncRun> WaitForRunAsync(Connector connector, Func<SyncRun, bool> done, int last = 1)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var runs = await RunsAsync(connector, timeout.Token);
            if (runs.Count >= last && done(runs[last - 1]))
            {
                return runs[last - 1];
            }
            // Note: a background job has no event to await across processes; the row is polled within a bounded wait.
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>The connector's runs, oldest first.</summary>
    private async Task<List<SyncRun>> RunsAsync(Connector connector, CancellationToken? cancellationToken = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(cancellationToken ?? Ct);
        return await db.SyncRuns.AsNoTracking().Where(r => r.ConnectorId == connector.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken ?? Ct);
    }

    private async Task<long> AddRunningRowAsync(Connector connector, string? jobId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var run = new SyncRun { ConnectorId = connector.Id, JobId = jobId, Status = SyncRunStatus.Running, StartedAt = DateTimeOffset.UtcNow.AddHours(-1) };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    private async Task<long> RowCountAsync(Connector connector)
    {
        var datasets = app.Services.GetRequiredService<DatasetService>();
        return await app.Services.GetRequiredService<IWarehouse>().CountRowsAsync((await datasets.FindAsync(connector.Key, Ct))!.TableName, Ct);
    }

    private Task<Caller> AdminAsync() => app.Services.CallerAsync("admin");

    /// <summary>An active connector of Sở KHĐT feeding a new dataset of its own; a SQLite source when given, else scripted by the test.</summary>
    private async Task<Connector> CreateAsync(string name, SyncMode mode, SqliteSource? source = null, ConnectorKind kind = ConnectorKind.Database)
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var key = "job-" + name;
        var created = await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Đồng bộ " + name, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text, IsKey: true), new NewColumn("Giá trị", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        var settings = kind == ConnectorKind.Push ? "{}" : JsonSerializer.Serialize(source?.Settings ?? SourceSettings(), JsonSerializerOptions.Web);
        var secrets = kind == ConnectorKind.Push ? null : JsonSerializer.Serialize(source?.Secrets ?? new DatabaseSecrets("Data Source=/nowhere.db"), JsonSerializerOptions.Web);
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var connector = await connectors.CreateAsync(await AdminAsync(), new ConnectorDraft(key, "Kết nối " + name, null, kind, owner.AgencyId, key, mode,
            SyncSchedule.DailyAt(2, 0), settings, Request, Agreement), secrets, Ct);
        Assert.Null(connector.Error);
        return (await connectors.SetActiveAsync(await AdminAsync(), key, true, Ct)).Value!;
    }

    private static DatabaseSourceSettings SourceSettings() => new()
    {
        Engine = DatabaseEngine.Sqlite,
        Table = "dang_ky",
        Mappings = [new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Giá trị", ColumnType.Integer, "gia_tri")],
        BatchSize = 100,
    };

    private sealed record SqliteSource(DatabaseSourceSettings Settings, DatabaseSecrets Secrets);

    private static async Task<SqliteSource> SqliteSourceAsync(TempDirectory folder, int rows)
    {
        var path = folder.File("nguon.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var transaction = connection.BeginTransaction();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE dang_ky (ma TEXT NOT NULL, gia_tri INTEGER)";
            await create.ExecuteNonQueryAsync(Ct);
        }
        for (var i = 1; i <= rows; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO dang_ky VALUES ($ma, $giaTri)";
            insert.Parameters.AddWithValue("$ma", $"M{i:D4}");
            insert.Parameters.AddWithValue("$giaTri", i * 10);
            await insert.ExecuteNonQueryAsync(Ct);
        }
        await transaction.CommitAsync(Ct);
        return new SqliteSource(SourceSettings(), new DatabaseSecrets($"Data Source={path}"));
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("account/login", Ct);
        var input = System.Text.RegularExpressions.Regex.Match(page, """<input[^>]*name="__RequestVerificationToken"[^>]*>""").Value;
        var token = System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]*)\"").Groups[1].Value;
        var signIn = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = "Workbench@2026",
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
