using Microsoft.Data.Sqlite;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Persistence;

/// <summary>Each test gets its own SQLite file.</summary>
public sealed class SqliteMetadataStoreTests : MetadataStoreTests
{
    private readonly TempDirectory _directory = new();

    protected override string Provider => "Sqlite";

    protected override string ConnectionString => $"Data Source={_directory.File("metadata.db")}";

    protected override Type ExpectedContextType => typeof(SqliteWorkbenchDbContext);

    protected override ValueTask DisposeDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
