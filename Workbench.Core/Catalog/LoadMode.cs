namespace Workbench.Core.Catalog;

/// <summary>How a load meets the rows a dataset already has.</summary>
public enum LoadMode
{
    /// <summary>Adds the rows.</summary>
    Append,
    /// <summary>Replaces every row, atomically: readers see all old or all new rows.</summary>
    Replace,
    /// <summary>Updates rows whose key columns match and inserts the rest.</summary>
    Upsert,
}
