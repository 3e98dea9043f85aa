using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Catalog;

/// <summary>A dataset to create.</summary>
public sealed record NewDataset(
    string Key,
    string Name,
    int OwnerAgencyId,
    IReadOnlyList<NewColumn> Columns,
    string? Description = null,
    string? CatalogGroup = null,
    DataClassification Classification = DataClassification.Shared,
    UpdateFrequency Frequency = UpdateFrequency.Irregular,
    bool IsSample = false);

/// <summary>A column of a dataset to create.</summary>
public sealed record NewColumn(string Name, ColumnType Type, bool IsKey = false, string? Description = null);

/// <summary>A catalog line: a dataset and whether the caller may use its rows.</summary>
public sealed record CatalogEntry(Dataset Dataset, bool CanQuery, bool CanLoad);

/// <summary>The outcome of a load.</summary>
public sealed record LoadResult(long RowsLoaded, long RowCount, long DataVersion);

/// <summary>A page of rows with the dataset's columns.</summary>
public sealed record RowPage(IReadOnlyList<DatasetColumn> Columns, IReadOnlyList<object?[]> Rows, long TotalRows);
