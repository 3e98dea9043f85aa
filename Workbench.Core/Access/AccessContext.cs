using Workbench.Core.Catalog;

namespace Workbench.Core.Access;

/// <summary>What one caller may see of one dataset, applied by the compiler at every source.</summary>
/// <param name="Allowed">False refuses the whole pipeline.</param>
/// <param name="RowFilter">An expression over the dataset's logical columns ANDed into every read; null for all rows.</param>
/// <param name="MaskedColumns">Logical column names read as null of their type.</param>
public sealed record DatasetPolicy(bool Allowed, string? RowFilter, IReadOnlySet<string> MaskedColumns)
{
    public static DatasetPolicy Denied { get; } = new(false, null, new HashSet<string>());

    public static DatasetPolicy Everything { get; } = new(true, null, new HashSet<string>());
}

/// <summary>
/// The caller's access, as the compiler sees it. Until grants exist, <see cref="ForCaller"/> allows the owner agency and
/// system administrators (<see cref="DatasetAccess.CanQuery"/>) with no row filter or mask; the governance issue fills the policy.
/// </summary>
public sealed class AccessContext(Caller caller, Func<Dataset, DatasetPolicy> policy)
{
    public Caller Caller { get; } = caller;

    public DatasetPolicy For(Dataset dataset) => policy(dataset);

    public static AccessContext ForCaller(Caller caller) =>
        new(caller, dataset => DatasetAccess.CanQuery(caller, dataset) ? DatasetPolicy.Everything : DatasetPolicy.Denied);
}
