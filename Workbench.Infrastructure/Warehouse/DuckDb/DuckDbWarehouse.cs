using System.Data.Common;
using DuckDB.NET.Data;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;

namespace Workbench.Infrastructure.Warehouse.DuckDb;

/// <summary>
/// The embedded warehouse: one DuckDB file, one connection per operation. DuckDB allows a single
/// writing process; within it, DuckDB.NET shares one database instance between connections to the
/// same file, so readers and a writer run side by side under DuckDB's MVCC.
/// </summary>
public sealed class DuckDbWarehouse(string connectionString) : RelationalWarehouse(new DuckDbWarehouseSql()), IDisposable
{
    private readonly Lock _gate = new();
    private DuckDBConnection? _keepAlive;

    public override string Provider => nameof(WarehouseProvider.DuckDb);

    public override SqlDialect Dialect { get; } = new DuckDbDialect();

    // Note: DuckDB.NET binds by the value's CLR type; the compiler hands values already in the type's CLR convention.
    protected override DbParameter CreateParameter(QueryParameter parameter) =>
        new DuckDBParameter(parameter.Name, parameter.Value ?? DBNull.Value);

    // Note: DuckDB has no command timeout; the cancelled token (which interrupts) enforces it.
    protected override void SetCommandTimeout(DbCommand command, TimeSpan timeout)
    {
    }

    // Note: DuckDB.NET runs the statement synchronously inside ExecuteReaderAsync and ignores its token; Cancel()
    // calls duckdb_interrupt on the connection, which stops the running statement from the thread that fires the token.
    protected override CancellationTokenRegistration StopOnCancel(DbCommand command, CancellationToken cancellationToken) =>
        cancellationToken.Register(static state => ((DbCommand)state!).Cancel(), command);

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        KeepDatabaseOpen();
        var connection = new DuckDBConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    // Note: DuckDB closes (and checkpoints) the database when its last connection closes; one idle
    // connection held for the warehouse's lifetime keeps every operation from reopening the file.
    private void KeepDatabaseOpen()
    {
        lock (_gate)
        {
            if (_keepAlive is null)
            {
                var connection = new DuckDBConnection(connectionString);
                connection.Open();
                _keepAlive = connection;
            }
        }
    }

    protected override Task BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        // Note: the appender writes inside the connection's open transaction, so a rollback discards
        // even rows it has already flushed; an exception mid-enumeration leaves nothing behind.
        var duck = (DuckDBConnection)connection;
        using var appender = duck.CreateAppender(SqlIdentifier.Validate(table));
        long rowNumber = 0;
        foreach (var row in rows)
        {
            rowNumber++;
            if ((rowNumber & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            WarehouseValues.CheckWidth(row, columns.Count, rowNumber);
            var target = appender.CreateRow();
            for (var i = 0; i < columns.Count; i++)
            {
                target = WarehouseValues.Normalize(row[i], columns[i], rowNumber) switch
                {
                    null => target.AppendNullValue(),
                    long v => target.AppendValue(v),
                    double v => target.AppendValue(v),
                    string v => target.AppendValue(v),
                    bool v => target.AppendValue(v),
                    DateOnly v => target.AppendValue(v),
                    DateTime v => target.AppendValue(v),
                    var other => throw new InvalidOperationException($"Unexpected {other.GetType()}"),
                };
            }
            target.EndRow();
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _keepAlive?.Dispose();
            _keepAlive = null;
        }
    }
}
