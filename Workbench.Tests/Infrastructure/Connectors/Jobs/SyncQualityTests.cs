using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Quality;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Connectors.Jobs;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Quality;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors.Jobs;

/// <summary>Quality on every sync: a run that loaded data keeps its dataset's quality report, and the dataset its score.</summary>
public sealed class SyncQualityTests(JobsAppFactory app) : IClassFixture<JobsAppFactory>
{
    private static readonly LegalDocument Request = new("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính");
    private static readonly LegalDocument Agreement = new("88/SKHĐT-ĐKKD", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConnectorJobs Jobs => app.Services.GetRequiredService<ConnectorJobs>();

    private ScriptedSourceReaders Scripts => app.Services.GetRequiredService<ScriptedSourceReaders>();

    [Fact]
    public async Task A_sync_from_a_REST_source_of_a_dataset_with_rules_stores_the_report_on_the_run_and_the_score_on_the_dataset()
    {
        await using var source = await FakeRestSource.StartAsync();
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        const string key = "cl-rest-huyen";
        Assert.Null((await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Huyện (REST)", owner.AgencyId,
            [.. RestSources.Mappings.Select(m => new NewColumn(m.Column, m.Type))]), Ct)).Error);
        await SetRulesAsync(owner, key,
        [
            new QualityRule(QualityRuleKind.NotNull, ["Mã"]),
            new QualityRule(QualityRuleKind.Range, ["Dân số"], Max: JsonSerializer.SerializeToElement(100_000)),
        ]);
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var created = await connectors.CreateAsync(await AdminAsync(), new ConnectorDraft(key, "Kết nối REST " + key, null, ConnectorKind.Rest, owner.AgencyId, key,
            SyncMode.FullRefresh, SyncSchedule.DailyAt(2, 0), JsonSerializer.Serialize(RestSources.Paged(source), JsonSerializerOptions.Web), Request, Agreement),
            JsonSerializer.Serialize(RestSources.AllSecrets, JsonSerializerOptions.Web), Ct);
        Assert.Null(created.Error);

        var run = (await Jobs.SyncAsync(key, SyncTrigger.Manual, null, jobId: null, Ct)).Value!;

        Assert.Equal((SyncRunStatus.Succeeded, 95L), (run.Status, run.RecordsRead));
        // Dân số is 40.000 + 1.234 n for district n: districts 49 to 95 are over 100.000.
        Assert.Equal((75, 47L), (run.QualityScore, run.QualityViolations));
        var stored = await StoredRunAsync(run.Id);
        Assert.Equal((75, 47L), (stored.QualityScore, stored.QualityViolations));
        var report = SyncQualityReport.Parse(stored.QualityReportJson)!;
        Assert.Null(report.Error);
        Assert.Equal([(QualityRuleKind.NotNull, 0L), (QualityRuleKind.Range, 47L)], report.Rules.Select(r => (r.Kind, r.Violations)));
        Assert.StartsWith("«Dân số» không lớn hơn 100", report.Rules[1].Description);
        Assert.Equal(["Dân số"], report.Rules[1].Columns);
        Assert.Equal(QualityChecker.SampleRows, report.Rules[1].Samples.Count);
        Assert.All(report.Rules[1].Samples, row => Assert.True(row[2].GetInt64() > 100_000));
        var dataset = (await app.Services.GetRequiredService<DatasetService>().FindAsync(key, Ct))!;
        Assert.Equal(75, dataset.QualityScore);
        Assert.NotNull(dataset.QualityCheckedAt);
    }

    [Fact]
    public async Task A_sync_of_a_dataset_without_rules_stores_no_quality()
    {
        var connector = await CreateAsync("khong-quy-tac");
        Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(1, 20)));

        var run = (await Jobs.SyncAsync(connector.Key, SyncTrigger.Manual, null, jobId: null, Ct)).Value!;

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var stored = await StoredRunAsync(run.Id);
        Assert.Equal((null, null, null), (stored.QualityScore, stored.QualityViolations, stored.QualityReportJson));
        Assert.Null((await app.Services.GetRequiredService<DatasetService>().FindAsync(connector.Key, Ct))!.QualityScore);
    }

    [Fact]
    public async Task A_failed_sync_is_not_checked()
    {
        var connector = await CreateAsync("that-bai");
        await SetRulesAsync(await app.Services.CallerAsync("quantri.skhdt"), connector.Key, [new QualityRule(QualityRuleKind.NotNull, ["Mã"])]);
        Scripts.Script(connector.Key, (_, ct) => Failing(ct));

        var run = (await Jobs.SyncAsync(connector.Key, SyncTrigger.Manual, null, jobId: null, Ct)).Value!;

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Null((await StoredRunAsync(run.Id)).QualityReportJson);
    }

    [Fact]
    public async Task A_quality_check_that_fails_in_the_warehouse_leaves_the_sync_Succeeded_with_the_error_in_its_report()
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        Assert.Null((await datasets.CreateAsync(owner, new NewDataset("cl-danh-muc-mat", "Danh mục mất bảng", owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text)]), Ct)).Error);
        var connector = await CreateAsync("kiem-tra-loi");
        await SetRulesAsync(owner, connector.Key,
            [new QualityRule(QualityRuleKind.Reference, ["Mã"], ReferenceDataset: "cl-danh-muc-mat", ReferenceColumn: "Mã")]);
        // The reference dataset's table is gone from the warehouse: its query fails there, not in the metadata.
        await app.Services.GetRequiredService<IWarehouse>().DropTableAsync((await datasets.FindAsync("cl-danh-muc-mat", Ct))!.TableName, Ct);
        Scripts.Script(connector.Key, (_, ct) => Batches(ct, Batch(1, 15)));

        var run = (await Jobs.SyncAsync(connector.Key, SyncTrigger.Manual, null, jobId: null, Ct)).Value!;

        Assert.Equal((SyncRunStatus.Succeeded, 15L), (run.Status, run.RowsInserted));
        var stored = await StoredRunAsync(run.Id);
        Assert.Equal((SyncRunStatus.Succeeded, null, null), (stored.Status, stored.QualityScore, stored.QualityViolations));
        var report = SyncQualityReport.Parse(stored.QualityReportJson)!;
        Assert.StartsWith("Không kiểm tra được chất lượng sau lần nạp này", report.Error);
        Assert.Null(stored.ErrorMessage);
    }

    private async Task SetRulesAsync(Caller owner, string key, IReadOnlyList<QualityRule> rules) =>
        Assert.Null((await app.Services.GetRequiredService<QualityChecker>().SetRulesAsync(owner, key, rules, Ct)).Error);

    private async Task<SyncRun> StoredRunAsync(long id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    private Task<Caller> AdminAsync() => app.Services.CallerAsync("admin");

    /// <summary>An active database connector of Sở KHĐT, its reads scripted by the test, feeding a new dataset of its own.</summary>
    private async Task<Connector> CreateAsync(string name)
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var key = "cl-" + name;
        Assert.Null((await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Chất lượng " + name, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text, IsKey: true), new NewColumn("Giá trị", ColumnType.Integer)]), Ct)).Error);
        var settings = new DatabaseSourceSettings
        {
            Engine = DatabaseEngine.Sqlite,
            Table = "dang_ky",
            Mappings = [new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Giá trị", ColumnType.Integer, "gia_tri")],
        };
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var created = await connectors.CreateAsync(await AdminAsync(), new ConnectorDraft(key, "Kết nối " + name, null, ConnectorKind.Database, owner.AgencyId, key,
            SyncMode.FullRefresh, SyncSchedule.DailyAt(2, 0), JsonSerializer.Serialize(settings, JsonSerializerOptions.Web), Request, Agreement),
            JsonSerializer.Serialize(new DatabaseSecrets("Data Source=/nowhere.db"), JsonSerializerOptions.Web), Ct);
        Assert.Null(created.Error);
        return created.Value!;
    }

    private static async IAsyncEnumerable<SourceBatch> Batches([EnumeratorCancellation] CancellationToken ct, params SourceBatch[] batches)
    {
        foreach (var batch in batches)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return batch;
        }
    }

    private static async IAsyncEnumerable<SourceBatch> Failing([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        yield return Batch(1, 5);
        throw new SourceReadException(SourceErrorKind.Configuration, "Nguồn trả lỗi 400.");
    }

    private static SourceBatch Batch(int first, int count) =>
        new([.. Enumerable.Range(first, count).Select(i => new object?[] { $"M{i:D4}", (long)i })], [], [], null, count);
}
