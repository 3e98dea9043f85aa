using Microsoft.Data.Sqlite;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;

namespace Workbench.Infrastructure.Connectors.Database;

internal sealed class SqliteSourceEngine : SourceEngine
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override async Task<SourceSession> OpenReadOnlyAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Mode=ReadOnly opens the file with SQLITE_OPEN_READONLY: a write fails (SQLITE_READONLY) and a missing file is
        // an error instead of a new empty database.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly };
        var connection = new SqliteConnection(builder.ConnectionString);
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

    protected override SourceErrorKind? Classify(Exception exception) => exception switch
    {
        // BUSY, LOCKED, IOERR, PROTOCOL: another process holds the file or the disk hiccupped
        SqliteException e when e.SqliteErrorCode is 5 or 6 or 10 or 15 => SourceErrorKind.Transient,
        // ERROR (no such table, syntax), PERM, READONLY, CANTOPEN, CORRUPT, NOTADB, AUTH ...
        SqliteException => SourceErrorKind.Configuration,
        _ => null,
    };

    // "SQLite Error 1: 'no such table: x'." -> "no such table: x"
    protected override string CleanMessage(Exception exception)
    {
        var message = base.CleanMessage(exception);
        if (exception is SqliteException && message.StartsWith("SQLite Error", StringComparison.Ordinal))
        {
            var open = message.IndexOf('\'');
            var close = message.LastIndexOf('\'');
            if (open >= 0 && close > open)
            {
                return message[(open + 1)..close];
            }
        }
        return message;
    }
}
