namespace Workbench.App.Features.Designer;

/// <summary>The other side of a join or union as the user chose it: a dataset key or a scenario key (one of the two).</summary>
public sealed record SourceChoice(string? Dataset, string? Scenario);
