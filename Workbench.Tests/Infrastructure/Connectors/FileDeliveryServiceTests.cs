using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Imports;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors;

/// <summary>The demo app on a clock the test sets (16/11/2026 10:00 in the province).</summary>
public sealed class DeliveryAppFactory() : WorkbenchAppFactory(demo: true, kestrel: false)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(7));

    public FixedClock Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// Files delivered by the providing agency for a file-delivery connector: loaded all or nothing as one run, refused
/// when paused, from another agency or while another delivery runs, and reminded when due.
/// </summary>
public sealed class FileDeliveryServiceTests(DeliveryAppFactory app) : IClassFixture<DeliveryAppFactory>
{
    private static readonly LegalDocument Request = new("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính");
    private static readonly LegalDocument Agreement = new("88/SKHĐT-ĐKKD", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư");

    /// <summary>Day 5 of every month at 08:00.</summary>
    private static readonly SyncSchedule Monthly = new(ScheduleFrequency.Monthly, new TimeOnly(8, 0), DayOfMonth: 5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FileDeliveryService Deliveries => app.Services.GetRequiredService<FileDeliveryService>();

    [Fact]
    public async Task A_good_file_loads_as_a_succeeded_delivery_run_with_its_counts_and_its_rows_in_the_dataset()
    {
        var connector = await CreateAsync("tot", SyncMode.FullRefresh);
        var loader = await app.Services.CallerAsync("chuyenvien.skhdt");

        var first = await DeliverAsync(loader, connector, "Mã,Giá trị\nA1,10\nA2,20\nA3,30\n");
        var second = await DeliverAsync(loader, connector, "Mã,Giá trị\nB1,5\nB2,6\n");

        var run = first.Value!.Run;
        Assert.Null(first.Value.Error);
        Assert.Equal((SyncRunStatus.Succeeded, SyncTrigger.Delivery, loader.UserId), (run.Status, run.Trigger, run.StartedByUserId));
        Assert.Equal((3L, 3L, 0L), (run.RecordsRead, run.RowsInserted, run.RowsDeleted));
        Assert.NotNull(run.DataVersion);
        Assert.Equal((2L, 2L, 3L), (second.Value!.Run.RowsInserted, second.Value.Run.RecordsRead, second.Value.Run.RowsDeleted));
        Assert.True(second.Value.Run.DataVersion > run.DataVersion);
        Assert.Equal(["B1", "B2"], await ValuesAsync(connector));
        var stored = await RunsAsync(connector);
        Assert.All(stored, r => Assert.Equal(SyncRunStatus.Succeeded, r.Status));
        Assert.Equal(2, await AuditCountAsync(connector));
    }

    [Fact]
    public async Task An_upsert_delivery_counts_new_rows_as_inserted_and_the_rest_as_updated()
    {
        var connector = await CreateAsync("cap-nhat", SyncMode.IncrementalUpsert);
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        await DeliverAsync(admin, connector, "Mã,Giá trị\nA1,10\nA2,20\n");

        var upserted = await DeliverAsync(admin, connector, "Mã,Giá trị\nA2,21\nA3,30\n");

        Assert.Equal((2L, 1L, 1L), (upserted.Value!.Run.RecordsRead, upserted.Value.Run.RowsInserted, upserted.Value.Run.RowsUpdated));
        Assert.Equal(["A1", "A2", "A3"], await ValuesAsync(connector));
    }

    [Fact]
    public async Task A_bad_file_records_a_failed_run_with_every_problem_and_leaves_the_dataset_unchanged()
    {
        var connector = await CreateAsync("loi", SyncMode.FullRefresh);
        var loader = await app.Services.CallerAsync("chuyenvien.skhdt");
        var good = await DeliverAsync(loader, connector, "Mã,Giá trị\nA1,10\nA2,20\n");
        var version = (await app.Services.GetRequiredService<DatasetService>().FindAsync(connector.Key, Ct))!.DataVersion;

        var badValue = await DeliverAsync(loader, connector, "Mã,Giá trị\nC1,1\nC2,mười\nC3,3\n");
        var missingColumn = await DeliverAsync(loader, connector, "Mã,Số tiền\nD1,1\n");

        var failed = badValue.Value!.Run;
        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Contains("mười", failed.ErrorMessage);
        Assert.Contains(badValue.Value.Error!.Details!, d => d.Contains("mười"));
        Assert.Null(failed.DataVersion);
        Assert.Equal(SyncRunStatus.Failed, missingColumn.Value!.Run.Status);
        Assert.Contains("Giá trị", missingColumn.Value.Run.ErrorMessage);
        Assert.Equal(["A1", "A2"], await ValuesAsync(connector));
        Assert.Equal(version, (await app.Services.GetRequiredService<DatasetService>().FindAsync(connector.Key, Ct))!.DataVersion);
        Assert.Equal([SyncRunStatus.Succeeded, SyncRunStatus.Failed, SyncRunStatus.Failed], (await RunsAsync(connector)).Select(r => r.Status));
        Assert.Equal(3, await AuditCountAsync(connector));
        Assert.Equal(good.Value!.Run.DataVersion, version);
    }

    [Fact]
    public async Task A_format_the_connector_does_not_accept_is_a_failed_run_that_names_the_formats()
    {
        var connector = await CreateAsync("chi-xlsx", SyncMode.FullRefresh, settings: """{"formats":["xlsx"]}""");

        var delivered = await DeliverAsync(await app.Services.CallerAsync("quantri.skhdt"), connector, "Mã,Giá trị\nA1,10\n");

        Assert.Equal((SyncRunStatus.Failed, "delivery.format"), (delivered.Value!.Run.Status, delivered.Value.Run.ErrorCode));
        Assert.Contains("XLSX", delivered.Value.Error!.Message);
        Assert.Empty(await ValuesAsync(connector));
    }

    [Fact]
    public async Task A_paused_connector_refuses_a_delivery_and_records_no_run()
    {
        var connector = await CreateAsync("tam-dung", SyncMode.FullRefresh);
        await app.Services.GetRequiredService<ConnectorService>().SetActiveAsync(await AdminAsync(), connector.Key, false, Ct);

        var refused = await DeliverAsync(await app.Services.CallerAsync("quantri.skhdt"), connector, "Mã,Giá trị\nA1,10\n");

        Assert.Equal("delivery.paused", refused.Error!.Code);
        Assert.Contains("tạm dừng", refused.Error.Message);
        Assert.Empty(await RunsAsync(connector));
    }

    [Theory]
    [InlineData("chuyenvien.stc")]
    [InlineData("quantri.stc")]
    [InlineData("lanhdao")]
    public async Task Someone_who_does_not_load_the_providing_agency_s_data_is_refused(string userName)
    {
        var connector = await CreateAsync("khac-" + userName.Replace('.', '-'), SyncMode.FullRefresh);

        var refused = await DeliverAsync(await app.Services.CallerAsync(userName), connector, "Mã,Giá trị\nA1,10\n");

        Assert.Equal("delivery.no-right", refused.Error!.Code);
        Assert.Empty(await RunsAsync(connector));
        Assert.Empty(await ValuesAsync(connector));
    }

    [Fact]
    public async Task A_delivery_while_another_runs_is_refused_with_a_clear_message()
    {
        var connector = await CreateAsync("dong-thoi", SyncMode.FullRefresh);
        long running;
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            var run = new SyncRun { ConnectorId = connector.Id, Trigger = SyncTrigger.Delivery, Status = SyncRunStatus.Running, StartedAt = app.Clock.GetUtcNow() };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            running = run.Id;
        }
        using var cancel = new CancellationTokenSource();
        var local = app.Services.GetRequiredService<LocalSyncRuns>();
        local.Started(running, connector.Key, cancel);

        var refused = await DeliverAsync(await app.Services.CallerAsync("quantri.skhdt"), connector, "Mã,Giá trị\nA1,10\n");
        local.Ended(running);

        Assert.Equal("connector.already-running", refused.Error!.Code);
        Assert.Contains("đang được nộp", refused.Error.Message);
        Assert.Single(await RunsAsync(connector));
    }

    [Fact]
    public async Task Reminders_come_due_soon_to_the_agency_then_overdue_to_the_system_admin_too_and_a_delivery_clears_them()
    {
        app.Clock.Now = DeliveryAppFactory.Start;
        var connector = await CreateAsync("nhac", SyncMode.FullRefresh);
        var agencyAdmin = await app.Services.CallerAsync("quantri.skhdt");
        var loader = await app.Services.CallerAsync("chuyenvien.skhdt");
        var admin = await AdminAsync();
        var other = await app.Services.CallerAsync("quantri.stc");

        try
        {
            var upcoming = await RemindedAsync(agencyAdmin, connector);
            app.Clock.Now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(7));
            var soon = await RemindedAsync(loader, connector);
            var soonForAdmin = await RemindedAsync(admin, connector);
            app.Clock.Now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7));
            var overdue = await RemindedAsync(agencyAdmin, connector);
            var overdueForAdmin = await RemindedAsync(admin, connector);
            var overdueForOther = await RemindedAsync(other, connector);
            await DeliverAsync(loader, connector, "Mã,Giá trị\nA1,10\n");
            var afterDelivery = await RemindedAsync(agencyAdmin, connector);

            Assert.Null(upcoming);
            Assert.Equal((FileDeliveryState.DueSoon, 2, new DateOnly(2026, 12, 5)), (soon!.Delivery!.State, soon.Delivery.Days, soon.Delivery.DueDate));
            Assert.Null(soonForAdmin);
            Assert.Equal((FileDeliveryState.Overdue, 2), (overdue!.Delivery!.State, overdue.Delivery.Days));
            Assert.NotNull(overdueForAdmin);
            Assert.Null(overdueForOther);
            Assert.Null(afterDelivery);
            var listed = (await Deliveries.ListAsync(agencyAdmin, null, Ct)).Value!.Single(c => c.Connector.Key == connector.Key);
            Assert.Equal((FileDeliveryState.Delivered, new DateOnly(2027, 1, 5)), (listed.Delivery!.State, listed.Delivery.DueDate));
        }
        finally
        {
            app.Clock.Now = DeliveryAppFactory.Start;
        }
    }

    [Fact]
    public async Task The_agency_list_shows_only_what_the_agency_provides_and_viewers_are_refused()
    {
        var connector = await CreateAsync("danh-sach", SyncMode.FullRefresh);
        var planning = connector.ProvidingAgencyId;

        var own = await Deliveries.ListAsync(await app.Services.CallerAsync("chuyenvien.skhdt"), null, Ct);
        var other = await Deliveries.ListAsync(await app.Services.CallerAsync("quantri.stc"), null, Ct);
        var othersAgency = await Deliveries.ListAsync(await app.Services.CallerAsync("quantri.stc"), planning, Ct);
        var filtered = await Deliveries.ListAsync(await AdminAsync(), planning, Ct);
        var viewer = await Deliveries.ListAsync(await app.Services.CallerAsync("lanhdao"), null, Ct);

        Assert.Contains(own.Value!, c => c.Connector.Key == connector.Key);
        Assert.All(own.Value!, c => Assert.Equal(planning, c.Connector.ProvidingAgencyId));
        Assert.DoesNotContain(other.Value!, c => c.Connector.Key == connector.Key);
        Assert.Equal("delivery.no-right", othersAgency.Error!.Code);
        Assert.Contains(filtered.Value!, c => c.Connector.Key == connector.Key);
        Assert.Equal("delivery.no-right", viewer.Error!.Code);
    }

    [Fact]
    public async Task A_file_delivery_connector_with_settings_out_of_range_is_not_saved()
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset("fd-cai-dat", "Cài đặt", owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text)]), Ct);

        var refused = await app.Services.GetRequiredService<ConnectorService>().CreateAsync(await AdminAsync(), new ConnectorDraft(
            "fd-cai-dat", "Cài đặt", null, ConnectorKind.FileDelivery, owner.AgencyId, "fd-cai-dat", SyncMode.FullRefresh, Monthly,
            """{"reminderDays": 90, "formats": ["pdf"]}""", Request, Agreement), null, Ct);

        Assert.Equal("connector.invalid", refused.Error!.Code);
        Assert.Contains(refused.Error.Details!, d => d.Contains("nhắc trước hạn"));
        Assert.Contains(refused.Error.Details!, d => d.Contains("csv và/hoặc xlsx"));
    }

    private IDbContextFactory<WorkbenchDbContext> Contexts => app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();

    private Task<Caller> AdminAsync() => app.Services.CallerAsync("admin");

    private async Task<ProvidedConnector?> RemindedAsync(Caller caller, Connector connector) =>
        (await Deliveries.RemindersAsync(caller, Ct)).SingleOrDefault(c => c.Connector.Key == connector.Key);

    /// <summary>An active file-delivery connector of Sở KHĐT, day 5 monthly, feeding a new dataset (Mã key, Giá trị) of its own.</summary>
    private async Task<Connector> CreateAsync(string name, SyncMode mode, string settings = "{}")
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var key = "fd-" + name;
        var created = await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Nộp tệp " + name, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text, IsKey: true), new NewColumn("Giá trị", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var connector = await connectors.CreateAsync(await AdminAsync(), new ConnectorDraft(key, "Kết nối " + name, null, ConnectorKind.FileDelivery,
            owner.AgencyId, key, mode, Monthly, settings, Request, Agreement), null, Ct);
        Assert.Null(connector.Error);
        return (await connectors.SetActiveAsync(await AdminAsync(), key, true, Ct)).Value!;
    }

    private async Task<Workbench.Core.Common.Result<FileDeliveryOutcome>> DeliverAsync(Caller caller, Connector connector, string csv)
    {
        var saved = await app.Services.GetRequiredService<FileImportService>().SaveAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), "so-lieu-thang.csv", null, Ct);
        using var file = saved.Value!;
        return await Deliveries.DeliverAsync(caller, connector.Key, file, null, Ct);
    }

    private async Task<List<string>> ValuesAsync(Connector connector)
    {
        var page = await app.Services.GetRequiredService<DatasetService>().ReadRowsAsync(await AdminAsync(), connector.Key, 0, 100, Ct);
        return [.. page.Value!.Rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];
    }

    private async Task<List<SyncRun>> RunsAsync(Connector connector)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        return await db.SyncRuns.AsNoTracking().Where(r => r.ConnectorId == connector.Id).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    private async Task<int> AuditCountAsync(Connector connector)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        return await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ConnectorFileDelivered && e.Target == connector.Key, Ct);
    }
}
