using System.Data.Common;
using DuckDB.NET.Data;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;

namespace Workbench.Infrastructure.Connectors.Database;

internal sealed class DuckDbSourceEngine : SourceEngine
{
    public override DatabaseEngine Engine => DatabaseEngine.DuckDb;

    public override async Task<SourceSession> OpenReadOnlyAsync(string connectionString, CancellationToken cancellationToken)
    {
        // ACCESS_MODE=READ_ONLY attaches the file read-only: writes are refused and a missing file is not created.
        // Note: DuckDB.NET shares one database instance per file in a process, so the file must not be open read-write
        // here at the same time (a warehouse file is never a source).
        var builder = new DuckDBConnectionStringBuilder { ConnectionString = connectionString };
        builder["ACCESS_MODE"] = "READ_ONLY";
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new SourceSession(connection, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Note: DuckDB.NET binds by the value's CLR type and has no use for DbType.
    public override DbParameter Parameter(DbCommand command, string name, object value, ColumnType type) =>
        new DuckDBParameter(name, value);

    // Note: DuckDB.NET runs a statement synchronously and ignores the token; Cancel() interrupts it.
    public override CancellationTokenRegistration StopOnCancel(DbCommand command, CancellationToken cancellationToken) =>
        cancellationToken.Register(static state => ((DbCommand)state!).Cancel(), command);

    protected override SourceErrorKind? Classify(Exception exception) => exception switch
    {
        // another process holds the file's write lock
        DuckDBException e when e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase) => SourceErrorKind.Transient,
        DuckDBException e when e.ErrorType.ToString() is "Connection" or "Interrupt" or "OutOfMemory" => SourceErrorKind.Transient,
        DuckDBException => SourceErrorKind.Configuration,
        _ => null,
    };

    // DuckDB appends "LINE 1: ..." and a caret after the message.
    protected override string CleanMessage(Exception exception)
    {
        var message = exception.Message;
        var line = message.IndexOf("\nLINE ", StringComparison.Ordinal);
        return FirstLines(line < 0 ? message : message[..line]);
    }
}
