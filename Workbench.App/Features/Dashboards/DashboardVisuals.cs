using Workbench.Core.Access;
using Workbench.Core.Dashboards;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Scenarios;

namespace Workbench.App.Features.Dashboards;

/// <summary>The scenario visual each visual tile draws, as far as the viewer may open the scenario.</summary>
internal static class DashboardVisuals
{
    public static async Task<Dictionary<string, Visual>> LoadAsync(
        ScenarioService scenarios, Caller caller, DashboardDocument document, CancellationToken cancellationToken)
    {
        var visuals = new Dictionary<string, Visual>(StringComparer.Ordinal);
        foreach (var tile in document.Tiles.Where(t => t is { Kind: TileKind.Visual, ScenarioKey: not null }))
        {
            // A viewer who may not open the scenario still gets its rows; the tile then shows them as a table.
            if ((await scenarios.GetAsync(caller, tile.ScenarioKey!, cancellationToken)).Value is { } scenario
                && ScenarioDocument.ReadVisuals(scenario.VisualsJson) is { Count: > 0 } list)
            {
                visuals[tile.Id] = list[Math.Min(tile.VisualIndex ?? 0, list.Count - 1)];
            }
        }
        return visuals;
    }
}
