using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workbench.Infrastructure.Persistence;

/// <summary>The metadata store on SQLite, the embedded default; owns <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteWorkbenchDbContext(DbContextOptions<SqliteWorkbenchDbContext> options) : WorkbenchDbContext(options)
{
    internal static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Note: SQLite has no DateTimeOffset type; EF stores it as TEXT and refuses to translate ordering or
        // comparisons on it (audit log by time, expiring grants). UTC ticks in an INTEGER compare and sort
        // correctly; the offset is dropped, which is harmless because every timestamp is written in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without a startup project.</summary>
internal sealed class SqliteWorkbenchDbContextFactory : IDesignTimeDbContextFactory<SqliteWorkbenchDbContext>
{
    public SqliteWorkbenchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkbenchDbContext>();
        SqliteWorkbenchDbContext.Configure(builder, "Data Source=design-time.db");
        return new SqliteWorkbenchDbContext(builder.Options);
    }
}
