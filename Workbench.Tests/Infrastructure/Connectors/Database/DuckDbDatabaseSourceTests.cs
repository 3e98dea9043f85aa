using DuckDB.NET.Data;
using Workbench.Core.Connectors.Database;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Connectors.Database;

public sealed class DuckDbSourceFixture : SourceTableState, IDisposable
{
    public TempDirectory Directory { get; } = new();

    public string ConnectionString => $"Data Source={Directory.File("nguon.duckdb")}";

    public void Dispose() => Directory.Dispose();
}

public sealed class DuckDbDatabaseSourceTests(DuckDbSourceFixture fixture) : DatabaseSourceContractTests, IClassFixture<DuckDbSourceFixture>
{
    protected override DatabaseEngine Engine => DatabaseEngine.DuckDb;

    protected override DatabaseSecrets Secrets => new(fixture.ConnectionString);

    protected override DatabaseSecrets BrokenSecrets => new($"Data Source={fixture.Directory.File("khong-co.duckdb")}");

    protected override SourceTableState State => fixture;

    protected override IReadOnlyList<string> MoreWrites => ["CREATE TABLE moi (a INTEGER)", $"DELETE FROM {Table}"];

    protected override async Task CreateRegistrationsAsync(IReadOnlyList<Registration> rows)
    {
        // Note: the writing connection is closed before any read: DuckDB shares one instance per file in a process,
        // and the source opens it read-only.
        await using var connection = new DuckDBConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"""
                CREATE TABLE {Table} (id INTEGER PRIMARY KEY, ma_so_thue VARCHAR NOT NULL, ten_doanh_nghiep VARCHAR, von_dieu_le DECIMAL(18,2),
                    so_lao_dong SMALLINT, ngay_cap DATE, cap_nhat_luc TIMESTAMP, dang_hoat_dong BOOLEAN, dia_chi VARCHAR)
                """;
            await create.ExecuteNonQueryAsync(Cancel);
        }
        using var appender = connection.CreateAppender(Table);
        foreach (var r in rows)
        {
            var row = appender.CreateRow()
                .AppendValue((int)r.Id).AppendValue(r.MaSoThue).AppendValue(r.TenDoanhNghiep).AppendValue(r.VonDieuLe)
                .AppendValue(r.SoLaoDong).AppendValue(r.NgayCap).AppendValue(r.CapNhatLuc).AppendValue(r.DangHoatDong);
            (r.DiaChi is null ? row.AppendNullValue() : row.AppendValue(r.DiaChi)).EndRow();
        }
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new DuckDBConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    protected override async Task<long> CountAsync(string table)
    {
        await using var connection = new DuckDBConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel));
    }
}
