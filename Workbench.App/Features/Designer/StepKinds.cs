using Microsoft.Extensions.Localization;
using MudBlazor;
using Workbench.App.Components.Shared;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query.Compilation;

namespace Workbench.App.Features.Designer;

/// <summary>A step type as the palette shows it: the contract type name, its icon, and a first version of the step to drop in.</summary>
public sealed record StepKind(string Type, string Icon, Func<IReadOnlyList<StepColumn>, IStringLocalizer, Step> Create)
{
    public string LabelKey => "Step." + Type;

    public string HintKey => "Step." + Type + ".Hint";
}

/// <summary>
/// The palette, in the order UI.md and the issue name them, and the one-line summary a step card shows. New steps start
/// from the input columns so that most are valid as dropped (a filter or compute still needs its expression).
/// </summary>
public static class StepKinds
{
    public static readonly IReadOnlyList<StepKind> All =
    [
        new("filter", Icons.Material.Filled.FilterAlt, (_, _) => new FilterStep("")),
        new("compute", Icons.Material.Filled.Functions, (input, l) => new ComputeStep(FreeName(input, l["Step.compute.DefaultName"]), "")),
        new("select", Icons.Material.Filled.ViewColumn, (input, _) => new SelectStep([.. input.Select(c => new SelectColumn(c.Name))])),
        new("join", Icons.Material.Filled.Merge, (_, _) => new JoinStep(null, null, JoinKind.Left, [], null, null)),
        new("union", Icons.Material.Filled.CallMerge, (_, _) => new UnionStep(null, null, null)),
        new("aggregate", Icons.Material.Filled.Summarize, (input, l) => new AggregateStep(
            [.. input.Where(c => c.Type == ColumnType.Text).Take(1).Select(c => c.Name)],
            [new Measure(AggregateFunction.Count, null, FreeName(input, l["Step.aggregate.DefaultName"]))])),
        new("pivot", Icons.Material.Filled.PivotTableChart, (input, _) => new PivotStep(
            [.. input.Where(c => c.Type == ColumnType.Text).Take(1).Select(c => c.Name)],
            input.Where(c => c.Type is ColumnType.Text or ColumnType.Integer).Skip(1).Select(c => c.Name).FirstOrDefault() ?? "",
            input.FirstOrDefault(c => Formats.IsNumeric(c.Type))?.Name ?? "",
            AggregateFunction.Sum, null)),
        new("window", Icons.Material.Filled.FormatListNumbered, (input, l) => new WindowStep(
            FreeName(input, l["Step.window.DefaultName"]), WindowFunction.Rank, null, [],
            [.. input.Where(c => Formats.IsNumeric(c.Type)).Take(1).Select(c => new SortKey(c.Name, Descending: true))], null)),
        new("sort", Icons.Material.Filled.Sort, (input, _) => new SortStep([.. input.Take(1).Select(c => new SortKey(c.Name))])),
        new("limit", Icons.Material.Filled.VerticalAlignTop, (_, _) => new LimitStep(10, null)),
        new("distinct", Icons.Material.Filled.FilterNone, (_, _) => new DistinctStep()),
    ];

    public static StepKind Of(string type) => All.First(k => k.Type == type);

    public static StepKind Of(Step step) => Of(step.TypeName);

    /// <summary>What the step does, in a line, for its card.</summary>
    public static string Summary(Step step, IStringLocalizer l) => step switch
    {
        FilterStep f => Blank(f.Expression, l),
        ComputeStep c => $"{c.Column} = {Blank(c.Expression, l)}",
        SelectStep s => string.Join(", ", s.Columns.Select(c => c.As is null ? c.Name : $"{c.Name} → {c.As}")),
        JoinStep j => l["Step.join.Summary", l["JoinKind." + ContractNames.Of(j.Kind)], j.Dataset ?? j.Scenario ?? "?",
            string.Join(", ", j.On.Select(k => $"{k.Left} = {k.Right}"))],
        UnionStep u => l["Step.union.Summary", u.Dataset ?? u.Scenario ?? "?"],
        AggregateStep a => (a.GroupBy.Count == 0 ? l["Step.aggregate.All"] : l["Step.aggregate.By", string.Join(", ", a.GroupBy)])
            + ": " + string.Join(", ", a.Measures.Select(m => m.As)),
        PivotStep p => l["Step.pivot.Summary", p.Column, l["Function." + ContractNames.Of(p.Function)], p.Value],
        WindowStep w => $"{w.Column} = {l["Window." + ContractNames.Of(w.Function)]}",
        SortStep s => string.Join(", ", s.By.Select(k => k.Column + (k.Descending ? " ↓" : " ↑"))),
        LimitStep l2 => l2.Offset is > 0 ? l["Step.limit.SummaryOffset", l2.Count, l2.Offset] : l["Step.limit.Summary", l2.Count],
        DistinctStep => l["Step.distinct.Hint"],
        _ => step.TypeName,
    };

    /// <summary>A column name not yet taken: <c>Cột mới</c>, then <c>Cột mới 2</c>...</summary>
    public static string FreeName(IReadOnlyList<StepColumn> input, string stem)
    {
        var taken = input.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var name = stem;
        for (var n = 2; taken.Contains(name); n++)
        {
            name = $"{stem} {n}";
        }
        return name;
    }

    private static string Blank(string expression, IStringLocalizer l) =>
        string.IsNullOrWhiteSpace(expression) ? l["Step.NoExpression"] : expression;
}
