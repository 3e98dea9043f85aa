using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Query;
using Workbench.Core.Query.Compilation;

namespace Workbench.Infrastructure.Query;

/// <summary>Why a query was not run: the kind (for the status code), a machine code, a message in the UI language, and the pipeline's errors.</summary>
public sealed record QueryError(ErrorKind Kind, string Code, string Message, IReadOnlyList<PipelineError> Errors)
{
    public const string TimeoutCode = "query.timeout";
}

/// <summary>A value or a <see cref="QueryError"/>: expected failures of a query are values, never exceptions.</summary>
public readonly record struct QueryOutcome<T>(T? Value, QueryError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator QueryOutcome<T>(T value) => new(value, null);

    public static implicit operator QueryOutcome<T>(QueryError error) => new(default, error);
}

/// <summary>What <c>/query/validate</c> answers: validity, the errors, and each step's output columns as far as known.</summary>
public sealed record QueryValidation(bool Valid, IReadOnlyList<PipelineError> Errors, IReadOnlyList<IReadOnlyList<StepColumn>> Schema);

/// <summary>The statement a pipeline compiles to for the configured warehouse.</summary>
public sealed record QuerySql(string Dialect, string Sql, IReadOnlyList<QueryParameter> Parameters);

/// <summary>
/// An interactive result: at most <see cref="QueryOptions.MaxRows"/> rows (<see cref="Truncated"/> when there were more);
/// <see cref="RowCount"/> is the number of rows returned. <see cref="Cached"/> when served from the result cache.
/// </summary>
public sealed record QueryResult(
    IReadOnlyList<StepColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    int RowCount,
    bool Truncated,
    long ElapsedMs,
    bool Cached)
{
    /// <summary>The datasets read, as the compile saw them (data versions, last loads, owners), for provenance and freshness.</summary>
    public IReadOnlyList<Dataset> Sources { get; init; } = [];
}

/// <summary>A preview: the first rows, the total row count of the whole result, and the time both took.</summary>
public sealed record QueryPreview(IReadOnlyList<StepColumn> Columns, IReadOnlyList<object?[]> Rows, long TotalRows, long ElapsedMs);

/// <summary>
/// A download: the columns, the datasets read (for provenance), and every row streamed from the database (no cap, no
/// cache). Enumerate <see cref="Rows"/> once, then call <see cref="QueryService.RecordDownloadAsync"/>.
/// </summary>
public sealed record QueryStream(
    IReadOnlyList<StepColumn> Columns,
    IReadOnlyList<Dataset> Sources,
    string PipelineHash,
    IAsyncEnumerable<object?[]> Rows);
