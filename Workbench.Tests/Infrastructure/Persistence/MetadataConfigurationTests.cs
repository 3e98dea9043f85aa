using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Persistence;

public sealed class MetadataConfigurationTests
{
    [Fact]
    public void An_unknown_provider_is_refused_with_the_valid_names()
    {
        using var root = new TempDirectory();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWorkbenchMetadata("Oracle", "x", root.Path));

        Assert.Contains("Oracle", error.Message);
        Assert.Contains("Sqlite, SqlServer, PostgreSql", error.Message);
    }

    [Theory]
    [InlineData("SqlServer", null)]
    [InlineData("PostgreSql", "")]
    [InlineData("postgresql", "  ")]
    public void A_server_provider_without_a_connection_string_names_the_setting(string provider, string? connectionString)
    {
        using var root = new TempDirectory();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWorkbenchMetadata(provider, connectionString, root.Path));

        Assert.Contains("ConnectionStrings:Metadata", error.Message);
    }

    [Fact]
    public void Sqlite_without_a_connection_string_uses_App_Data_under_the_content_root()
    {
        using var root = new TempDirectory();
        using var services = new ServiceCollection().AddWorkbenchMetadata("Sqlite", null, root.Path).BuildServiceProvider();
        using var scope = services.CreateScope();

        var connectionString = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>().Database.GetConnectionString();

        Assert.Equal($"Data Source={Path.Combine(root.Path, "App_Data", "workbench.db")}", connectionString);
        Assert.True(Directory.Exists(Path.Combine(root.Path, "App_Data")));
    }

    [Theory]
    [InlineData("Sqlite", typeof(SqliteWorkbenchDbContext))]
    [InlineData("", typeof(SqliteWorkbenchDbContext))]
    [InlineData("SqlServer", typeof(SqlServerWorkbenchDbContext))]
    [InlineData("PostgreSql", typeof(PostgreSqlWorkbenchDbContext))]
    public void The_base_context_resolves_to_the_providers_context(string provider, Type expected)
    {
        using var root = new TempDirectory();
        using var services = new ServiceCollection().AddWorkbenchMetadata(provider, "Server=unused;Host=unused", root.Path).BuildServiceProvider();
        using var scope = services.CreateScope();

        var scoped = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        using var created = services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContext();

        Assert.IsType(expected, scoped);
        Assert.IsType(expected, created);
    }

    [Fact]
    public void Registrations_validate_without_Identity()
    {
        using var root = new TempDirectory();
        var services = new ServiceCollection().AddLogging().AddWorkbenchMetadata("Sqlite", null, root.Path);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>());
    }

    [Fact]
    public void The_host_builder_reads_the_Metadata_section_and_fails_fast()
    {
        using var root = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Metadata:Provider"] = "MySql" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddWorkbenchMetadata());

        Assert.Contains("Metadata:Provider", error.Message);
        Assert.Contains("Sqlite, SqlServer, PostgreSql", error.Message);
    }
}
