using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workbench.Infrastructure.Persistence;

/// <summary>The metadata store on SQL Server, the production target; owns <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerWorkbenchDbContext(DbContextOptions<SqlServerWorkbenchDbContext> options) : WorkbenchDbContext(options)
{
    internal static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a startup project or a server.</summary>
internal sealed class SqlServerWorkbenchDbContextFactory : IDesignTimeDbContextFactory<SqlServerWorkbenchDbContext>
{
    public SqlServerWorkbenchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlServerWorkbenchDbContext>();
        SqlServerWorkbenchDbContext.Configure(builder, "Server=localhost;Database=Workbench;Integrated Security=true;TrustServerCertificate=true");
        return new SqlServerWorkbenchDbContext(builder.Options);
    }
}
