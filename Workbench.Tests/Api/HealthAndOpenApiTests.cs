using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>The anonymous endpoints beside the API: <c>/health</c> and the OpenAPI document.</summary>
public sealed class HealthAndOpenApiTests(WorkbenchAppFactory factory) : IClassFixture<WorkbenchAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_answers_healthy_without_a_key()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Health_checks_both_the_metadata_store_and_the_warehouse()
    {
        var health = factory.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(Ct);

        Assert.Equal(["metadata", "warehouse"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        Assert.Contains("DuckDb", report.Entries["warehouse"].Description);
    }

    [Fact]
    public async Task OpenApi_document_is_served_anonymously_and_lists_the_dataset_endpoints()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        Assert.Equal("Workbench API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/datasets", paths);
        Assert.Contains("/api/v1/datasets/{key}", paths);
        Assert.Contains("/api/v1/datasets/{key}/rows", paths);
        Assert.Contains("/api/v1/datasets/{key}/upload", paths);
    }
}
