using System.Text.Json;
using Workbench.Core.Catalog;

namespace Workbench.Core.Pipelines.Model;

/// <summary>A pipeline (PIPELINE.md): a source, declared parameters and an ordered list of steps.</summary>
public sealed record Pipeline(SourceReference Source, IReadOnlyList<PipelineParameter> Parameters, IReadOnlyList<Step> Steps);

/// <summary>A dataset or a saved scenario, by key; exactly one of the two is set.</summary>
public sealed record SourceReference(string? Dataset, string? Scenario)
{
    public static SourceReference ForDataset(string key) => new(key, null);

    public static SourceReference ForScenario(string key) => new(null, key);
}

/// <summary>A declared parameter, used in expressions as <c>[@name]</c>; <paramref name="Default"/> is the raw JSON value, checked against <paramref name="Type"/> when parsed.</summary>
public sealed record PipelineParameter(string Name, ColumnType Type, JsonElement? Default);

/// <summary>A pipeline with the arguments of one run (<c>"arguments": { "nam": 2022 }</c>).</summary>
public sealed record PipelineRun(Pipeline Pipeline, IReadOnlyDictionary<string, JsonElement> Arguments)
{
    /// <summary>
    /// The key of the saved scenario this pipeline is (a run or an edit of it), or null for a pipeline of its own; a
    /// scenario source that leads back to it is then reported as a cycle before it is ever saved.
    /// </summary>
    public string? Scenario { get; init; }
}

/// <summary>One problem with a pipeline: the step index (null for the source or parameters), the field, a message in the UI language and, in expressions, the character offset.</summary>
public sealed record PipelineError(int? Step, string Field, string Message, int? Position = null)
{
    /// <summary>Invalid for a bad pipeline; Forbidden or NotFound for sources the caller may not read or that do not exist.</summary>
    public Common.ErrorKind Kind { get; init; } = Common.ErrorKind.Invalid;
}
