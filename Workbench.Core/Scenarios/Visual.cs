namespace Workbench.Core.Scenarios;

/// <summary>The kinds of visual a scenario can show.</summary>
public enum VisualKind
{
    Bar,
    Line,
    Area,
    Pie,
    Scatter,
    /// <summary>Bars for <see cref="Visual.Values"/>, lines on a second axis for <see cref="Visual.SecondaryValues"/>.</summary>
    Combo,
    Heatmap,
    Table,
    Kpi,
}

/// <summary>
/// A chart of a scenario's result, by column names of its last step: <see cref="X"/> the category or x axis (pie: the
/// slices; heatmap: the columns), <see cref="Series"/> splits values into series (heatmap: the rows),
/// <see cref="Values"/> the measures (KPI: the first one).
/// </summary>
public sealed record Visual(
    VisualKind Kind,
    string Title,
    string? X = null,
    string? Series = null,
    IReadOnlyList<string>? Values = null,
    IReadOnlyList<string>? SecondaryValues = null,
    bool Horizontal = false,
    bool Stacked = false,
    bool Donut = false,
    string Palette = Visual.DefaultPalette)
{
    public const string DefaultPalette = "workbench";

    public IReadOnlyList<string> Values { get; init; } = Values ?? [];

    public IReadOnlyList<string> SecondaryValues { get; init; } = SecondaryValues ?? [];

    // Lists compare by content, so an edit that changes nothing is no change (undo, unsaved-changes checks).
    public bool Equals(Visual? other) =>
        other is not null && Kind == other.Kind && Title == other.Title && X == other.X && Series == other.Series
        && Values.SequenceEqual(other.Values) && SecondaryValues.SequenceEqual(other.SecondaryValues)
        && Horizontal == other.Horizontal && Stacked == other.Stacked && Donut == other.Donut && Palette == other.Palette;

    public override int GetHashCode() => HashCode.Combine(Kind, Title, X, Series, Values.Count, SecondaryValues.Count);

    /// <summary>Every column the visual names, to check against the result's columns.</summary>
    public IEnumerable<string> Columns() =>
        new[] { X, Series }.OfType<string>().Concat(Values).Concat(SecondaryValues);
}

/// <summary>Where a parameter's allowed values come from: the distinct values of a dataset column.</summary>
public sealed record AllowedValuesSource(string Dataset, string Column);

/// <summary>The designer's settings for one declared parameter: a label for the run view and its allowed values.</summary>
public sealed record ParameterSetting(string Name, string? Label = null, AllowedValuesSource? ValuesFrom = null);
