using System.Globalization;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Connectors.Database;

namespace Workbench.Tests.Infrastructure.Connectors.Database;

/// <summary>
/// What every database source engine must do, against a real source database with a deterministic table of
/// 12,345 business registrations; one subclass per engine that can run here (SQL Server: golden SQL only).
/// </summary>
public abstract class DatabaseSourceContractTests
{
    protected const int RowCount = 12_345;

    protected const string Table = "dang_ky_kinh_doanh";

    private static readonly DateTime FirstUpdate = new(2024, 1, 1, 8, 0, 0);

    protected static readonly IReadOnlyList<FieldMapping> Mappings =
    [
        new("Mã doanh nghiệp", ColumnType.Integer, "id"),
        new("Mã số thuế", ColumnType.Text, "ma_so_thue"),
        new("Tên doanh nghiệp", ColumnType.Text, "ten_doanh_nghiep"),
        new("Vốn điều lệ", ColumnType.Number, "von_dieu_le"),
        new("Số lao động", ColumnType.Integer, "so_lao_dong"),
        new("Ngày cấp", ColumnType.Date, "ngay_cap"),
        new("Cập nhật lúc", ColumnType.DateTime, "cap_nhat_luc"),
        new("Đang hoạt động", ColumnType.Boolean, "dang_hoat_dong"),
        new("Địa chỉ", ColumnType.Text, "dia_chi"),
    ];

    /// <summary>One registration; every value derives from the id so any row can be checked.</summary>
    protected sealed record Registration(long Id)
    {
        public string MaSoThue => (100_000_000 + Id).ToString("0000000000", CultureInfo.InvariantCulture);

        public string TenDoanhNghiep => $"Công ty TNHH Thương mại Đồng Tháp số {Id}";

        public decimal VonDieuLe => Id * 1000.25m;

        public short SoLaoDong => (short)(Id % 500);

        public DateOnly NgayCap => new DateOnly(2020, 1, 1).AddDays((int)(Id % 1500));

        public DateTime CapNhatLuc => FirstUpdate.AddMinutes(Id).AddSeconds(Id % 60);

        public bool DangHoatDong => Id % 3 != 0;

        public string? DiaChi => Id % 10 == 0 ? null : $"Số {Id} đường Nguyễn Huệ, phường Mỹ Phú, Cao Lãnh";

        public object?[] Mapped => [Id, MaSoThue, TenDoanhNghiep, (double)VonDieuLe, (long)SoLaoDong, NgayCap, CapNhatLuc, DangHoatDong, DiaChi];
    }

    protected static IReadOnlyList<Registration> Registrations { get; } = [.. Enumerable.Range(1, RowCount).Select(i => new Registration(i))];

    protected abstract DatabaseEngine Engine { get; }

    protected abstract DatabaseSecrets Secrets { get; }

    /// <summary>A wrong password, or a file that does not exist.</summary>
    protected abstract DatabaseSecrets BrokenSecrets { get; }

    protected abstract SourceTableState State { get; }

    /// <summary>Creates <see cref="Table"/> with the engine's own column types and loads the rows.</summary>
    protected abstract Task CreateRegistrationsAsync(IReadOnlyList<Registration> rows);

    /// <summary>Runs a statement on a writable connection (the test's, not the source's).</summary>
    protected abstract Task ExecuteAsync(string sql);

    protected abstract Task<long> CountAsync(string table);

    /// <summary>Statements the engine must refuse on the source's connection, besides INSERT, UPDATE and DROP.</summary>
    protected virtual IReadOnlyList<string> MoreWrites => [];

    /// <summary>The engine's type names the dry run reports for the registration columns, in order.</summary>
    protected static readonly ColumnType[] ProposedTypes =
        [ColumnType.Integer, ColumnType.Text, ColumnType.Text, ColumnType.Number, ColumnType.Integer, ColumnType.Date, ColumnType.DateTime, ColumnType.Boolean, ColumnType.Text];

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected DatabaseSource Source { get; } = new();

    private async Task EnsureTableAsync()
    {
        await State.Gate.WaitAsync(Cancel);
        try
        {
            if (!State.Created)
            {
                await CreateRegistrationsAsync(Registrations);
                State.Created = true;
            }
        }
        finally
        {
            State.Gate.Release();
        }
    }

    protected DatabaseSourceSettings TableSettings(int batchSize = DatabaseSourceSettings.DefaultBatchSize) => new()
    {
        Engine = Engine,
        Table = Table,
        Mappings = Mappings,
        BatchSize = batchSize,
    };

    protected async Task<List<SourceBatch>> ReadAllAsync(DatabaseSourceSettings settings, string? since = null, DatabaseSecrets? secrets = null)
    {
        await EnsureTableAsync();
        var batches = new List<SourceBatch>();
        await foreach (var batch in Source.ReadAsync(settings, secrets ?? Secrets, since, Cancel))
        {
            batches.Add(batch);
        }
        return batches;
    }

    protected async Task<SourceReadException> ReadFailsAsync(DatabaseSourceSettings settings, DatabaseSecrets? secrets = null, bool checkQueryText = true)
    {
        await EnsureTableAsync();
        return await Assert.ThrowsAsync<SourceReadException>(async () =>
        {
            await foreach (var _ in Source.ReadAsync(settings, secrets ?? Secrets, null, checkQueryText, Cancel))
            {
            }
        });
    }

    private static long Id(object?[] row) => (long)row[0]!;

    [Fact]
    public async Task A_full_read_returns_every_row_exactly_once_with_the_column_types_in_batches()
    {
        var batches = await ReadAllAsync(TableSettings());

        Assert.Equal([5_000L, 5_000L, 2_345L], batches.Select(b => b.RecordsRead));
        Assert.Equal([5_000, 5_000, 2_345], batches.Select(b => b.Rows.Count));
        var rows = batches.SelectMany(b => b.Rows).ToList();
        Assert.Equal(Enumerable.Range(1, RowCount).Select(i => (long)i), rows.Select(Id).Order());
        Assert.All(batches, b => Assert.Empty(b.Problems));
        Assert.All(batches, b => Assert.Empty(b.UnmappedFields));
        Assert.All(batches, b => Assert.Null(b.Watermark));
        foreach (var row in rows.Where(r => Id(r) is 1 or 10 or 12_345))
        {
            Assert.Equal(Registrations[(int)Id(row) - 1].Mapped, row);
            Assert.All(row.Select((value, i) => (value, i)).Where(p => p.value is not null), p => Assert.IsType(Mappings[p.i].Type.ClrType(), p.value));
        }
    }

    [Fact]
    public async Task An_incremental_read_returns_only_rows_after_the_watermark_in_order()
    {
        var settings = TableSettings(batchSize: 1_000) with { WatermarkColumn = "cap_nhat_luc", WatermarkType = ColumnType.DateTime };
        var since = Registrations[9_999].CapNhatLuc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        var batches = await ReadAllAsync(settings, since);

        var rows = batches.SelectMany(b => b.Rows).ToList();
        Assert.Equal(Enumerable.Range(10_001, RowCount - 10_000).Select(i => (long)i), rows.Select(Id));
        Assert.Equal([1_000L, 1_000L, 345L], batches.Select(b => b.RecordsRead));
        Assert.All(batches, b => Assert.Equal(Iso((DateTime)b.Rows[^1][6]!), b.Watermark));
        Assert.Equal(Iso(Registrations[^1].CapNhatLuc), batches[^1].Watermark);
    }

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_read_resumed_from_a_committed_batch_watermark_continues_where_it_stopped()
    {
        var settings = TableSettings() with { WatermarkColumn = "id", WatermarkType = ColumnType.Integer };

        var first = (await ReadAllAsync(settings))[0];
        var rest = await ReadAllAsync(settings, first.Watermark);

        Assert.Equal("5000", first.Watermark);
        Assert.Equal(Enumerable.Range(1, RowCount).Select(i => (long)i), first.Rows.Concat(rest.SelectMany(b => b.Rows)).Select(Id));
        Assert.Equal("12345", rest[^1].Watermark);
    }

    [Fact]
    public async Task A_batch_never_ends_between_rows_of_the_same_watermark_value()
    {
        var settings = TableSettings(batchSize: 100) with { WatermarkColumn = "ngay_cap", WatermarkType = ColumnType.Date };

        var batches = await ReadAllAsync(settings);

        Assert.Equal(RowCount, batches.Sum(b => b.Rows.Count));
        Assert.Equal(RowCount, batches.SelectMany(b => b.Rows).Select(Id).Distinct().Count());
        Assert.All(batches, b => Assert.InRange(b.RecordsRead, 1, 100 + 9));
        for (var i = 1; i < batches.Count; i++)
        {
            Assert.True((DateOnly)batches[i - 1].Rows[^1][5]! < (DateOnly)batches[i].Rows[0][5]!);
            Assert.Equal(((DateOnly)batches[i].Rows[^1][5]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), batches[i].Watermark);
        }
    }

    [Fact]
    public async Task A_query_is_read_like_a_table_and_can_be_incremental()
    {
        var settings = new DatabaseSourceSettings
        {
            Engine = Engine,
            Query = $"""
                -- doanh nghiệp nhỏ
                SELECT id, ten_doanh_nghiep AS ten, so_lao_dong
                FROM {Table}
                WHERE so_lao_dong < 10 -- dưới 10 lao động
                """,
            Mappings = [new("Mã", ColumnType.Integer, "id"), new("Tên", ColumnType.Text, "ten")],
            WatermarkColumn = "id",
            WatermarkType = ColumnType.Integer,
        };

        var batches = await ReadAllAsync(settings, since: "6000");

        var expected = Registrations.Where(r => r.SoLaoDong < 10 && r.Id > 6000).ToList();
        Assert.Equal(expected.Select(r => new object?[] { r.Id, r.TenDoanhNghiep }), batches.SelectMany(b => b.Rows));
        Assert.Equal(["so_lao_dong"], batches[0].UnmappedFields);
        Assert.Equal(expected[^1].Id.ToString(CultureInfo.InvariantCulture), batches[^1].Watermark);
    }

    [Theory]
    [InlineData("INSERT INTO dang_ky_kinh_doanh (id) VALUES (-1)")]
    [InlineData("UPDATE dang_ky_kinh_doanh SET so_lao_dong = 0")]
    [InlineData("DROP TABLE dang_ky_kinh_doanh")]
    [InlineData("SELECT 1; DROP TABLE dang_ky_kinh_doanh")]
    [InlineData("WITH x AS (SELECT 1 AS a) DELETE FROM dang_ky_kinh_doanh")]
    public async Task A_write_query_is_refused_by_the_text_check(string query)
    {
        var settings = TableSettings() with { Table = null, Query = query };

        var error = await ReadFailsAsync(settings);

        Assert.Equal(SourceErrorKind.Configuration, error.Kind);
        Assert.Equal(RowCount, await CountAsync(Table));
    }

    [Fact]
    public async Task A_write_that_passes_the_text_check_is_refused_by_the_engine()
    {
        await EnsureTableAsync();
        var engine = SourceEngine.For(Engine);

        foreach (var write in (string[])[$"INSERT INTO {Table} (id) VALUES (-1)", $"UPDATE {Table} SET so_lao_dong = 0", $"DROP TABLE {Table}", .. MoreWrites])
        {
            await using var session = await engine.OpenReadOnlyAsync(Secrets.ConnectionString, Cancel);
            await using var command = session.Command(write, TimeSpan.FromSeconds(30));
            var refusal = await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteNonQueryAsync(Cancel));
            Assert.Equal(SourceErrorKind.Configuration, engine.Translate(refusal)?.Kind);
        }
        var wrapped = await ReadFailsAsync(TableSettings() with { Table = null, Query = $"INSERT INTO {Table} (id) VALUES (-1)" }, checkQueryText: false);

        Assert.Equal(SourceErrorKind.Configuration, wrapped.Kind);
        Assert.Equal(RowCount, await CountAsync(Table));
        Assert.Equal(0, await CountAsync($"{Table} WHERE so_lao_dong = 0 AND id % 500 <> 0"));
    }

    [Fact]
    public async Task A_renamed_source_column_fails_the_read_naming_the_column()
    {
        await EnsureTableAsync();
        await ExecuteAsync("CREATE TABLE doi_ten (id INTEGER, ten TEXT)");
        await ExecuteAsync("INSERT INTO doi_ten VALUES (1, 'Hợp tác xã Tân Hồng')");
        await ExecuteAsync("ALTER TABLE doi_ten RENAME COLUMN ten TO ten_htx");
        var settings = new DatabaseSourceSettings
        {
            Engine = Engine,
            Table = "doi_ten",
            Mappings = [new("Mã", ColumnType.Integer, "id"), new("Tên", ColumnType.Text, "ten")],
        };

        var error = await ReadFailsAsync(settings);

        Assert.Equal(SourceErrorKind.MissingField, error.Kind);
        Assert.Contains("«ten»", error.Message);
        Assert.Contains("đổi tên", error.Message);
        Assert.Contains("ten_htx", error.Message);
    }

    [Fact]
    public async Task A_source_column_no_mapping_names_is_reported_and_not_loaded()
    {
        var settings = TableSettings() with { Mappings = [.. Mappings.Where(m => m.SourcePath is not ("dia_chi" or "ma_so_thue"))] };

        var batches = await ReadAllAsync(settings);

        Assert.All(batches, b => Assert.Equal(["ma_so_thue", "dia_chi"], b.UnmappedFields));
        Assert.All(batches.SelectMany(b => b.Rows), r => Assert.Equal(7, r.Length));
    }

    [Fact]
    public async Task A_value_that_does_not_convert_is_reported_with_its_record_number_and_its_row_left_out()
    {
        await EnsureTableAsync();
        await ExecuteAsync("CREATE TABLE von_sai (id INTEGER, von TEXT)");
        await ExecuteAsync("INSERT INTO von_sai VALUES (1, '12.5'), (2, '7'), (3, 'mười triệu'), (4, '8.25')");
        var settings = new DatabaseSourceSettings
        {
            Engine = Engine,
            Table = "von_sai",
            Mappings = [new("Mã", ColumnType.Integer, "id"), new("Vốn", ColumnType.Number, "von")],
            WatermarkColumn = "id",
            WatermarkType = ColumnType.Integer,
            BatchSize = 2,
        };

        var batches = await ReadAllAsync(settings);

        Assert.Equal([2L, 2L], batches.Select(b => b.RecordsRead));
        Assert.Equal([1L, 2L, 4L], batches.SelectMany(b => b.Rows).Select(Id));
        var problem = Assert.Single(batches[1].Problems);
        Assert.Equal(3, problem.RecordNumber);
        Assert.Equal("Vốn", problem.Column);
        Assert.Equal("mười triệu", problem.RawValue);
        Assert.Contains("không phải là số hợp lệ", problem.Message);
        Assert.Equal("4", batches[1].Watermark);
    }

    [Fact]
    public async Task An_unknown_table_is_a_configuration_error()
    {
        var error = await ReadFailsAsync(TableSettings() with { Table = "khong_co_bang_nay" });

        Assert.Equal(SourceErrorKind.Configuration, error.Kind);
        Assert.Contains("khong_co_bang_nay", error.Message);
    }

    [Fact]
    public async Task Wrong_credentials_or_a_missing_database_are_a_configuration_error()
    {
        var error = await ReadFailsAsync(TableSettings(), BrokenSecrets);

        Assert.Equal(SourceErrorKind.Configuration, error.Kind);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Cancelling_stops_the_read()
    {
        await EnsureTableAsync();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var batches = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Source.ReadAsync(TableSettings(batchSize: 100), Secrets, null, cancellation.Token))
            {
                batches++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, batches);
    }

    [Fact]
    public async Task A_read_with_nothing_new_gives_one_empty_batch_that_keeps_the_watermark()
    {
        var settings = TableSettings() with { WatermarkColumn = "id", WatermarkType = ColumnType.Integer };

        var batches = await ReadAllAsync(settings, since: "99999");

        var batch = Assert.Single(batches);
        Assert.Empty(batch.Rows);
        Assert.Equal(0, batch.RecordsRead);
        Assert.Equal("99999", batch.Watermark);
    }

    [Fact]
    public async Task A_dry_run_shows_raw_and_mapped_rows_and_proposes_a_schema()
    {
        await EnsureTableAsync();
        var settings = TableSettings() with { Mappings = Mappings.Take(3).ToList() };

        var dryRun = await Source.DryRunAsync(settings, Secrets, Cancel);

        Assert.Equal(DatabaseSource.DryRunRows, dryRun.RawRows.Count);
        Assert.Equal(DatabaseSource.DryRunRows, dryRun.MappedRows.Count);
        Assert.Empty(dryRun.Problems);
        Assert.Equal(Mappings.Select(m => m.SourcePath), dryRun.Columns.Select(c => c.Name));
        Assert.Equal(ProposedTypes, dryRun.ProposedSchema.Select(c => c.Type));
        Assert.Equal(Mappings.Select(m => m.SourcePath), dryRun.ProposedSchema.Select(c => c.SourcePath));
        Assert.Equal(Mappings.Skip(3).Select(m => m.SourcePath), dryRun.UnmappedFields);
        var raw = dryRun.RawRows.Single(r => r[0] == "10");
        var registration = Registrations[9];
        Assert.Equal(registration.TenDoanhNghiep, raw[2]);
        Assert.Matches("^2024-01-01[T ]08:10:10$", raw[6]);
        Assert.Null(raw[8]);
        Assert.Contains(dryRun.MappedRows, r => Equals(r[0], 10L) && Equals(r[1], registration.MaSoThue));
    }

    [Fact]
    public async Task Listing_columns_offers_the_source_columns_with_proposed_types()
    {
        await EnsureTableAsync();
        var settings = new DatabaseSourceSettings { Engine = Engine, Query = $"SELECT id, ngay_cap FROM {Table}" };

        var columns = await Source.ListColumnsAsync(settings, Secrets, Cancel);

        Assert.Equal(["id", "ngay_cap"], columns.Select(c => c.Name));
        Assert.Equal([ColumnType.Integer, ColumnType.Date], columns.Select(c => c.ProposedType));
    }
}

/// <summary>Whether a test class's source table exists yet; a class fixture so the 12,345 rows are written once per class.</summary>
public class SourceTableState
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool Created { get; set; }
}
