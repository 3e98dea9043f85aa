using System.Data;
using Microsoft.Data.SqlClient;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>SQL Server as a source; it cannot run on the build machines, so only its SQL is tested (golden text).</summary>
internal sealed class SqlServerSourceEngine : SourceEngine
{
    public override DatabaseEngine Engine => DatabaseEngine.SqlServer;

    public override async Task<SourceSession> OpenReadOnlyAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Note: SQL Server has no read-only session. ApplicationIntent=ReadOnly routes to a readable secondary where
        // there is one (where writes fail), and the read runs in a transaction that is always rolled back; only a
        // login that has nothing but SELECT rights (db_datareader) makes writes impossible on a primary.
        var builder = new SqlConnectionStringBuilder(connectionString) { ApplicationIntent = ApplicationIntent.ReadOnly };
        var connection = new SqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
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
        SqlException e when e.Number is -2 or -1 or 2 or 53 or 64 or 121 or 233 or 1205 or 10053 or 10054 or 10060 or 10928 or 10929
            or 40197 or 40501 or 40613 or 49918 or 49919 or 49920 => SourceErrorKind.Transient,
        // 18456 login failed, 4060 database, 208 object, 207 column, 229/230 permission, 102/156 syntax, 3906 read-only
        SqlException e => e.Class >= 20 ? SourceErrorKind.Transient : SourceErrorKind.Configuration,
        _ => null,
    };
}
