using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;

namespace Workbench.Infrastructure.Warehouse.PostgreSql;

/// <summary>The PostgreSQL warehouse: binary COPY for loads, transactional DDL for the swap. It owns the data source.</summary>
public sealed class PostgreSqlWarehouse(NpgsqlDataSource dataSource) : RelationalWarehouse(new PostgreSqlWarehouseSql()), IAsyncDisposable, IDisposable
{
    public PostgreSqlWarehouse(string connectionString)
        : this(NpgsqlDataSource.Create(WithLoadBuffer(connectionString)))
    {
    }

    /// <summary>
    /// A 64 KB write buffer unless the connection string sets one: a bulk load then goes out in 64 KB messages instead
    /// of 8 KB ones, an eighth of the sends (and TLS records) for the server to take in.
    /// </summary>
    private static string WithLoadBuffer(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Write Buffer Size"))
        {
            builder.WriteBufferSize = 1 << 16;
        }
        return builder.ConnectionString;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    // A container disposed synchronously refuses services that are only IAsyncDisposable.
    public void Dispose() => dataSource.Dispose();

    public override string Provider => nameof(WarehouseProvider.PostgreSql);

    public override SqlDialect Dialect { get; } = new PostgreSqlDialect();

    protected override DbParameter CreateParameter(QueryParameter parameter)
    {
        var (type, value) = parameter.Type switch
        {
            ColumnType.Integer => (NpgsqlDbType.Bigint, parameter.Value),
            // Note: numbers are stored as numeric; a double parameter would make PostgreSQL compare in float8.
            ColumnType.Number => (NpgsqlDbType.Numeric, parameter.Value is double d ? (object)(decimal)d : parameter.Value),
            ColumnType.Text => (NpgsqlDbType.Text, parameter.Value),
            ColumnType.Boolean => (NpgsqlDbType.Boolean, parameter.Value),
            ColumnType.Date => (NpgsqlDbType.Date, parameter.Value),
            ColumnType.DateTime => (NpgsqlDbType.Timestamp, parameter.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Type, null),
        };
        return new NpgsqlParameter(parameter.Name, type) { Value = value ?? DBNull.Value };
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        var copy = $"COPY {Sql.Quote(table)} ({string.Join(", ", columns.Select(c => Sql.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        // Disposing the importer without Complete cancels the COPY; the transaction then rolls back.
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken);
        long rowNumber = 0;
        // Note: synchronous writes. The rows come from a synchronous enumerable, already pulled on a pool thread; a write
        // touches the socket only when Npgsql's buffer fills, and WriteAsync's per-value async machinery cost more CPU
        // than the occasional blocking flush (a 1M-row sync spent a quarter of its client time there).
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowNumber++;
            WarehouseValues.CheckWidth(row, columns.Count, rowNumber);
            importer.StartRow();
            for (var i = 0; i < columns.Count; i++)
            {
                switch (WarehouseValues.Normalize(row[i], columns[i], rowNumber))
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case long v:
                        importer.Write(v, NpgsqlDbType.Bigint);
                        break;
                    case double v:
                        importer.Write(ToNumeric(v, columns[i], rowNumber), NpgsqlDbType.Numeric);
                        break;
                    case string v:
                        importer.Write(v, NpgsqlDbType.Text);
                        break;
                    case bool v:
                        importer.Write(v, NpgsqlDbType.Boolean);
                        break;
                    case DateOnly v:
                        importer.Write(v, NpgsqlDbType.Date);
                        break;
                    case DateTime v:
                        importer.Write(v, NpgsqlDbType.Timestamp);
                        break;
                    case var other:
                        throw new InvalidOperationException($"Unexpected {other.GetType()}");
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    // Note: numeric has no NaN or infinity under a typmod, and decimal cannot hold them either.
    private static decimal ToNumeric(double value, WarehouseColumn column, long rowNumber)
    {
        try
        {
            return (decimal)value;
        }
        catch (OverflowException exception)
        {
            throw new WarehouseLoadException($"Row {rowNumber}, column {column.Name}: {value} does not fit a number column.", exception);
        }
    }
}
