namespace Workbench.Core.Pipelines.Model;

/// <summary>One step of a pipeline; the JSON <c>type</c> is <see cref="TypeName"/>.</summary>
public abstract record Step
{
    public abstract string TypeName { get; }
}

/// <summary><c>filter</c>: rows where the expression is true (null counts as false).</summary>
public sealed record FilterStep(string Expression) : Step
{
    public override string TypeName => "filter";
}

/// <summary><c>compute</c>: the input columns plus a new one (replaces a column of the same name).</summary>
public sealed record ComputeStep(string Column, string Expression) : Step
{
    public override string TypeName => "compute";
}

/// <summary><c>select</c>: only these columns, in this order, renamed when <see cref="SelectColumn.As"/> is set.</summary>
public sealed record SelectStep(IReadOnlyList<SelectColumn> Columns) : Step
{
    public override string TypeName => "select";
}

/// <summary>A column of a <c>select</c> step: written as a plain string when it is not renamed.</summary>
public sealed record SelectColumn(string Name, string? As = null)
{
    public string OutputName => As ?? Name;
}

public enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
}

/// <summary><c>join</c>: a dataset or scenario on equal column pairs.</summary>
/// <param name="Columns">Right-side columns to keep; null means all but the keys.</param>
public sealed record JoinStep(
    string? Dataset,
    string? Scenario,
    JoinKind Kind,
    IReadOnlyList<JoinKey> On,
    IReadOnlyList<string>? Columns,
    string? Prefix) : Step
{
    public override string TypeName => "join";
}

public sealed record JoinKey(string Left, string Right);

/// <summary><c>union</c>: rows of both, matched by column name. <see cref="All"/> is true when absent.</summary>
public sealed record UnionStep(string? Dataset, string? Scenario, bool? All) : Step
{
    public override string TypeName => "union";

    public bool IsAll => All ?? true;
}

public enum AggregateFunction
{
    Count,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
}

/// <summary><c>aggregate</c>: group columns plus measures; empty <see cref="GroupBy"/> gives one row.</summary>
public sealed record AggregateStep(IReadOnlyList<string> GroupBy, IReadOnlyList<Measure> Measures) : Step
{
    public override string TypeName => "aggregate";
}

/// <summary>A measure; <see cref="Column"/> absent with <c>count</c> counts rows.</summary>
public sealed record Measure(AggregateFunction Function, string? Column, string As);

/// <summary><c>pivot</c>: row columns plus one column per value of <see cref="Column"/>.</summary>
/// <param name="Values">The values that become columns; null means read the distinct values (at most 100).</param>
public sealed record PivotStep(
    IReadOnlyList<string> Rows,
    string Column,
    string Value,
    AggregateFunction Function,
    IReadOnlyList<string>? Values) : Step
{
    public override string TypeName => "pivot";
}

public enum WindowFunction
{
    RowNumber,
    Rank,
    DenseRank,
    RunningSum,
    Lag,
    Lead,
    PercentOfTotal,
}

/// <summary><c>window</c>: the input columns plus <see cref="Column"/>, computed over partitions.</summary>
public sealed record WindowStep(
    string Column,
    WindowFunction Function,
    string? Of,
    IReadOnlyList<string> PartitionBy,
    IReadOnlyList<SortKey> OrderBy,
    int? Offset) : Step
{
    public override string TypeName => "window";
}

/// <summary><c>sort</c>: the same columns, ordered.</summary>
public sealed record SortStep(IReadOnlyList<SortKey> By) : Step
{
    public override string TypeName => "sort";
}

public sealed record SortKey(string Column, bool Descending = false);

/// <summary><c>limit</c>: at most <see cref="Count"/> rows after skipping <see cref="Offset"/>.</summary>
public sealed record LimitStep(long Count, long? Offset) : Step
{
    public override string TypeName => "limit";
}

/// <summary><c>distinct</c>: distinct rows.</summary>
public sealed record DistinctStep : Step
{
    public override string TypeName => "distinct";
}

/// <summary>Contract names of the enums (<c>countDistinct</c>, <c>percentOfTotal</c>, ...).</summary>
public static class ContractNames
{
    public static string Of(JoinKind kind) => kind.ToString().ToLowerInvariant();

    public static string Of(AggregateFunction function) => Camel(function.ToString());

    public static string Of(WindowFunction function) => Camel(function.ToString());

    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Camel(candidate.ToString()), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static IEnumerable<string> All<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(v => Camel(v.ToString()));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
