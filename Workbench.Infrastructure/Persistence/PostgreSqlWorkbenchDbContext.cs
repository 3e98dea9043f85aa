using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workbench.Infrastructure.Persistence;

/// <summary>The metadata store on PostgreSQL; owns <c>Migrations/PostgreSql</c>.</summary>
/// <remarks>Note: Npgsql maps DateTimeOffset to timestamptz and refuses values whose offset is not zero: write UTC.</remarks>
public sealed class PostgreSqlWorkbenchDbContext(DbContextOptions<PostgreSqlWorkbenchDbContext> options) : WorkbenchDbContext(options)
{
    internal static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a startup project or a server.</summary>
internal sealed class PostgreSqlWorkbenchDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlWorkbenchDbContext>
{
    public PostgreSqlWorkbenchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlWorkbenchDbContext>();
        PostgreSqlWorkbenchDbContext.Configure(builder, "Host=localhost;Database=workbench;Username=postgres");
        return new PostgreSqlWorkbenchDbContext(builder.Options);
    }
}
