using Npgsql;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;

namespace Workbench.Infrastructure.Connectors.Database;

internal sealed class PostgreSqlSourceEngine : SourceEngine
{
    public override DatabaseEngine Engine => DatabaseEngine.PostgreSql;

    public override StringComparer NameComparer => StringComparer.Ordinal;

    public override async Task<SourceSession> OpenReadOnlyAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A 64 KB read buffer unless the connection string sets one: a big read then waits on the socket an eighth as often.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Read Buffer Size"))
        {
            builder.ReadBufferSize = 1 << 16;
        }
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // The engine refuses every write in this transaction (25006), writable CTEs and functions that write included.
            await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
            return new SourceSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override SourceErrorKind? Classify(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState switch
        {
            // connection exceptions, serialization failure, deadlock, shutdown/terminated, out of resources, statement timeout
            ['0', '8', ..] or "40001" or "40P01" or ['5', '7', 'P', ..] or ['5', '3', ..] or "57014" => SourceErrorKind.Transient,
            _ => SourceErrorKind.Configuration, // 28P01 password, 3D000 database, 42P01 table, 42501 permission, 42601 syntax, 25006 read-only
        },
        NpgsqlException { InnerException: TimeoutException or IOException or System.Net.Sockets.SocketException } => SourceErrorKind.Transient,
        NpgsqlException e => e.IsTransient ? SourceErrorKind.Transient : SourceErrorKind.Configuration,
        _ => null,
    };

    protected override string CleanMessage(Exception exception) => exception is PostgresException e
        ? e.MessageText
        : base.CleanMessage(exception);
}
