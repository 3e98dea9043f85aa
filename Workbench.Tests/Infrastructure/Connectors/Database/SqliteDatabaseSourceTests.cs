using Microsoft.Data.Sqlite;
using Workbench.Core.Connectors.Database;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors.Database;

public sealed class SqliteSourceFixture : SourceTableState, IDisposable
{
    public TempDirectory Directory { get; } = new();

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Directory.File("nguon.sqlite"), Pooling = false }.ConnectionString;

    public void Dispose() => Directory.Dispose();
}

public sealed class SqliteDatabaseSourceTests(SqliteSourceFixture fixture) : DatabaseSourceContractTests, IClassFixture<SqliteSourceFixture>
{
    protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    protected override DatabaseSecrets Secrets => new(fixture.ConnectionString);

    protected override DatabaseSecrets BrokenSecrets => new($"Data Source={fixture.Directory.File("khong-co.sqlite")}");

    protected override SourceTableState State => fixture;

    protected override async Task CreateRegistrationsAsync(IReadOnlyList<Registration> rows)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(Cancel);
        await using (var create = new SqliteCommand($"""
            CREATE TABLE {Table} (id INTEGER PRIMARY KEY, ma_so_thue VARCHAR(10) NOT NULL, ten_doanh_nghiep TEXT, von_dieu_le REAL,
                so_lao_dong SMALLINT, ngay_cap DATE, cap_nhat_luc DATETIME, dang_hoat_dong BOOLEAN, dia_chi TEXT)
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(Cancel);
        }
        await using var insert = new SqliteCommand($"INSERT INTO {Table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", connection, transaction);
        var parameters = Enumerable.Range(1, 9).Select(i => insert.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
        foreach (var r in rows)
        {
            // Dates as ISO text, the way SQLite applications store them.
            object?[] values = [r.Id, r.MaSoThue, r.TenDoanhNghiep, (double)r.VonDieuLe, r.SoLaoDong, r.NgayCap.ToString("yyyy-MM-dd"),
                r.CapNhatLuc.ToString("yyyy-MM-dd HH:mm:ss"), r.DangHoatDong ? 1 : 0, r.DiaChi];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            await insert.ExecuteNonQueryAsync(Cancel);
        }
        await transaction.CommitAsync(Cancel);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    protected override async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new SqliteCommand($"SELECT count(*) FROM {table}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel));
    }
}
