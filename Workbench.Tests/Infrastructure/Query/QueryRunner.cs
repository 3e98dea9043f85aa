using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Tests.Core.Query;

namespace Workbench.Tests.Infrastructure.Query;

/// <summary>A minimal executor for tests: binds the compiled parameters by type, reads every row with values normalised (long, double, string, bool, DateOnly, DateTime).</summary>
public static class QueryRunner
{
    public static async Task<List<object?[]>> RunDuckDbAsync(string connectionString, CompiledQuery query)
    {
        await using var connection = new DuckDBConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.Name, parameter.Value ?? DBNull.Value));
        }
        return await ReadAsync(command);
    }

    public static async Task<List<object?[]>> RunPostgresAsync(string connectionString, CompiledQuery query)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(query.Sql, connection);
        foreach (var parameter in query.Parameters)
        {
            var (type, value) = parameter.Type switch
            {
                ColumnType.Integer => (NpgsqlDbType.Bigint, parameter.Value),
                ColumnType.Number => (NpgsqlDbType.Numeric, parameter.Value is double d ? (object)(decimal)d : null),
                ColumnType.Text => (NpgsqlDbType.Text, parameter.Value),
                ColumnType.Boolean => (NpgsqlDbType.Boolean, parameter.Value),
                ColumnType.Date => (NpgsqlDbType.Date, parameter.Value),
                _ => (NpgsqlDbType.Timestamp, parameter.Value),
            };
            command.Parameters.Add(new NpgsqlParameter(parameter.Name, type) { Value = value ?? DBNull.Value });
        }
        return await ReadAsync(command);
    }

    private static async Task<List<object?[]>> ReadAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Normalize(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }
            rows.Add(row);
        }
        return rows;
    }

    public static object? Normalize(object? value) => value switch
    {
        null => null,
        int i => (long)i,
        short s => (long)s,
        System.Numerics.BigInteger b => (long)b,
        Int128 h => (long)h,
        decimal m => (double)m,
        float f => (double)f,
        _ => value,
    };

    /// <summary>Creates and fills the test datasets' tables once per warehouse.</summary>
    public static async Task LoadTestDatasetsAsync(IWarehouse warehouse)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        foreach (var (dataset, rows) in TestCatalog.All)
        {
            if (await warehouse.TableExistsAsync(dataset.TableName, cancellationToken))
            {
                continue;
            }
            var columns = dataset.OrderedColumns.Select(c => new WarehouseColumn(c.PhysicalName, c.Type)).ToList();
            await warehouse.CreateTableAsync(dataset.TableName, columns, cancellationToken);
            await warehouse.LoadAsync(new WarehouseLoad(dataset.TableName, columns, LoadMode.Append, []), rows, cancellationToken);
        }
    }
}
