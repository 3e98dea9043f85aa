using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Dashboards;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Dashboards;

/// <summary>Scenarios and dashboards over the demo data for the dashboard tests.</summary>
internal static class DashboardScenarios
{
    public const string Population = "dan-so-theo-huyen";
    public const string Revenue = "thu-ngan-sach";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The population of each district in the year <c>nam</c> (default 2024).</summary>
    public static string ByDistrict => """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2024 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [ "Huyện" ], "measures": [ { "function": "sum", "column": "Dân số", "as": "Dân số" } ] } ] }
        """;

    /// <summary>The province's population in the year <c>nam</c>: one row.</summary>
    public static string Total => """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2024 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "aggregate", "groupBy": [], "measures": [ { "function": "sum", "column": "Dân số", "as": "Dân số" } ] } ] }
        """;

    public static string RevenueByDistrict => """
        { "source": { "dataset": "thu-ngan-sach" },
          "parameters": [],
          "steps": [ { "type": "aggregate", "groupBy": [ "Huyện" ], "measures": [ { "function": "count", "as": "Số dòng" } ] } ] }
        """;

    /// <summary>A saved scenario of <paramref name="owner"/> with <paramref name="pipeline"/>, published to <paramref name="audience"/> when given.</summary>
    public static async Task<string> ScenarioAsync(
        IServiceProvider services, Caller owner, string name, string dataset, string pipeline, Caller? publisher = null, params AudienceChoice[] audience)
    {
        var scenarios = services.GetRequiredService<ScenarioService>();
        var created = (await scenarios.CreateAsync(owner, name, null, dataset, Ct)).Value!;
        var saved = await scenarios.SaveAsync(owner, created.Key, new ScenarioContent(name, null, pipeline, [], []), created.Version, Ct);
        Assert.Null(saved.Error);
        if (audience.Length > 0)
        {
            Assert.Null((await scenarios.PublishAsync(publisher ?? owner, created.Key, audience, Ct)).Error);
        }
        return created.Key;
    }

    /// <summary>A dashboard of <paramref name="owner"/> holding <paramref name="document"/> as its version 2.</summary>
    public static async Task<Dashboard> DashboardAsync(IServiceProvider services, Caller owner, string name, DashboardDocument document)
    {
        var dashboards = services.GetRequiredService<DashboardService>();
        var created = (await dashboards.CreateAsync(owner, name, null, Ct)).Value!;
        var saved = await dashboards.SaveAsync(owner, created.Key, new DashboardContent(name, null, document), created.Version, Ct);
        Assert.True(saved.Error is null, saved.Error?.Message + string.Join("; ", saved.Error?.Details ?? []));
        return saved.Value!;
    }

    public static DashboardTile Tile(string id, string scenario, int index, TileKind kind = TileKind.Table, KpiSettings? kpi = null) =>
        new(id, kind, "Ô " + id, new TilePosition(index % 3 * 4, index / 3 * 4, 4, 4), scenario, Kpi: kpi);
}
