using System.Data.Common;
using System.Runtime.CompilerServices;
using Workbench.Core.Abstractions;
using Workbench.Core.Catalog;
using Workbench.Core.Query;
using Workbench.Core.Query.Dialects;

namespace Workbench.Infrastructure.Warehouse;

/// <summary>
/// The load protocol shared by every engine: append in one transaction; replace and upsert through a
/// staging table that is dropped whatever happens. Engines supply a connection, the bulk path and
/// value reading.
/// </summary>
public abstract class RelationalWarehouse(WarehouseSql sql) : IWarehouse
{
    /// <summary>Where load checkpoints live; dataset tables are <c>ds_…</c>, so the name cannot clash.</summary>
    public const string CheckpointTable = "wb_checkpoints";

    private static readonly WarehouseColumn[] CheckpointColumns = [new("name", ColumnType.Text), new("value", ColumnType.Text)];

    protected WarehouseSql Sql { get; } = sql;

    public abstract string Provider { get; }

    public abstract SqlDialect Dialect { get; }

    /// <summary>A provider parameter for a compiled one, typed from its <see cref="ColumnType"/> (never inferred from the value).</summary>
    protected abstract DbParameter CreateParameter(QueryParameter parameter);

    /// <summary>
    /// Sets the provider's own command timeout. It is a backstop only: the token passed to the reader is cancelled at
    /// <paramref name="timeout"/>, so the provider limit sits a little later.
    /// </summary>
    protected virtual void SetCommandTimeout(DbCommand command, TimeSpan timeout) =>
        command.CommandTimeout = timeout == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Ceiling(timeout.TotalSeconds) + 5;

    /// <summary>
    /// What stops a running command when <paramref name="cancellationToken"/> fires. Providers that honour the token
    /// passed to ExecuteReaderAsync/ReadAsync (Npgsql, SqlClient) need nothing more.
    /// </summary>
    protected virtual CancellationTokenRegistration StopOnCancel(DbCommand command, CancellationToken cancellationToken) => default;

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the rows into <paramref name="table"/> with the engine's bulk path, inside
    /// <paramref name="transaction"/>, normalising each value with <see cref="WarehouseValues"/>.
    /// </summary>
    protected abstract Task BulkInsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken);

    /// <summary>Reads one non-null value in the CLR convention of <see cref="ColumnType"/>.</summary>
    protected virtual object ReadValue(DbDataReader reader, int ordinal, ColumnType type) => type switch
    {
        ColumnType.Integer => reader.GetFieldValue<long>(ordinal),
        ColumnType.Number => reader.GetFieldValue<double>(ordinal),
        ColumnType.Text => reader.GetFieldValue<string>(ordinal),
        ColumnType.Boolean => reader.GetFieldValue<bool>(ordinal),
        ColumnType.Date => reader.GetFieldValue<DateOnly>(ordinal),
        ColumnType.DateTime => reader.GetFieldValue<DateTime>(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A staging table's name: the target's plus a random suffix, so concurrent loads never share one.</summary>
    protected virtual string StageName(string table)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var name = $"{table}__stage_{suffix}";
        return name.Length <= SqlIdentifier.MaxLength ? name : $"stage_{suffix}";
    }

    public async Task CreateTableAsync(string table, IReadOnlyList<WarehouseColumn> columns, CancellationToken cancellationToken)
    {
        CheckColumns(columns);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, Sql.CreateTable(table, columns), cancellationToken);
    }

    public async Task DropTableAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, Sql.DropTableIfExists(table), cancellationToken);
    }

    public async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        SqlIdentifier.Validate(table);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ExistsAsync(connection, table, cancellationToken);
    }

    public async Task<long> LoadAsync(WarehouseLoad load, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckLoad(load);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        switch (load.Mode)
        {
            case LoadMode.Append:
                await EnsureCheckpointTableAsync(connection, load.Checkpoint, cancellationToken);
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await BulkInsertAsync(connection, transaction, load.Table, load.Columns, rows, cancellationToken);
                    await WriteCheckpointAsync(connection, transaction, load.Checkpoint, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                break;
            case LoadMode.Replace:
                long staged = 0;
                IEnumerable<object?[]> Staged()
                {
                    foreach (var row in rows)
                    {
                        staged++;
                        yield return row;
                    }
                }
                await ThroughStageAsync(connection, load, Staged(), stage => Sql.SwapIn(stage, load.Table), cancellationToken);
                // The table is now exactly the staged rows. Counting them again would scan every page of a fresh table
                // (in PostgreSQL the first scan also writes each page back to set its hint bits): half a second per 1M rows.
                return staged;
            case LoadMode.Upsert:
                await ThroughStageAsync(connection, load, rows, stage => Sql.Upsert(stage, load.Table, load.Columns, load.KeyColumns), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(load), load.Mode, "Unknown load mode.");
        }
        return await CountAsync(connection, load.Table, cancellationToken);
    }

    public async Task<long> CountRowsAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, table, cancellationToken);
    }

    public async Task<IReadOnlyList<object?[]>> ReadRowsAsync(
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        long offset,
        int limit,
        IReadOnlyList<string>? orderBy,
        CancellationToken cancellationToken)
    {
        CheckColumns(columns);
        var sql = Sql.SelectPage(table, columns, offset, limit, orderBy);
        var rows = new List<object?[]>(Math.Min(limit, 10_000));
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await foreach (var row in QueryAsync(connection, sql, columns, cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    public async IAsyncEnumerable<object?[]> StreamRowsAsync(
        string table,
        IReadOnlyList<WarehouseColumn> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckColumns(columns);
        var sql = Sql.SelectAll(table, columns);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await foreach (var row in QueryAsync(connection, sql, columns, cancellationToken))
        {
            yield return row;
        }
    }

    public async IAsyncEnumerable<object?[]> QueryAsync(
        CompiledQuery query,
        TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(timeout);
        }
        var token = limit.Token;
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, null, query.Sql);
        SetCommandTimeout(command, timeout);
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(CreateParameter(parameter));
        }
        await using var stop = StopOnCancel(command, token);
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(token);
        }
        catch (Exception exception) when (token.IsCancellationRequested && exception is OperationCanceledException or DbException)
        {
            throw Stopped(exception, timeout, cancellationToken);
        }
        var finished = false;
        await using (reader)
        {
            var columns = query.Columns;
            try
            {
                while (true)
                {
                    object?[] row;
                    try
                    {
                        if (!await reader.ReadAsync(token))
                        {
                            finished = true;
                            break;
                        }
                        row = new object?[columns.Count];
                        for (var i = 0; i < row.Length; i++)
                        {
                            row[i] = reader.IsDBNull(i) ? null : ReadQueryValue(reader, i, columns[i].Type);
                        }
                    }
                    catch (Exception exception) when (token.IsCancellationRequested && exception is OperationCanceledException or DbException)
                    {
                        throw Stopped(exception, timeout, cancellationToken);
                    }
                    yield return row;
                }
            }
            finally
            {
                if (!finished)
                {
                    StopQuietly(command);
                }
            }
        }
    }

    // A consumer that stops early (a capped result) must not make the reader drain the remaining rows on dispose.
    private static void StopQuietly(DbCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // The statement already ended; nothing to stop.
        }
    }

    /// <summary>Reads one non-null result value and converts it to the CLR convention of <see cref="ColumnType"/>.</summary>
    protected virtual object ReadQueryValue(DbDataReader reader, int ordinal, ColumnType type) =>
        WarehouseValues.ToClr(reader.GetValue(ordinal), type);

    // A cancelled statement surfaces as the provider's own exception (DuckDB: INTERRUPT; SqlClient: "Operation cancelled").
    private static Exception Stopped(Exception exception, TimeSpan timeout, CancellationToken callerToken) =>
        callerToken.IsCancellationRequested
            ? exception as OperationCanceledException ?? new OperationCanceledException("The query was cancelled.", exception, callerToken)
            : new QueryTimeoutException(timeout, exception);

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, null, Sql.HealthCheck());
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task ThroughStageAsync(
        DbConnection connection,
        WarehouseLoad load,
        IEnumerable<object?[]> rows,
        Func<string, IReadOnlyList<string>> finish,
        CancellationToken cancellationToken)
    {
        var stage = StageName(load.Table);
        var swapped = false;
        await EnsureCheckpointTableAsync(connection, load.Checkpoint, cancellationToken);
        await ExecuteAsync(connection, null, Sql.CreateTable(stage, load.Columns), cancellationToken);
        try
        {
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await BulkInsertAsync(connection, transaction, stage, load.Columns, rows, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            if (load.Mode == LoadMode.Upsert)
            {
                await CheckKeysAsync(connection, stage, load.KeyColumns, cancellationToken);
            }
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var statement in finish(stage))
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken);
                }
                await WriteCheckpointAsync(connection, transaction, load.Checkpoint, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                swapped = load.Mode == LoadMode.Replace;
            }
        }
        finally
        {
            if (!swapped)
            {
                await DropQuietlyAsync(connection, stage);
            }
        }
    }

    public async Task<string?> ReadCheckpointAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        if (!await ExistsAsync(connection, CheckpointTable, cancellationToken))
        {
            return null;
        }
        await using var command = CreateCommand(connection, null, Sql.ReadCheckpoint(CheckpointTable));
        AddParameter(command, "name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The table of checkpoints, created at the first load that has one (outside that load's transaction).</summary>
    private async Task EnsureCheckpointTableAsync(DbConnection connection, WarehouseCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is null || await ExistsAsync(connection, CheckpointTable, cancellationToken))
        {
            return;
        }
        try
        {
            await ExecuteAsync(connection, null, Sql.CreateTable(CheckpointTable, CheckpointColumns), cancellationToken);
        }
        catch (DbException)
        {
            // Another load may have created it at the same moment; anything else is a real failure.
            if (!await ExistsAsync(connection, CheckpointTable, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task WriteCheckpointAsync(
        DbConnection connection, DbTransaction transaction, WarehouseCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is null)
        {
            return;
        }
        // Delete then insert: the same two statements on every engine, atomic inside the load's transaction.
        foreach (var sql in Sql.WriteCheckpoint(CheckpointTable))
        {
            await using var command = CreateCommand(connection, transaction, sql);
            AddParameter(command, "name", checkpoint.Name);
            if (sql.Contains(Sql.Parameter("value"), StringComparison.Ordinal))
            {
                AddParameter(command, "value", checkpoint.Value);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<bool> ExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, null, Sql.TableExists());
        AddParameter(command, "table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task DropQuietlyAsync(DbConnection connection, string stage)
    {
        try
        {
            // The caller's token may be what failed the load; the clean-up must still run.
            await ExecuteAsync(connection, null, Sql.DropTableIfExists(stage), CancellationToken.None);
        }
        catch (DbException)
        {
            // A broken connection cannot drop; the load's own exception is the one worth seeing.
        }
    }

    private async Task CheckKeysAsync(DbConnection connection, string stage, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using (var command = CreateCommand(connection, null, Sql.CountNullKeys(stage, keys)))
        {
            var nulls = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
            if (nulls > 0)
            {
                throw new WarehouseLoadException($"{nulls} row(s) have no value in a key column ({string.Join(", ", keys)}); an upsert needs every key. Nothing was loaded.");
            }
        }
        await using (var command = CreateCommand(connection, null, Sql.FirstDuplicateKey(stage, keys)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var key = string.Join(", ", keys.Select((k, i) => $"{k} = {reader.GetValue(i)}"));
                throw new WarehouseLoadException($"The rows repeat the key ({key}) {reader.GetValue(keys.Count)} times; an upsert needs each key once. Nothing was loaded.");
            }
        }
    }

    private async IAsyncEnumerable<object?[]> QueryAsync(
        DbConnection connection,
        string sql,
        IReadOnlyList<WarehouseColumn> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : ReadValue(reader, i, columns[i].Type);
            }
            yield return row;
        }
    }

    private async Task<long> CountAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, null, Sql.CountRows(table));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void CheckColumns(IReadOnlyList<WarehouseColumn> columns)
    {
        if (columns is not { Count: > 0 })
        {
            throw new ArgumentException("A warehouse table needs at least one column.", nameof(columns));
        }
        foreach (var column in columns)
        {
            SqlIdentifier.Validate(column.Name);
        }
        if (columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            throw new ArgumentException("Column names repeat.", nameof(columns));
        }
    }

    private static void CheckLoad(WarehouseLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        SqlIdentifier.Validate(load.Table);
        CheckColumns(load.Columns);
        if (load.Mode != LoadMode.Upsert)
        {
            return;
        }
        if (load.KeyColumns is not { Count: > 0 })
        {
            throw new ArgumentException("An upsert needs key columns.", nameof(load));
        }
        foreach (var key in load.KeyColumns)
        {
            if (!load.Columns.Any(c => c.Name == SqlIdentifier.Validate(key)))
            {
                throw new ArgumentException($"The key column {key} is not one of the loaded columns.", nameof(load));
            }
        }
    }
}
