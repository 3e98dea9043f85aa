using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workbench.Core.Abstractions;

namespace Workbench.App.Api;

/// <summary>/health: the warehouse answers a trivial query.</summary>
public sealed class WarehouseHealthCheck(IWarehouse warehouse) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await warehouse.CheckHealthAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{warehouse.Provider} warehouse answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{warehouse.Provider} warehouse does not answer.", exception);
        }
    }
}
