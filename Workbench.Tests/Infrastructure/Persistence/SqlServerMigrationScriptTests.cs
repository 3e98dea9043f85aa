using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Tests.Infrastructure.Persistence;

/// <summary>SQL Server cannot run here: its migrations are pinned by a golden script instead.</summary>
public sealed class SqlServerMigrationScriptTests
{
    // To accept a deliberate change: run the test, review Golden/SqlServer.Migrations.actual.sql,
    // then move it over Golden/SqlServer.Migrations.sql and commit.
    [Fact]
    public void Migration_script_matches_the_golden_file()
    {
        using var db = CreateContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        var golden = GoldenPath("SqlServer.Migrations.sql");
        var actual = Normalize(script);
        var expected = File.Exists(golden) ? Normalize(File.ReadAllText(golden)) : null;
        var actualPath = Path.ChangeExtension(golden, ".actual.sql");
        if (actual != expected)
        {
            File.WriteAllText(actualPath, actual);
            Assert.Fail($"The SQL Server migration script differs from {golden}. Review {actualPath} and, if the change is intended, move it over the golden file.");
        }
        File.Delete(actualPath);
    }

    [Fact]
    public void Every_providers_model_matches_its_migrations()
    {
        using var sqlServer = CreateContext();
        using var sqlite = new SqliteWorkbenchDbContext(new DbContextOptionsBuilder<SqliteWorkbenchDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgreSql = new PostgreSqlWorkbenchDbContext(new DbContextOptionsBuilder<PostgreSqlWorkbenchDbContext>().UseNpgsql("Host=unused").Options);

        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server: add a migration");
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: add a migration");
        Assert.False(postgreSql.Database.HasPendingModelChanges(), "PostgreSQL: add a migration");
    }

    private static SqlServerWorkbenchDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqlServerWorkbenchDbContext>().UseSqlServer("Server=unused;Database=Workbench").Options);

    private static string Normalize(string sql) => sql.ReplaceLineEndings("\n").Trim() + "\n";

    private static string GoldenPath(string name, [CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Golden", name);
}
