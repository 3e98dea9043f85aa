using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Dialects;
using Workbench.Core.Query.Sql;
using Workbench.Core.Scenarios;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>A table a step reads: the CTE that holds it and its columns under their logical names.</summary>
public sealed record SourceTable(string CteName, IReadOnlyList<SchemaColumn> Columns);

/// <summary>
/// A saved scenario a pipeline reads as a table, found by <see cref="ResolveSources"/>: its pipeline, the scenarios that
/// pipeline reads in turn, and where the outer pipeline names it (errors inside it are reported there).
/// </summary>
public sealed class ResolvedScenario(Scenario scenario, Pipeline pipeline, int? step, string field)
{
    public Scenario Scenario { get; } = scenario;

    public string Key => Scenario.Key;

    public Pipeline Pipeline { get; } = pipeline;

    public int? Step { get; } = step;

    public string Field { get; } = field;

    /// <summary>The scenarios its own pipeline reads, by key.</summary>
    public Dictionary<string, ResolvedScenario> Scenarios { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The state the passes share while one pipeline compiles. Each pass reads what earlier ones left and adds its part.
/// A scenario used as a source compiles in a child context (<see cref="ForScenario"/>) that shares the statement being
/// built (CTEs, datasets and their access-checked sources, generated names) but has its own steps, parameters and errors.
/// </summary>
public sealed class CompilationContext
{
    private readonly Shared _shared;

    public CompilationContext(
        PipelineRun run,
        ISourceCatalog catalog,
        AccessContext access,
        SqlDialect dialect,
        IReadOnlyDictionary<int, IReadOnlyList<string>>? pivotValues)
    {
        Run = run;
        _shared = new Shared(catalog, access, dialect, pivotValues ?? new Dictionary<int, IReadOnlyList<string>>());
    }

    private CompilationContext(PipelineRun run, Shared shared, ResolvedScenario scenario, IReadOnlyDictionary<string, ParameterExpression> inherited, int ordinal)
    {
        Run = run;
        _shared = shared;
        Scenario = scenario;
        Scenarios = scenario.Scenarios;
        Inherited = inherited;
        Ordinal = ordinal;
    }

    public PipelineRun Run { get; }

    public Pipeline Pipeline => Run.Pipeline;

    public ISourceCatalog Catalog => _shared.Catalog;

    public AccessContext Access => _shared.Access;

    public SqlDialect Dialect => _shared.Dialect;

    public IReadOnlyDictionary<int, IReadOnlyList<string>> PivotValues => _shared.PivotValues;

    public List<PipelineError> Errors { get; } = [];

    /// <summary>Every dataset the statement reads, at any depth, by key; filled by <see cref="ResolveSources"/>.</summary>
    public Dictionary<string, Dataset> Datasets => _shared.Datasets;

    /// <summary>Sources by dataset key after <see cref="ApplyAccessPolicy"/>, shared by the pipeline and every scenario inside it.</summary>
    public Dictionary<string, SourceTable> Sources => _shared.Sources;

    /// <summary>The scenarios this pipeline reads, by key; filled by <see cref="ResolveSources"/>.</summary>
    public Dictionary<string, ResolvedScenario> Scenarios { get; } = new(StringComparer.Ordinal);

    /// <summary>The results of <see cref="Scenarios"/> as tables, by key, after <see cref="InlineScenarios"/>.</summary>
    public Dictionary<string, SourceTable> ScenarioSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Bound parameters by name (without <c>@</c>), filled by <see cref="BindParameters"/>.</summary>
    public Dictionary<string, ParameterExpression> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>The scenario this context compiles when it is inlined into an outer pipeline; null for the pipeline run itself.</summary>
    public ResolvedScenario? Scenario { get; }

    /// <summary>
    /// For an inlined scenario: the parameters of the pipelines around it, nearest first, which override its own parameters
    /// of the same name and type. Null for the pipeline run itself, whose values come from the run's arguments.
    /// </summary>
    public IReadOnlyDictionary<string, ParameterExpression>? Inherited { get; }

    /// <summary>The parameters a scenario inside this pipeline inherits: this pipeline's own over those it inherited.</summary>
    public IReadOnlyDictionary<string, ParameterExpression> Environment
    {
        get
        {
            var environment = new Dictionary<string, ParameterExpression>(Inherited ?? new Dictionary<string, ParameterExpression>(), StringComparer.Ordinal);
            foreach (var (name, value) in Parameters)
            {
                environment[name] = value;
            }
            return environment;
        }
    }

    private int Ordinal { get; }

    public List<CommonTableExpression> Ctes => _shared.Ctes;

    public List<IReadOnlyList<StepColumn>> StepSchemas { get; } = [];

    /// <summary>The CTE holding the rows so far and its columns.</summary>
    public string CurrentCte { get; set; } = "";

    public IReadOnlyList<SchemaColumn> Current { get; set; } = [];

    /// <summary>The order of the latest sort, applied where order matters (limit, the final SELECT).</summary>
    public IReadOnlyList<OrderingExpression> PendingOrder { get; set; } = [];

    /// <summary>Set by a pivot without values, here or in any scenario inside: the whole statement waits for them.</summary>
    public PivotValuesRequest? PivotValuesNeeded
    {
        get => _shared.PivotValuesNeeded;
        set => _shared.PivotValuesNeeded = value;
    }

    public CompiledQuery? Query { get; set; }

    public bool HasErrors => Errors.Count > 0;

    /// <summary>Stops later passes: nothing is printed for an invalid pipeline.</summary>
    public bool Stopped => HasErrors || PivotValuesNeeded is not null;

    public string NextAlias() => "x" + (++_shared.Aliases).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name of the CTE for step <paramref name="index"/>: <c>s1</c>, ...; inside the n-th inlined scenario <c>sc{n}_s1</c>, ...</summary>
    public string StepCteName(int index) =>
        (Scenario is null ? "" : "sc" + Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_")
        + "s" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key pivot values of step <paramref name="index"/> travel under: the index itself, or a negative key inside a scenario.</summary>
    public int PivotKey(int index) => Scenario is null ? index : -(Ordinal * 1000 + index + 1);

    /// <summary>The table a source reference reads (a dataset's access-checked CTE or a scenario's result); null when it did not resolve.</summary>
    public SourceTable? SourceOf(string? dataset, string? scenario) =>
        scenario is not null ? ScenarioSources.GetValueOrDefault(scenario)
        : dataset is not null ? Sources.GetValueOrDefault(dataset)
        : null;

    /// <summary>A context that compiles <paramref name="scenario"/> into this statement; its parameters inherit this pipeline's.</summary>
    public CompilationContext ForScenario(ResolvedScenario scenario) =>
        new(new PipelineRun(scenario.Pipeline, new Dictionary<string, System.Text.Json.JsonElement>()) { Scenario = scenario.Key },
            _shared, scenario, Environment, ++_shared.Inlined);

    public void Error(int? step, string field, string message, int? position = null, ErrorKind kind = ErrorKind.Invalid) =>
        Errors.Add(new PipelineError(step, field, message, position) { Kind = kind });

    /// <summary>What the pipeline and the scenarios inlined into it share: one statement.</summary>
    private sealed class Shared(ISourceCatalog catalog, AccessContext access, SqlDialect dialect, IReadOnlyDictionary<int, IReadOnlyList<string>> pivotValues)
    {
        public ISourceCatalog Catalog { get; } = catalog;

        public AccessContext Access { get; } = access;

        public SqlDialect Dialect { get; } = dialect;

        public IReadOnlyDictionary<int, IReadOnlyList<string>> PivotValues { get; } = pivotValues;

        public Dictionary<string, Dataset> Datasets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SourceTable> Sources { get; } = new(StringComparer.Ordinal);

        public List<CommonTableExpression> Ctes { get; } = [];

        public PivotValuesRequest? PivotValuesNeeded { get; set; }

        public int Aliases;

        public int Inlined;
    }
}

/// <summary>One pass over the pipeline. Passes run in the order <see cref="PipelineCompiler"/> lists them.</summary>
public interface IPipelinePass
{
    Task RunAsync(CompilationContext context, CancellationToken cancellationToken);
}
