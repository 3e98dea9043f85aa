using Workbench.Core.Catalog;
using Workbench.Core.Query.Compilation;

namespace Workbench.Core.Scenarios;

/// <summary>The part a column plays in a <see cref="Visual"/>.</summary>
public enum VisualRole
{
    X,
    Series,
    Value,
    SecondaryValue,
}

/// <summary>Why a visual cannot be drawn from a result.</summary>
public enum VisualIssueKind
{
    /// <summary>The visual names a column the result does not have (renamed or removed by a later edit).</summary>
    Missing,

    /// <summary>A value column holds text, dates or booleans where the chart needs numbers.</summary>
    NotNumeric,

    /// <summary>The kind needs a column in this role and none is chosen.</summary>
    Required,
}

/// <summary>One reason a visual does not fit a result: the role, the column (null when none is chosen) and the kind.</summary>
public sealed record VisualIssue(VisualRole Role, string? Column, VisualIssueKind Kind);

/// <summary>
/// Checks a <see cref="Visual"/> against a result's columns before drawing, so that a renamed column or a text
/// column chosen as a value becomes a message for the user instead of an exception in the chart.
/// </summary>
public static class VisualCheck
{
    /// <summary>Every issue, in role order (X, series, values, secondary values); empty when the visual can be drawn.</summary>
    public static IReadOnlyList<VisualIssue> Issues(Visual visual, IReadOnlyList<StepColumn> columns)
    {
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            types.TryAdd(column.Name, column.Type);
        }
        var issues = new List<VisualIssue>();
        var chart = visual.Kind is not (VisualKind.Table or VisualKind.Kpi);

        Single(VisualRole.X, visual.X, required: chart);
        Single(VisualRole.Series, visual.Series, required: visual.Kind == VisualKind.Heatmap);
        if (visual.Values.Count == 0 && visual.Kind != VisualKind.Table)
        {
            issues.Add(new VisualIssue(VisualRole.Value, null, VisualIssueKind.Required));
        }
        foreach (var value in visual.Values)
        {
            Measure(VisualRole.Value, value);
        }
        foreach (var value in visual.SecondaryValues)
        {
            Measure(VisualRole.SecondaryValue, value);
        }
        return issues;

        void Single(VisualRole role, string? column, bool required)
        {
            if (column is null)
            {
                if (required)
                {
                    issues.Add(new VisualIssue(role, null, VisualIssueKind.Required));
                }
            }
            else if (!types.ContainsKey(column))
            {
                issues.Add(new VisualIssue(role, column, VisualIssueKind.Missing));
            }
        }

        void Measure(VisualRole role, string column)
        {
            if (!types.TryGetValue(column, out var type))
            {
                issues.Add(new VisualIssue(role, column, VisualIssueKind.Missing));
            }
            // A table shows any column, and a KPI card shows a date or a name as well as a number.
            else if (chart && type is not (ColumnType.Integer or ColumnType.Number))
            {
                issues.Add(new VisualIssue(role, column, VisualIssueKind.NotNumeric));
            }
        }
    }
}
