using Workbench.Core.Abstractions;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;
using Workbench.Core.Query.Dialects;
using Workbench.Core.Query.Sql;

namespace Workbench.Core.Pipelines.Passes;

/// <summary>A source after access policy: the CTE that reads it and its columns under their logical names.</summary>
public sealed record SourceTable(Dataset Dataset, string CteName, IReadOnlyList<SchemaColumn> Columns);

/// <summary>The state the passes share while one pipeline compiles. Each pass reads what earlier ones left and adds its part.</summary>
public sealed class CompilationContext(
    PipelineRun run,
    ISourceCatalog catalog,
    AccessContext access,
    SqlDialect dialect,
    IReadOnlyDictionary<int, IReadOnlyList<string>>? pivotValues)
{
    private int _aliases;

    public PipelineRun Run { get; } = run;

    public Pipeline Pipeline => Run.Pipeline;

    public ISourceCatalog Catalog { get; } = catalog;

    public AccessContext Access { get; } = access;

    public SqlDialect Dialect { get; } = dialect;

    public IReadOnlyDictionary<int, IReadOnlyList<string>> PivotValues { get; } = pivotValues ?? new Dictionary<int, IReadOnlyList<string>>();

    public List<PipelineError> Errors { get; } = [];

    /// <summary>Datasets by key, filled by <see cref="ResolveSources"/>.</summary>
    public Dictionary<string, Dataset> Datasets { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources by dataset key after <see cref="ApplyAccessPolicy"/>.</summary>
    public Dictionary<string, SourceTable> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Bound parameters by name (without <c>@</c>), filled by <see cref="BindParameters"/>.</summary>
    public Dictionary<string, ParameterExpression> Parameters { get; } = new(StringComparer.Ordinal);

    public List<CommonTableExpression> Ctes { get; } = [];

    public List<IReadOnlyList<StepColumn>> StepSchemas { get; } = [];

    /// <summary>The CTE holding the rows so far and its columns.</summary>
    public string CurrentCte { get; set; } = "";

    public IReadOnlyList<SchemaColumn> Current { get; set; } = [];

    /// <summary>The order of the latest sort, applied where order matters (limit, the final SELECT).</summary>
    public IReadOnlyList<OrderingExpression> PendingOrder { get; set; } = [];

    public PivotValuesRequest? PivotValuesNeeded { get; set; }

    public CompiledQuery? Query { get; set; }

    public bool HasErrors => Errors.Count > 0;

    /// <summary>Stops later passes: nothing is printed for an invalid pipeline.</summary>
    public bool Stopped => HasErrors || PivotValuesNeeded is not null;

    public string NextAlias() => "x" + (++_aliases).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Error(int? step, string field, string message, int? position = null, ErrorKind kind = ErrorKind.Invalid) =>
        Errors.Add(new PipelineError(step, field, message, position) { Kind = kind });
}

/// <summary>One pass over the pipeline. Passes run in the order <see cref="PipelineCompiler"/> lists them.</summary>
public interface IPipelinePass
{
    Task RunAsync(CompilationContext context, CancellationToken cancellationToken);
}
