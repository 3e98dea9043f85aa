using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>
/// What differs between source engines: how a connection is opened read-only, how a watermark parameter is bound,
/// and which of the engine's errors are worth a retry. Everything else is <see cref="DatabaseSource"/>'s.
/// </summary>
internal abstract class SourceEngine
{
    public static SourceEngine For(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.PostgreSql => new PostgreSqlSourceEngine(),
        DatabaseEngine.Sqlite => new SqliteSourceEngine(),
        DatabaseEngine.DuckDb => new DuckDbSourceEngine(),
        DatabaseEngine.SqlServer => new SqlServerSourceEngine(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
    };

    public abstract DatabaseEngine Engine { get; }

    public virtual DatabaseSourceSql Sql => DatabaseSourceSql.For(Engine);

    /// <summary>PostgreSQL keeps a quoted name's case; the other engines match names ignoring case.</summary>
    public virtual StringComparer NameComparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Opens a connection on which the engine itself refuses writes (a read-only connection or transaction).</summary>
    public abstract Task<SourceSession> OpenReadOnlyAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>Binds a watermark value (long, double, string, DateOnly or DateTime) as a typed parameter.</summary>
    public virtual DbParameter Parameter(DbCommand command, string name, object value, ColumnType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        parameter.DbType = type switch
        {
            ColumnType.Integer => DbType.Int64,
            ColumnType.Number => DbType.Double,
            ColumnType.Date => DbType.Date,
            ColumnType.DateTime => DbType.DateTime2,
            _ => DbType.String,
        };
        return parameter;
    }

    /// <summary>Stops a running command when the token fires, for drivers whose async calls ignore it.</summary>
    public virtual CancellationTokenRegistration StopOnCancel(DbCommand command, CancellationToken cancellationToken) => default;

    /// <summary>Whether a retry may help; null when the exception is not the engine's (then only its type decides).</summary>
    protected abstract SourceErrorKind? Classify(Exception exception);

    /// <summary>The engine's own message without its wrapping (codes, positions, hints meant for a console).</summary>
    protected virtual string CleanMessage(Exception exception) => FirstLines(exception.Message);

    /// <summary>Turns a failure into a <see cref="SourceReadException"/>, or null for an unexpected one to let it through.</summary>
    public SourceReadException? Translate(Exception exception)
    {
        if (exception is SourceReadException read)
        {
            return read;
        }
        var kind = Classify(exception) ?? exception switch
        {
            TimeoutException or IOException or SocketException => SourceErrorKind.Transient,
            DbException db when db.IsTransient => SourceErrorKind.Transient,
            DbException => SourceErrorKind.Configuration,
            _ => (SourceErrorKind?)null,
        };
        if (kind is null && exception.InnerException is { } inner && Translate(inner) is { } fromInner)
        {
            return fromInner;
        }
        return kind is { } k ? new SourceReadException(k, Describe(k, CleanMessage(exception)), exception) : null;
    }

    private string Describe(SourceErrorKind kind, string message) => kind == SourceErrorKind.Transient
        ? Core.Common.Text.Pick(
            "Nguồn {0} tạm thời không trả lời hoặc đã mất kết nối (có thể thử lại): {1}",
            "The {0} source is not answering or the connection dropped (a retry may help): {1}",
            Engine, message)
        : Core.Common.Text.Pick(
            "Nguồn {0} từ chối yêu cầu đọc; cần sửa cấu hình của kết nối: {1}",
            "The {0} source refused the read; the connector's configuration needs fixing: {1}",
            Engine, message);

    /// <summary>The message up to the first blank line, on one line: engines append positions and hints after it.</summary>
    protected static string FirstLines(string message)
    {
        var cut = message.IndexOf("\n\n", StringComparison.Ordinal);
        var head = cut < 0 ? message : message[..cut];
        return string.Join(" ", head.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

/// <summary>An open read-only connection and the transaction it reads in, if the engine needs one; rolled back on dispose.</summary>
internal sealed class SourceSession(DbConnection connection, DbTransaction? transaction) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbCommand Command(string sql, TimeSpan timeout)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = (int)Math.Min(int.MaxValue, timeout.TotalSeconds);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            try
            {
                // A read changes nothing; the rollback ends the transaction without a commit that could.
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
            {
                // the connection already dropped: nothing to roll back
            }
            await transaction.DisposeAsync();
        }
        await Connection.DisposeAsync();
    }
}
