using Workbench.Core.Pipelines.Model;

namespace Workbench.Core.Dashboards;

/// <summary>
/// The rows behind a value a viewer clicked on a tile: the tile's pipeline cut before its last grouping step (an
/// aggregate or a pivot) that groups by the clicked column, filtered by the value. A pipeline that never groups shows
/// its own rows with that value. Cross-filters from other tiles on the grouping columns apply too.
/// </summary>
public static class DrillDown
{
    /// <summary>
    /// The run of the rows behind <paramref name="clicked"/>, or null when the tile's pipeline groups but not by that
    /// column (the value was computed after grouping, so no rows are behind it).
    /// </summary>
    /// <param name="others">Conditions from other tiles' chips; those on columns the grouping keeps apply, the rest cannot.</param>
    public static PipelineRun? Behind(PipelineRun run, TileCondition clicked, IReadOnlyList<TileCondition> others)
    {
        var steps = run.Pipeline.Steps;
        var cut = -1;
        IReadOnlyList<string> kept = [];
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i] is AggregateStep aggregate)
            {
                (cut, kept) = (i, aggregate.GroupBy);
                break;
            }
            if (steps[i] is PivotStep pivot)
            {
                (cut, kept) = (i, pivot.Rows);
                break;
            }
        }
        if (cut < 0)
        {
            return CrossFiltering.Apply(run, [clicked, .. others.Where(o => o.Column != clicked.Column)]);
        }
        if (!kept.Contains(clicked.Column, StringComparer.Ordinal))
        {
            return null;
        }
        var conditions = others.Where(o => o.Column != clicked.Column && kept.Contains(o.Column, StringComparer.Ordinal)).Prepend(clicked).ToList();
        var behind = run with { Pipeline = run.Pipeline with { Steps = [.. steps.Take(cut)] } };
        return CrossFiltering.Apply(behind, conditions);
    }
}
