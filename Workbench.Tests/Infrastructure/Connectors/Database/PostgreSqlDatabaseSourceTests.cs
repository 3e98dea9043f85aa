using Npgsql;
using NpgsqlTypes;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors.Database;

public sealed class PostgresSourceFixture : SourceTableState, IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public ValueTask InitializeAsync() => Database.InitializeAsync();

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

public sealed class PostgreSqlDatabaseSourceTests(PostgresSourceFixture fixture) : DatabaseSourceContractTests, IClassFixture<PostgresSourceFixture>
{
    private const string ApplicationName = "workbench-source-test";

    protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;

    protected override DatabaseSecrets Secrets =>
        new(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { ApplicationName = ApplicationName }.ConnectionString);

    protected override DatabaseSecrets BrokenSecrets =>
        new(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Password = "sai-mat-khau" }.ConnectionString);

    protected override SourceTableState State => fixture;

    protected override IReadOnlyList<string> MoreWrites =>
    [
        $"WITH xoa AS (DELETE FROM {Table} RETURNING id) SELECT count(*) FROM xoa",
        "CREATE TABLE moi (a integer)",
        $"SELECT nextval(pg_get_serial_sequence('{Table}', 'id'))",
    ];

    protected override async Task CreateRegistrationsAsync(IReadOnlyList<Registration> rows)
    {
        await ExecuteAsync($"""
            CREATE TABLE {Table} (id serial PRIMARY KEY, ma_so_thue varchar(10) NOT NULL, ten_doanh_nghiep text, von_dieu_le numeric(18,2),
                so_lao_dong smallint, ngay_cap date, cap_nhat_luc timestamp, dang_hoat_dong boolean, dia_chi text)
            """);
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var import = await connection.BeginBinaryImportAsync($"COPY {Table} FROM STDIN (FORMAT BINARY)", Cancel);
        foreach (var r in rows)
        {
            await import.StartRowAsync(Cancel);
            await import.WriteAsync((int)r.Id, NpgsqlDbType.Integer, Cancel);
            await import.WriteAsync(r.MaSoThue, NpgsqlDbType.Varchar, Cancel);
            await import.WriteAsync(r.TenDoanhNghiep, NpgsqlDbType.Text, Cancel);
            await import.WriteAsync(r.VonDieuLe, NpgsqlDbType.Numeric, Cancel);
            await import.WriteAsync(r.SoLaoDong, NpgsqlDbType.Smallint, Cancel);
            await import.WriteAsync(r.NgayCap, NpgsqlDbType.Date, Cancel);
            await import.WriteAsync(r.CapNhatLuc, NpgsqlDbType.Timestamp, Cancel);
            await import.WriteAsync(r.DangHoatDong, NpgsqlDbType.Boolean, Cancel);
            if (r.DiaChi is null)
            {
                await import.WriteNullAsync(Cancel);
            }
            else
            {
                await import.WriteAsync(r.DiaChi, NpgsqlDbType.Text, Cancel);
            }
        }
        await import.CompleteAsync(Cancel);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    protected override async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel));
    }

    [Fact]
    public async Task A_connection_killed_mid_read_is_transient_after_the_first_batches_were_yielded()
    {
        // Two million generated rows cannot sit in the socket buffers, so the kill lands while rows still stream.
        var settings = new DatabaseSourceSettings
        {
            Engine = Engine,
            Query = "SELECT g AS id, 'Hộ kinh doanh ' || g AS ten FROM generate_series(1, 2000000) AS g",
            Mappings = [new("Mã", ColumnType.Integer, "id"), new("Tên", ColumnType.Text, "ten")],
        };
        var yielded = 0;

        var error = await Assert.ThrowsAsync<SourceReadException>(async () =>
        {
            await foreach (var batch in Source.ReadAsync(settings, Secrets, null, Cancel))
            {
                if (yielded++ == 0)
                {
                    await TerminateSourceConnectionsAsync();
                }
            }
        });

        Assert.Equal(SourceErrorKind.Transient, error.Kind);
        Assert.True(error.IsTransient);
        Assert.InRange(yielded, 1, 399);
    }

    private async Task TerminateSourceConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("name", ApplicationName);
        Assert.Equal(1L, await command.ExecuteScalarAsync(Cancel));
    }
}
