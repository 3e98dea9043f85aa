using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Workbench.Infrastructure.Imports;

public static class ImportServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FileImporter"/> with <see cref="ImportOptions"/> bound from the <c>Imports</c> section and checked on start.</summary>
    public static IServiceCollection AddFileImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.Section)
            .Validate(o => o.Limits.MaxBytes > 0 && o.Limits.MaxColumns > 0, "Imports:Limits:MaxBytes and Imports:Limits:MaxColumns must be positive.")
            .Validate(o => o.InferenceRows > 0 && o.PreviewRows >= 0 && o.SampleValues >= 0 && o.MaxErrors > 0 && o.MaxPushMegabytes > 0, "Imports:InferenceRows, Imports:MaxErrors and Imports:MaxPushMegabytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new FileImporter(sp.GetRequiredService<IOptions<ImportOptions>>().Value));
        return services;
    }
}
