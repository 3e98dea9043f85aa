using Workbench.Core.Catalog;

namespace Workbench.Core.Access;

/// <summary>What one caller may see of one dataset, applied by the compiler at every source.</summary>
/// <param name="Allowed">False refuses the whole pipeline.</param>
/// <param name="RowFilter">An expression over the dataset's logical columns ANDed into every read; null for all rows.</param>
/// <param name="Masks">Logical column names and how they read (null of their type, or partially shown text).</param>
public sealed record DatasetPolicy(bool Allowed, string? RowFilter, IReadOnlyDictionary<string, MaskKind> Masks)
{
    public static DatasetPolicy Denied { get; } = new(false, null, new Dictionary<string, MaskKind>());

    public static DatasetPolicy Everything { get; } = new(true, null, new Dictionary<string, MaskKind>());

    /// <summary>A policy hiding <paramref name="columns"/> (null of their type).</summary>
    public static DatasetPolicy Hiding(string? rowFilter, params string[] columns) =>
        new(true, rowFilter, columns.ToDictionary(c => c, _ => MaskKind.Hidden));
}

/// <summary>The caller's access, as the compiler sees it: one <see cref="DatasetPolicy"/> per dataset read.</summary>
public sealed class AccessContext(Caller caller, Func<Dataset, DatasetPolicy> policy, AccessPurpose purpose = AccessPurpose.Query)
{
    public Caller Caller { get; } = caller;

    /// <summary>Why the rows are read; a refusal says which right is missing.</summary>
    public AccessPurpose Purpose { get; } = purpose;

    public DatasetPolicy For(Dataset dataset) => policy(dataset);

    /// <summary>The caller's access through <see cref="DatasetAccess"/> with their active grants.</summary>
    public static AccessContext For(Caller caller, CallerGrants grants, AccessPurpose purpose) =>
        new(caller, dataset => DatasetAccess.Policy(caller, dataset, grants, purpose), purpose);

    /// <summary>Owners' access only, as if nobody had granted anything.</summary>
    public static AccessContext ForCaller(Caller caller) => For(caller, CallerGrants.None, AccessPurpose.Query);
}
