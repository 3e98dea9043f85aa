using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors;

/// <summary>The system administrator's connectors: valid ones only, secrets sealed, activation on the legal basis.</summary>
public sealed class ConnectorServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Secret = "Data Source=/srv/dkkd.db;Password=mat-khau-rat-bi-mat";

    private static readonly LegalDocument Request = new("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính");
    private static readonly LegalDocument Agreement = new("88/SKHĐT-ĐKKD", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConnectorService Connectors => app.Services.GetRequiredService<ConnectorService>();

    [Fact]
    public async Task A_connector_keeps_its_secrets_encrypted_out_of_the_audit_and_gives_them_back_only_to_the_sync()
    {
        var draft = await DraftAsync("bi-mat");

        var created = await Connectors.CreateAsync(await AdminAsync(), draft, SecretsJson(), Ct);

        var connector = created.Value!;
        Assert.DoesNotContain("mat-khau", connector.ProtectedSecrets);
        Assert.Equal(Secret, JsonSerializer.Deserialize<DatabaseSecrets>(Connectors.SecretsJsonOf(connector)!, JsonSerializerOptions.Web)!.ConnectionString);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        Assert.DoesNotContain(await db.AuditEntries.Where(e => e.Target == draft.Key).Select(e => e.Details).ToListAsync(Ct), d => d!.Contains("mat-khau"));
        Assert.Equal("0 2 * * *", (await db.Connectors.SingleAsync(c => c.Key == draft.Key, Ct)).Schedule);
    }

    [Fact]
    public async Task Every_problem_of_a_draft_is_listed_and_nothing_is_saved()
    {
        var draft = await DraftAsync("sai", keyColumns: false);
        var settings = Settings([new FieldMapping("Mã", ColumnType.Integer, "ma"), new FieldMapping("Không có", ColumnType.Text, "x")]);
        var finance = await app.AgencyIdAsync(AgencySeed.Finance);

        var refused = await Connectors.CreateAsync(await AdminAsync(),
            draft with { ProvidingAgencyId = finance, Mode = SyncMode.IncrementalUpsert, SettingsJson = settings }, null, Ct);

        Assert.Equal("connector.invalid", refused.Error!.Code);
        var details = refused.Error.Details!;
        Assert.Contains(details, d => d.Contains("phải thuộc cơ quan cung cấp"));
        Assert.Contains(details, d => d.Contains("chưa có cột khóa"));
        Assert.Contains(details, d => d.Contains("không có cột «Không có»"));
        Assert.Contains(details, d => d.Contains("«Mã» có kiểu Text"));
        Assert.Contains(details, d => d.Contains("chuỗi kết nối"));
        Assert.Equal(ErrorKind.NotFound, (await Connectors.GetAsync(await AdminAsync(), draft.Key, Ct)).Error!.Kind);
    }

    [Fact]
    public async Task Activation_needs_both_documents_and_removing_one_pauses_the_connector()
    {
        var admin = await AdminAsync();
        var draft = await DraftAsync("can-cu") with { Agreement = null };
        await Connectors.CreateAsync(admin, draft, SecretsJson(), Ct);

        var refused = await Connectors.SetActiveAsync(admin, draft.Key, true, Ct);
        await Connectors.UpdateAsync(admin, draft.Key, draft with { Agreement = Agreement }, null, Ct);
        var activated = await Connectors.SetActiveAsync(admin, draft.Key, true, Ct);
        var withoutRequest = await Connectors.UpdateAsync(admin, draft.Key, draft with { Agreement = Agreement, Request = null }, null, Ct);

        Assert.Equal("connector.no-legal-basis", refused.Error!.Code);
        Assert.Contains("văn bản thống nhất", refused.Error.Message);
        Assert.True(activated.Value!.IsActive);
        Assert.False(withoutRequest.Value!.IsActive);
        Assert.NotNull(withoutRequest.Value.ProtectedSecrets);
    }

    [Fact]
    public async Task New_secrets_replace_the_old_and_none_keeps_them()
    {
        var admin = await AdminAsync();
        var draft = await DraftAsync("doi-bi-mat");
        var first = (await Connectors.CreateAsync(admin, draft, SecretsJson(), Ct)).Value!;

        var kept = (await Connectors.UpdateAsync(admin, draft.Key, draft with { Name = "Tên mới" }, null, Ct)).Value!;
        var replaced = (await Connectors.UpdateAsync(admin, draft.Key, draft, SecretsJson("Data Source=/srv/moi.db"), Ct)).Value!;

        Assert.Equal(Connectors.SecretsJsonOf(first), Connectors.SecretsJsonOf(kept));
        Assert.Contains("moi.db", Connectors.SecretsJsonOf(replaced));
        Assert.Equal("connector.key-fixed", (await Connectors.UpdateAsync(admin, draft.Key, draft with { Key = "khac" }, null, Ct)).Error!.Code);
    }

    [Fact]
    public async Task Only_the_system_administrator_sees_or_changes_connectors()
    {
        var agencyAdmin = await app.Services.CallerAsync("quantri.skhdt");

        Assert.Equal(ErrorKind.Forbidden, (await Connectors.ListAsync(agencyAdmin, Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Connectors.CreateAsync(agencyAdmin, await DraftAsync("khong-quyen"), SecretsJson(), Ct)).Error!.Kind);
    }

    [Fact]
    public async Task The_list_flags_failures_in_a_row_since_the_last_success_and_deleting_keeps_the_dataset()
    {
        var admin = await AdminAsync();
        var draft = await DraftAsync("suc-khoe");
        var connector = (await Connectors.CreateAsync(admin, draft, SecretsJson(), Ct)).Value!;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct))
        {
            var start = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
            SyncRunStatus[] history = [SyncRunStatus.Failed, SyncRunStatus.Succeeded, SyncRunStatus.Failed, SyncRunStatus.Failed, SyncRunStatus.Failed];
            db.SyncRuns.AddRange(history.Select((status, i) => new SyncRun { ConnectorId = connector.Id, StartedAt = start.AddDays(i), Status = status }));
            await db.SaveChangesAsync(Ct);
        }

        var summary = (await Connectors.ListAsync(admin, Ct)).Value!.Single(s => s.Connector.Key == draft.Key);
        Assert.Equal(3, summary.FailuresInARow);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), summary.LastRun!.StartedAt);

        Assert.True((await Connectors.DeleteAsync(admin, draft.Key, Ct)).Value);
        Assert.NotNull(await app.Services.GetRequiredService<DatasetService>().FindAsync(draft.DatasetKey, Ct));
    }

    [Fact]
    public async Task The_last_success_is_found_behind_a_long_streak_and_the_details_list_the_newest_runs_first()
    {
        var admin = await AdminAsync();
        var draft = await DraftAsync("chuoi-loi");
        var connector = (await Connectors.CreateAsync(admin, draft, SecretsJson(), Ct)).Value!;
        var start = new DateTimeOffset(2026, 9, 1, 2, 0, 0, TimeSpan.Zero);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct))
        {
            db.SyncRuns.Add(new SyncRun { ConnectorId = connector.Id, StartedAt = start, EndedAt = start.AddMinutes(3), Status = SyncRunStatus.Succeeded });
            db.SyncRuns.AddRange(Enumerable.Range(1, 60).Select(i => new SyncRun
            {
                ConnectorId = connector.Id, StartedAt = start.AddDays(i), EndedAt = start.AddDays(i).AddMinutes(1), Status = SyncRunStatus.Failed,
            }));
            await db.SaveChangesAsync(Ct);
        }

        var summary = (await Connectors.ListAsync(admin, Ct)).Value!.Single(s => s.Connector.Key == draft.Key);
        var details = (await Connectors.DetailsAsync(admin, draft.Key, Ct)).Value!;

        Assert.Equal(start.AddMinutes(3), summary.LastSuccessAt);
        Assert.Equal(ConnectorDetails.RunsShown, details.Runs.Count);
        Assert.Equal(start.AddDays(60), details.Runs[0].StartedAt);
        Assert.Equal(ConnectorDetails.RunsShown, details.FailuresInARow);
        Assert.True(details.HasSecrets);
        Assert.Equal(draft.DatasetKey, details.DatasetKey);
    }

    [Fact]
    public async Task A_connector_with_a_new_dataset_creates_both_or_neither()
    {
        var admin = await AdminAsync();
        var planning = await app.AgencyIdAsync(AgencySeed.PlanningAndInvestment);
        var datasets = app.Services.GetRequiredService<DatasetService>();
        var draft = new ConnectorDraft("kn-moi", "Doanh nghiệp mới thành lập", null, ConnectorKind.Database, planning, "",
            SyncMode.FullRefresh, SyncSchedule.DailyAt(1, 0),
            Settings([new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Vốn", ColumnType.Number, "von")]), Request, Agreement);
        var dataset = new NewDataset("dn-moi-thanh-lap", "Doanh nghiệp mới thành lập", 0, [new NewColumn("Mã", ColumnType.Text, IsKey: true), new NewColumn("Vốn", ColumnType.Number)]);

        var refused = await Connectors.CreateWithDatasetAsync(admin, draft with { Key = "KHÔNG HỢP LỆ" }, null, dataset, Ct);
        Assert.NotNull(refused.Error);
        Assert.Null(await datasets.FindAsync(dataset.Key, Ct));

        var created = await Connectors.CreateWithDatasetAsync(admin, draft, SecretsJson(), dataset, Ct);
        Assert.Null(created.Error);
        var made = await datasets.FindAsync(dataset.Key, Ct);
        Assert.Equal(planning, made!.OwnerAgencyId);
        Assert.Equal(made.Id, created.Value!.DatasetId);
    }

    [Fact]
    public async Task The_editor_test_reads_the_source_with_the_stored_secret_when_none_is_typed_and_refuses_others()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "nguon.db");
        await using (var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await source.OpenAsync(Ct);
            await using var command = source.CreateCommand();
            command.CommandText = "CREATE TABLE dang_ky (ma TEXT, gia_tri INTEGER, cap_nhat TEXT); INSERT INTO dang_ky VALUES ('A1', 7, '2026-11-01T08:00:00'), ('A2', 9, '2026-11-02T08:00:00');";
            await command.ExecuteNonQueryAsync(Ct);
        }
        var admin = await AdminAsync();
        var draft = await DraftAsync("thu-nguon");
        Assert.Null((await Connectors.CreateAsync(admin, draft, SecretsJson($"Data Source={file};Pooling=False"), Ct)).Error);
        var dryRuns = app.Services.GetRequiredService<ConnectorDryRuns>();
        var settings = JsonSerializer.Deserialize<DatabaseSourceSettings>(draft.SettingsJson, JsonSerializerOptions.Web)!;

        var run = await dryRuns.DatabaseAsync(admin, settings, null, draft.Key, Ct);
        var unnamed = await dryRuns.DatabaseAsync(admin, settings, null, null, Ct);
        var wrongFile = await dryRuns.DatabaseAsync(admin, settings with { Table = "khong_co" }, null, draft.Key, Ct);
        var agencyAdmin = await dryRuns.DatabaseAsync(await app.Services.CallerAsync("quantri.skhdt"), settings, null, draft.Key, Ct);

        Assert.Null(run.Error);
        Assert.Equal(2, run.Value!.RawRows.Count);
        Assert.Equal(["A1", 7L], run.Value.MappedRows[0]);
        Assert.Equal("connector.dry-run.no-connection", unnamed.Error!.Code);
        Assert.Contains("khong_co", wrongFile.Error!.Message);
        Assert.Equal(ErrorKind.Forbidden, agencyAdmin.Error!.Kind);
    }

    [Fact]
    public async Task Merging_the_providing_agency_moves_its_connectors_with_its_datasets()
    {
        var admin = await AdminAsync();
        var agencies = app.Services.GetRequiredService<Workbench.Infrastructure.Administration.AgencyService>();
        var merged = (await agencies.CreateAsync(admin, "TTDL-HN", "Trung tâm dữ liệu hợp nhất", null, Ct)).Value!;
        var datasets = app.Services.GetRequiredService<DatasetService>();
        Assert.Null((await datasets.CreateAsync(admin, new NewDataset("kn-hop-nhat", "Hợp nhất", merged.Id, [new NewColumn("Mã", ColumnType.Text)]), Ct)).Error);
        var draft = new ConnectorDraft("kn-hop-nhat", "Đẩy dữ liệu", null, ConnectorKind.Push, merged.Id, "kn-hop-nhat",
            SyncMode.IncrementalAppend, SyncSchedule.DailyAt(3, 0), "{}", Request, Agreement);
        Assert.Null((await Connectors.CreateAsync(admin, draft, null, Ct)).Error);
        var planning = await app.AgencyIdAsync(AgencySeed.PlanningAndInvestment);

        Assert.Null((await agencies.MergeAsync(admin, merged.Id, planning, Ct)).Error);

        Assert.Equal(planning, (await Connectors.GetAsync(admin, "kn-hop-nhat", Ct)).Value!.ProvidingAgencyId);
    }

    private Task<Caller> AdminAsync() => app.Services.CallerAsync("admin");

    /// <summary>A database connector of Sở KHĐT feeding a new dataset of its own, named after the test.</summary>
    private async Task<ConnectorDraft> DraftAsync(string name, bool keyColumns = true)
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var key = "kn-" + name;
        var created = await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Kết nối " + name, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text, IsKey: keyColumns), new NewColumn("Giá trị", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        return new ConnectorDraft(key, "Đăng ký kinh doanh " + name, null, ConnectorKind.Database, owner.AgencyId, key,
            SyncMode.IncrementalAppend, SyncSchedule.DailyAt(2, 0),
            Settings([new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Giá trị", ColumnType.Integer, "gia_tri")]), Request, Agreement);
    }

    private static string Settings(FieldMapping[] mappings) => JsonSerializer.Serialize(new DatabaseSourceSettings
    {
        Engine = DatabaseEngine.Sqlite,
        Table = "dang_ky",
        Mappings = mappings,
        WatermarkColumn = "cap_nhat",
        WatermarkType = ColumnType.DateTime,
    }, JsonSerializerOptions.Web);

    private static string SecretsJson(string connectionString = Secret) =>
        JsonSerializer.Serialize(new DatabaseSecrets(connectionString), JsonSerializerOptions.Web);
}
