using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors.Database;
using Workbench.Infrastructure.Connectors.Sync;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors.Sync;

/// <summary>
/// Nothing lost, nothing half-written: syncs into a real DuckDB dataset from scripted batches and from a real SQLite
/// source, with failures half-way. Each test makes its own dataset and checkpoint name.
/// </summary>
public sealed class ConnectorSyncTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static readonly FieldMapping[] Mappings = [new("Mã", ColumnType.Text, "ma"), new("Giá trị", ColumnType.Integer, "gia_tri")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConnectorSync Sync => app.Services.GetRequiredService<ConnectorSync>();

    private DatasetService Datasets => app.Services.GetRequiredService<DatasetService>();

    [Fact]
    public async Task A_full_refresh_that_fails_half_way_leaves_the_previous_rows_and_says_a_retry_may_help()
    {
        var target = await NewTargetAsync("full-fail", SyncMode.FullRefresh);
        var first = await RunAsync(target, Script(Batch(1, 50), Batch(51, 50)));
        Assert.Equal(SyncOutcome.Succeeded, first.Outcome);

        var failed = await RunAsync(target, Script(Batch(1000, 70), Batch(1070, 70), () => Failure(SourceErrorKind.Transient)));

        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.True(failed.Transient);
        Assert.Equal(140, failed.RecordsRead);
        Assert.Equal(100, await RowCountAsync(target));
        Assert.Equal(100, (await Datasets.FindAsync(target.DatasetKey, Ct))!.RowCount);
        Assert.Equal([(50L, 0L, 0L)], [(first.RowsInserted - 50, first.RowsUpdated, first.RowsDeleted)]);
    }

    [Fact]
    public async Task A_full_refresh_replaces_every_row_and_reports_what_it_inserted_and_deleted()
    {
        var target = await NewTargetAsync("full-ok", SyncMode.FullRefresh);
        await RunAsync(target, Script(Batch(1, 30)));

        var report = await RunAsync(target, Script(Batch(100, 20), Batch(120, 20), Batch(140, 5)));

        Assert.Equal(SyncOutcome.Succeeded, report.Outcome);
        Assert.Equal((45L, 45L, 3, 45L, 30L), (report.RecordsRead, report.RowsLoaded, report.Batches, report.RowsInserted, report.RowsDeleted));
        Assert.Equal(45, await RowCountAsync(target));
        Assert.NotNull(report.DataVersion);
    }

    [Fact]
    public async Task An_incremental_sync_from_a_real_database_keeps_its_committed_batches_after_a_failure_and_the_next_run_resumes()
    {
        using var folder = new TempDirectory();
        var source = await SqliteSourceAsync(folder, rows: 250);
        var target = await NewTargetAsync("incr-sqlite", SyncMode.IncrementalAppend);
        var reader = new DatabaseSource();

        // The job host dies after the second batch was committed.
        var broken = await RunAsync(target, (since, ct) => FailAfter(reader.ReadAsync(source.Settings, source.Secrets, since, ct), 2));
        Assert.Equal(SyncOutcome.Failed, broken.Outcome);
        Assert.Equal(200, await RowCountAsync(target));
        Assert.Equal(Stamp(200), await Sync.WatermarkAsync(target, Ct));

        var resumed = await RunAsync(target, (since, ct) => reader.ReadAsync(source.Settings, source.Secrets, since, ct));

        Assert.Equal(SyncOutcome.Succeeded, resumed.Outcome);
        Assert.Equal((Stamp(200), Stamp(250), 50L), (resumed.WatermarkBefore, resumed.WatermarkAfter, resumed.RowsInserted));
        var codes = (await AllRowsAsync(target)).Select(r => (string)r[0]!).ToList();
        Assert.Equal(250, codes.Count);
        Assert.Equal(250, codes.Distinct().Count());

        // New rows at the source: only they come in.
        await AddSourceRowsAsync(source, first: 251, count: 7);
        var next = await RunAsync(target, (since, ct) => reader.ReadAsync(source.Settings, source.Secrets, since, ct));
        Assert.Equal((7L, 257L), (next.RowsInserted, await RowCountAsync(target)));
    }

    [Fact]
    public async Task An_incremental_upsert_updates_rows_by_key_and_counts_inserted_and_updated_apart()
    {
        var target = await NewTargetAsync("incr-upsert", SyncMode.IncrementalUpsert);
        await RunAsync(target, Script(Batch(1, 10, watermark: "w1")));

        var report = await RunAsync(target, Script(Batch(6, 10, value: 99, watermark: "w2")));

        Assert.Equal((5L, 5L), (report.RowsInserted, report.RowsUpdated));
        Assert.Equal(15, await RowCountAsync(target));
        Assert.Equal("w2", await Sync.WatermarkAsync(target, Ct));
        Assert.Equal(10, (await AllRowsAsync(target)).Count(r => (long)r[1]! == 99));
    }

    [Fact]
    public async Task Too_many_values_that_do_not_convert_stop_the_sync_before_the_batch_that_crosses_the_threshold()
    {
        var target = await NewTargetAsync("threshold", SyncMode.IncrementalAppend);
        var threshold = new ConversionThreshold(MaxProblems: 5, MaxShare: 1);

        var report = await RunAsync(target, Script(Batch(1, 20, problems: 3, watermark: "a"), Batch(21, 20, problems: 3, watermark: "b")), threshold);

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.False(report.Transient);
        Assert.Contains("6", report.Error!.Message);
        Assert.Equal(6, report.ProblemSamples.Count);
        Assert.Equal(17, await RowCountAsync(target));
        Assert.Equal("a", await Sync.WatermarkAsync(target, Ct));
    }

    [Fact]
    public async Task A_full_refresh_past_the_threshold_loads_nothing()
    {
        var target = await NewTargetAsync("threshold-full", SyncMode.FullRefresh);
        await RunAsync(target, Script(Batch(1, 10)));

        var report = await RunAsync(target, Script(Batch(100, 200, problems: 30)), new ConversionThreshold(MaxProblems: 1_000, MaxShare: 0.1));

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.Equal("sync.too-many-conversion-problems", report.Error!.Code);
        Assert.Equal(10, await RowCountAsync(target));
    }

    [Fact]
    public async Task New_source_fields_are_reported_and_a_missing_one_fails_with_the_sources_message()
    {
        var target = await NewTargetAsync("drift", SyncMode.IncrementalAppend);

        var drift = await RunAsync(target, Script(Batch(1, 5, unmapped: ["soDienThoai"], watermark: "x"), Batch(6, 5, unmapped: ["email", "soDienThoai"], watermark: "y")));
        var missing = await RunAsync(target, Script(() => Failure(SourceErrorKind.MissingField, "Thiếu trường «ma»")));

        Assert.Equal(SyncOutcome.Succeeded, drift.Outcome);
        Assert.Equal(["email", "soDienThoai"], drift.UnmappedFields);
        Assert.Equal(SyncOutcome.Failed, missing.Outcome);
        Assert.False(missing.Transient);
        Assert.Equal("Thiếu trường «ma»", missing.Error!.Message);
        Assert.Equal(10, await RowCountAsync(target));
    }

    [Fact]
    public async Task A_cancelled_full_refresh_leaves_the_dataset_as_it_was()
    {
        var target = await NewTargetAsync("cancel", SyncMode.FullRefresh);
        await RunAsync(target, Script(Batch(1, 12)));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var report = await Sync.RunAsync(await CallerAsync(), target, (_, ct) => CancelAfterFirst(Batch(100, 40), cancel, ct),
            new ConversionThreshold(), null, cancel.Token);

        Assert.Equal(SyncOutcome.Cancelled, report.Outcome);
        Assert.Equal(12, await RowCountAsync(target));
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_growing_waits_and_an_incremental_retry_resumes_after_the_committed_batches()
    {
        var target = await NewTargetAsync("retry", SyncMode.IncrementalAppend);
        var asked = new List<string?>();
        var failuresLeft = 2;
        async IAsyncEnumerable<SourceBatch> Flaky(string? since, [EnumeratorCancellation] CancellationToken ct)
        {
            asked.Add(since);
            var first = since is null ? 1 : int.Parse(since) + 1;
            for (var start = first; start <= 40; start += 10)
            {
                await Task.Yield();
                yield return Batch(start, 10, watermark: (start + 9).ToString());
                if (start == first && failuresLeft-- > 0)
                {
                    throw new SourceReadException(SourceErrorKind.Transient, "HTTP 503");
                }
            }
        }
        var waits = new List<TimeSpan>();

        var attempts = await Sync.RunWithRetriesAsync(await CallerAsync(), target, Flaky, new ConversionThreshold(),
            new RetryPolicy(5, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(10)), (delay, _) => { waits.Add(delay); return Task.CompletedTask; },
            null, Ct);

        Assert.Equal([SyncOutcome.Failed, SyncOutcome.Failed, SyncOutcome.Succeeded], attempts.Select(a => a.Outcome));
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)], waits);
        Assert.Equal([null, "10", "20"], asked);
        Assert.Equal(40, await RowCountAsync(target));
    }

    [Fact]
    public async Task A_configuration_failure_is_not_retried_and_retries_stop_at_the_policys_last_attempt()
    {
        var target = await NewTargetAsync("no-retry", SyncMode.FullRefresh);
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10));
        var waits = new List<TimeSpan>();
        Task Wait(TimeSpan delay, CancellationToken _)
        {
            waits.Add(delay);
            return Task.CompletedTask;
        }

        var refused = await Sync.RunWithRetriesAsync(await CallerAsync(), target, Script(() => Failure(SourceErrorKind.Configuration, "HTTP 401")),
            new ConversionThreshold(), policy, Wait, null, Ct);
        var down = await Sync.RunWithRetriesAsync(await CallerAsync(), target, Script(() => Failure(SourceErrorKind.Transient)),
            new ConversionThreshold(), policy, Wait, null, Ct);

        Assert.Single(refused);
        Assert.Equal(3, down.Count);
        Assert.All(down, a => Assert.Equal(SyncOutcome.Failed, a.Outcome));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public async Task Mapped_values_land_in_their_dataset_columns_whatever_the_mapping_order_and_a_mapping_to_no_column_is_refused()
    {
        var target = await NewTargetAsync("order", SyncMode.FullRefresh) with { Columns = ["Giá trị", "Mã"] };

        var report = await RunAsync(target, Script(new SourceBatch([[7L, "X01"], [8L, "X02"]], [], [], null, 2)));
        var wrong = await RunAsync(target with { Columns = ["Mã", "Giá"] }, Script(Batch(1, 3)));

        Assert.Equal(SyncOutcome.Succeeded, report.Outcome);
        Assert.Equal([["X01", 7L], ["X02", 8L]], (await AllRowsAsync(target)).OrderBy(r => (string)r[0]!).Select(r => r.ToArray()));
        Assert.Equal("sync.unknown-column", wrong.Error!.Code);
        Assert.Contains("«Giá»", wrong.Error.Message);
    }

    private async Task<SyncTarget> NewTargetAsync(string name, SyncMode mode)
    {
        var key = $"sync-{name}-{Guid.NewGuid():N}"[..40].TrimEnd('-');
        var owner = await CallerAsync();
        var created = await Datasets.CreateAsync(owner, new NewDataset(key, "Đồng bộ " + name, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text, IsKey: true), new NewColumn("Giá trị", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        return new SyncTarget(key, mode, "connector:" + key);
    }

    private Task<Caller> CallerAsync() => app.Services.CallerAsync("admin");

    private async Task<SyncReport> RunAsync(
        SyncTarget target, Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> read, ConversionThreshold? threshold = null) =>
        await Sync.RunAsync(await CallerAsync(), target, read, threshold ?? new ConversionThreshold(), null, Ct);

    private async Task<long> RowCountAsync(SyncTarget target) =>
        await app.Services.GetRequiredService<IWarehouse>().CountRowsAsync((await Datasets.FindAsync(target.DatasetKey, Ct))!.TableName, Ct);

    private async Task<IReadOnlyList<object?[]>> AllRowsAsync(SyncTarget target) =>
        (await Datasets.ReadRowsAsync(await CallerAsync(), target.DatasetKey, 0, 10_000, Ct)).Value!.Rows;

    /// <summary>Batches of codes <c>M0001</c>… with <paramref name="problems"/> of them left out as not converting.</summary>
    private static SourceBatch Batch(int first, int count, long value = 1, int problems = 0, string? watermark = null, string[]? unmapped = null) =>
        new([.. Enumerable.Range(first, count - problems).Select(i => new object?[] { $"M{i:D4}", value })],
            [.. Enumerable.Range(0, problems).Select(i => new ConversionProblem(first + i, "Giá trị", "abc", "Không phải số nguyên"))],
            unmapped ?? [], watermark, count);

    /// <summary>A step that fails the read when the sync reaches it (pass it as a lambda).</summary>
    private static SourceBatch Failure(SourceErrorKind kind, string message = "Nguồn không trả lời") => throw new SourceReadException(kind, message);

    private static Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> Script(params Func<SourceBatch>[] steps) =>
        (_, ct) => Play(steps, ct);

    private static Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> Script(params SourceBatch[] batches) =>
        Script([.. batches.Select(b => (Func<SourceBatch>)(() => b))]);

    private static Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> Script(SourceBatch a, SourceBatch b, Func<SourceBatch> then) =>
        Script(() => a, () => b, then);

    private static Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> Script(Func<SourceBatch> only) => Script([only]);

    private static async IAsyncEnumerable<SourceBatch> Play(IEnumerable<Func<SourceBatch>> steps, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var step in steps)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return step();
        }
    }

    private static async IAsyncEnumerable<SourceBatch> FailAfter(IAsyncEnumerable<SourceBatch> batches, int count)
    {
        var seen = 0;
        await foreach (var batch in batches)
        {
            if (seen++ == count)
            {
                throw new SourceReadException(SourceErrorKind.Transient, "Mất kết nối");
            }
            yield return batch;
        }
    }

    private static async IAsyncEnumerable<SourceBatch> CancelAfterFirst(SourceBatch batch, CancellationTokenSource cancel, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return batch;
        await cancel.CancelAsync();
        ct.ThrowIfCancellationRequested();
        yield return batch;
    }

    private static string Stamp(int i) => new DateTime(2026, 1, 1).AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ss");

    private sealed record SqliteSource(string Path, DatabaseSourceSettings Settings, DatabaseSecrets Secrets);

    private static async Task<SqliteSource> SqliteSourceAsync(TempDirectory folder, int rows)
    {
        var path = folder.File("nguon.db");
        var source = new SqliteSource(path,
            new DatabaseSourceSettings
            {
                Engine = DatabaseEngine.Sqlite,
                Table = "dang_ky",
                Mappings = Mappings,
                WatermarkColumn = "cap_nhat",
                WatermarkType = ColumnType.DateTime,
                BatchSize = 100,
            },
            new DatabaseSecrets($"Data Source={path}"));
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE dang_ky (ma TEXT NOT NULL, gia_tri INTEGER, cap_nhat TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(Ct);
        }
        await AddSourceRowsAsync(source, first: 1, count: rows);
        return source;
    }

    private static async Task AddSourceRowsAsync(SqliteSource source, int first, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={source.Path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var transaction = connection.BeginTransaction();
        for (var i = first; i < first + count; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO dang_ky VALUES ($ma, $giaTri, $capNhat)";
            insert.Parameters.AddWithValue("$ma", $"M{i:D4}");
            insert.Parameters.AddWithValue("$giaTri", i * 10);
            insert.Parameters.AddWithValue("$capNhat", Stamp(i).Replace('T', ' '));
            await insert.ExecuteNonQueryAsync(Ct);
        }
        await transaction.CommitAsync(Ct);
    }
}
