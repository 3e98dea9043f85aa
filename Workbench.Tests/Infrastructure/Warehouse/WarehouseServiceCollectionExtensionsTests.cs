using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Abstractions;
using Workbench.Infrastructure.Warehouse;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Warehouse;

public sealed class WarehouseServiceCollectionExtensionsTests
{
    [Fact]
    public void An_unknown_provider_is_refused_naming_the_valid_ones()
    {
        var options = new WarehouseOptions { Provider = "Oracle", ConnectionString = "x" };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWorkbenchWarehouse(options));

        Assert.Contains("Oracle", error.Message);
        Assert.Contains("DuckDb, PostgreSql, SqlServer", error.Message);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("SqlServer")]
    public void A_server_provider_without_a_connection_string_is_refused_naming_the_setting(string provider)
    {
        var options = new WarehouseOptions { Provider = provider };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWorkbenchWarehouse(options));

        Assert.Contains("ConnectionStrings:Warehouse", error.Message);
    }

    [Fact]
    public async Task DuckDb_without_a_connection_string_uses_a_file_in_app_data_under_the_content_root()
    {
        using var root = new TempDirectory();
        var options = new WarehouseOptions { Provider = "duckdb", ContentRootPath = root.Path };

        await using (var services = new ServiceCollection().AddWorkbenchWarehouse(options).BuildServiceProvider())
        {
            var warehouse = services.GetRequiredService<IWarehouse>();
            await warehouse.CheckHealthAsync(TestContext.Current.CancellationToken);

            Assert.Equal("DuckDb", warehouse.Provider);
        }
        Assert.True(File.Exists(Path.Combine(root.Path, "App_Data", "warehouse.duckdb")));
    }

    [Fact]
    public void PostgreSql_registers_a_postgresql_warehouse_without_connecting()
    {
        var options = new WarehouseOptions { Provider = "PostgreSql", ConnectionString = "Host=nowhere;Username=x" };

        using var services = new ServiceCollection().AddWorkbenchWarehouse(options).BuildServiceProvider();

        Assert.Equal("PostgreSql", services.GetRequiredService<IWarehouse>().Provider);
    }
}
