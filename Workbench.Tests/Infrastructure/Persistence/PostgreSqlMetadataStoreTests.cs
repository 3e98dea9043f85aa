using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Persistence;

/// <summary>One fresh PostgreSQL database for the class; the scenarios tolerate each other's rows.</summary>
public sealed class PostgreSqlMetadataStoreTests(PostgresDatabase database) : MetadataStoreTests, IClassFixture<PostgresDatabase>
{
    protected override string Provider => "PostgreSql";

    protected override string ConnectionString => database.ConnectionString;

    protected override Type ExpectedContextType => typeof(PostgreSqlWorkbenchDbContext);
}
