using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;

namespace Workbench.Core.Dashboards;

/// <summary>A chip from a click on a tile: "<see cref="Column"/> = <see cref="Value"/>" (JSON null for an empty value).</summary>
public sealed record CrossFilter(string TileId, string Column, ColumnType Type, JsonElement Value)
{
    /// <summary>The query-string parameter that carries chips (one per chip), so a cross-filtered view can be shared and downloaded.</summary>
    public const string QueryName = "chip";

    /// <summary>The chip as one query-string value: the JSON array <c>["tile", "column", "type", value]</c>.</summary>
    public string ToQuery() => JsonSerializer.Serialize(new object[] { TileId, Column, Type.ToContractName(), Value });

    /// <summary>The chip of a query-string value written by <see cref="ToQuery"/>; null for anything else.</summary>
    public static CrossFilter? FromQuery(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2_000)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            var parts = json.RootElement;
            if (parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() != 4
                || parts[0].ValueKind != JsonValueKind.String || parts[1].ValueKind != JsonValueKind.String
                || parts[2].ValueKind != JsonValueKind.String || !ColumnTypes.TryParse(parts[2].GetString(), out var type)
                || parts[3].ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            {
                return null;
            }
            return new CrossFilter(parts[0].GetString()!, parts[1].GetString()!, type, parts[3].Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A condition a cross-filter adds to a tile's result: its column, typed as the tile's result has it.</summary>
public sealed record TileCondition(string Column, ColumnType Type, JsonElement Value);

/// <summary>What one tile runs with: its scenario's arguments as text (from the filters) and the cross-filter conditions.</summary>
public sealed record TileArguments(string TileId, IReadOnlyDictionary<string, string> Arguments, IReadOnlyList<TileCondition> Conditions);

/// <summary>
/// The filter bar and the cross-filter chips turned into each tile's run: filters fill the scenario parameters they
/// are bound to; a chip filters every other tile whose result has its column (of a compatible type) by a filter step
/// appended to the tile's pipeline, its value bound as a parameter, never written into the expression.
/// </summary>
public static class CrossFiltering
{
    /// <param name="filterValues">The filter bar's values by filter name; a filter absent here takes its default.</param>
    /// <param name="resultColumns">Each scenario tile's result columns; a tile absent here gets no cross-filter.</param>
    public static IReadOnlyList<TileArguments> ForTiles(
        DashboardDocument document,
        IReadOnlyDictionary<string, string> filterValues,
        IReadOnlyList<CrossFilter> crossFilters,
        IReadOnlyDictionary<string, IReadOnlyList<StepColumn>> resultColumns)
    {
        var tiles = new List<TileArguments>();
        foreach (var tile in document.Tiles.Where(t => t.Kind != TileKind.Text))
        {
            var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var filter in document.Filters)
            {
                var value = filterValues.TryGetValue(filter.Name, out var chosen) ? chosen : filter.Default;
                if (string.IsNullOrEmpty(value))
                {
                    continue; // no value: the scenario's own default applies
                }
                foreach (var binding in filter.Bindings.Where(b => b.TileId == tile.Id))
                {
                    arguments[binding.ParameterName] = value;
                }
            }
            var conditions = new List<TileCondition>();
            if (resultColumns.TryGetValue(tile.Id, out var columns))
            {
                foreach (var chip in crossFilters.Where(c => c.TileId != tile.Id))
                {
                    if (columns.FirstOrDefault(c => c.Name == chip.Column) is { } column && Compatible(chip.Type, column.Type)
                        && !chip.Column.Contains(']') && conditions.All(c => c.Column != chip.Column))
                    {
                        conditions.Add(new TileCondition(column.Name, column.Type, chip.Value));
                    }
                }
            }
            tiles.Add(new TileArguments(tile.Id, arguments, conditions));
        }
        return tiles;
    }

    /// <summary>The run with one filter step appended for the conditions, each value a parameter of its own.</summary>
    public static PipelineRun Apply(PipelineRun run, IReadOnlyList<TileCondition> conditions) => Apply(run, conditions, atSource: false);

    /// <summary>
    /// The chips that cannot filter a tile's result (its grouping dropped their column, as a province total drops the
    /// district) but can filter its source, which has the column: the rows are narrowed before any step, so the total
    /// becomes the clicked district's. <paramref name="applied"/> are the tile's result conditions, which win.
    /// </summary>
    public static IReadOnlyList<TileCondition> ForSource(
        string tileId, IReadOnlyList<CrossFilter> crossFilters, IReadOnlyList<TileCondition> applied, IReadOnlyList<StepColumn> sourceColumns)
    {
        var conditions = new List<TileCondition>();
        foreach (var chip in crossFilters.Where(c => c.TileId != tileId && applied.All(a => a.Column != c.Column)))
        {
            if (sourceColumns.FirstOrDefault(c => c.Name == chip.Column) is { } column && Compatible(chip.Type, column.Type)
                && !chip.Column.Contains(']') && conditions.All(c => c.Column != chip.Column))
            {
                conditions.Add(new TileCondition(column.Name, column.Type, chip.Value));
            }
        }
        return conditions;
    }

    /// <summary>The run with one filter step put first, on the source's rows, for the conditions (see <see cref="ForSource"/>).</summary>
    public static PipelineRun ApplyAtSource(PipelineRun run, IReadOnlyList<TileCondition> conditions) => Apply(run, conditions, atSource: true);

    private static PipelineRun Apply(PipelineRun run, IReadOnlyList<TileCondition> conditions, bool atSource)
    {
        if (conditions.Count == 0)
        {
            return run;
        }
        var parameters = run.Pipeline.Parameters.ToList();
        var arguments = new Dictionary<string, JsonElement>(run.Arguments, StringComparer.Ordinal);
        var parts = new List<string>();
        foreach (var condition in conditions)
        {
            if (condition.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                parts.Add($"IsNull([{condition.Column}])");
                continue;
            }
            var name = FreeName(parameters);
            parameters.Add(new PipelineParameter(name, condition.Type, null));
            arguments[name] = condition.Value;
            parts.Add($"[{condition.Column}] = [@{name}]");
        }
        var pipeline = run.Pipeline with
        {
            Parameters = parameters,
            Steps = atSource
                ? [new FilterStep(string.Join(" and ", parts)), .. run.Pipeline.Steps]
                : [.. run.Pipeline.Steps, new FilterStep(string.Join(" and ", parts))],
        };
        return run with { Pipeline = pipeline, Arguments = arguments };
    }

    /// <summary>
    /// The run of the previous period: <paramref name="parameter"/> (an integer, e.g. the year) one less than in
    /// <paramref name="run"/>, from its argument or else its default; null when it has neither or is not an integer.
    /// </summary>
    public static PipelineRun? PreviousPeriod(PipelineRun run, string parameter)
    {
        if (run.Pipeline.Parameters.FirstOrDefault(p => p.Name == parameter) is not { Type: ColumnType.Integer } declared)
        {
            return null;
        }
        var current = run.Arguments.TryGetValue(parameter, out var given) ? given : declared.Default;
        if (current is not { ValueKind: JsonValueKind.Number } number || !number.TryGetInt64(out var period))
        {
            return null;
        }
        var arguments = new Dictionary<string, JsonElement>(run.Arguments, StringComparer.Ordinal)
        {
            [parameter] = JsonSerializer.SerializeToElement(period - 1),
        };
        return run with { Arguments = arguments };
    }

    private static bool Compatible(ColumnType chip, ColumnType column) =>
        chip == column || (chip is ColumnType.Integer or ColumnType.Number && column is ColumnType.Integer or ColumnType.Number);

    private static string FreeName(List<PipelineParameter> parameters)
    {
        for (var n = 1; ; n++)
        {
            var name = $"locCheo{n}";
            if (parameters.All(p => p.Name != name))
            {
                return name;
            }
        }
    }
}
