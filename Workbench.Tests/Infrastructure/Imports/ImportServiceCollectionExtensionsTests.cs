using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Infrastructure.Imports;

namespace Workbench.Tests.Infrastructure.Imports;

public class ImportServiceCollectionExtensionsTests
{
    [Fact]
    public void Limits_bind_from_the_imports_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Imports:Limits:MaxBytes"] = "1024", ["Imports:Limits:MaxColumns"] = "7" })
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFileImports().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ImportOptions>>().Value;

        Assert.Equal(1024, options.Limits.MaxBytes);
        Assert.Equal(7, options.Limits.MaxColumns);
        Assert.Equal(500, Workbench.Core.Imports.ImportLimits.Default.MaxColumns);
        Assert.NotNull(provider.GetRequiredService<FileImporter>());
    }
}
