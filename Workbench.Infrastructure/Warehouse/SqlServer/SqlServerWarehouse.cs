using System.Data.Common;
using Microsoft.Data.SqlClient;
using Workbench.Core.Abstractions;
using System.Data;
using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;

namespace Workbench.Infrastructure.Warehouse.SqlServer;

/// <summary>
/// The SQL Server warehouse: SqlBulkCopy streaming from the rows, columnstore tables. It cannot run on
/// the build machines, so its SQL is covered by golden-SQL tests only.
/// </summary>
public sealed class SqlServerWarehouse(string connectionString) : RelationalWarehouse(new SqlServerWarehouseSql())
{
    public override string Provider => nameof(WarehouseProvider.SqlServer);

    public override SqlDialect Dialect { get; } = new SqlServerDialect();

    protected override DbParameter CreateParameter(QueryParameter parameter)
    {
        var result = parameter.Type switch
        {
            ColumnType.Integer => new SqlParameter(parameter.Name, SqlDbType.BigInt),
            ColumnType.Number => new SqlParameter(parameter.Name, SqlDbType.Decimal) { Precision = 38, Scale = 10 },
            ColumnType.Text => new SqlParameter(parameter.Name, SqlDbType.NVarChar, -1),
            ColumnType.Boolean => new SqlParameter(parameter.Name, SqlDbType.Bit),
            ColumnType.Date => new SqlParameter(parameter.Name, SqlDbType.Date),
            ColumnType.DateTime => new SqlParameter(parameter.Name, SqlDbType.DateTime2),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Type, null),
        };
        result.Value = parameter.Value switch
        {
            null => DBNull.Value,
            double d => (decimal)d,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            var v => v,
        };
        return result;
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override async Task BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        using var bulkCopy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.TableLock, (SqlTransaction)transaction)
        {
            DestinationTableName = Sql.Quote(table),
            EnableStreaming = true,
            BulkCopyTimeout = 0,
            // Columnstore compresses best from batches of at least 102,400 rows (a direct-to-rowgroup load).
            BatchSize = 1_048_576,
        };
        foreach (var column in columns)
        {
            bulkCopy.ColumnMappings.Add(column.Name, column.Name);
        }
        await using var reader = new RowDataReader(rows, columns);
        await bulkCopy.WriteToServerAsync(reader, cancellationToken);
    }

    protected override object ReadQueryValue(DbDataReader reader, int ordinal, ColumnType type) =>
        type == ColumnType.Number && reader.GetFieldType(ordinal) == typeof(decimal)
            ? ((SqlDataReader)reader).GetSqlDecimal(ordinal).ToDouble()
            : base.ReadQueryValue(reader, ordinal, type);

    // SqlClient reads decimal(38,10) as SqlDecimal (a decimal may overflow) and date as DateTime.
    protected override object ReadValue(DbDataReader reader, int ordinal, ColumnType type) => type switch
    {
        ColumnType.Number => ((SqlDataReader)reader).GetSqlDecimal(ordinal).ToDouble(),
        ColumnType.Date => DateOnly.FromDateTime(reader.GetDateTime(ordinal)),
        _ => base.ReadValue(reader, ordinal, type),
    };
}
