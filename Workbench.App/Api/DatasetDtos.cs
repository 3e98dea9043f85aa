using Workbench.Core.Catalog;

namespace Workbench.App.Api;

/// <summary>A dataset as the API shows it (PIPELINE.md, "HTTP API v1").</summary>
public sealed record DatasetDto(
    string Key,
    string Name,
    string? Description,
    AgencyDto OwnerAgency,
    string Classification,
    string? CatalogGroup,
    string ExpectedUpdateFrequency,
    IReadOnlyList<ColumnDto> Columns,
    long RowCount,
    long DataVersion,
    DateTimeOffset? LastUpdated,
    bool IsSample)
{
    public static DatasetDto From(Dataset dataset) => new(
        dataset.Key,
        dataset.Name,
        dataset.Description,
        new AgencyDto(dataset.OwnerAgency?.Code ?? "", dataset.OwnerAgency?.Name ?? ""),
        dataset.Classification.ToString().ToLowerInvariant(),
        dataset.CatalogGroup,
        dataset.ExpectedUpdateFrequency.ToString().ToLowerInvariant(),
        [.. dataset.OrderedColumns.Select(ColumnDto.From)],
        dataset.RowCount,
        dataset.DataVersion,
        dataset.LastLoadedAt,
        dataset.IsSample);
}

public sealed record AgencyDto(string Code, string Name);

public sealed record ColumnDto(string Name, string Type, bool Key, string? Description)
{
    public static ColumnDto From(DatasetColumn column) =>
        new(column.Name, column.Type.ToContractName(), column.IsKey, column.Description);
}

/// <summary>The body of <c>POST /datasets</c>.</summary>
public sealed record CreateDatasetRequest(
    string? Key,
    string? Name,
    string? OwnerAgency,
    string? Description,
    string? CatalogGroup,
    IReadOnlyList<CreateColumnRequest>? Columns);

public sealed record CreateColumnRequest(string? Name, string? Type, bool? Key, string? Description);

/// <summary>A page of rows: values as JSON numbers, strings, booleans, <c>yyyy-MM-dd</c> dates and ISO 8601 datetimes.</summary>
public sealed record RowsDto(IReadOnlyList<ColumnDto> Columns, IReadOnlyList<object?[]> Rows, long RowCount, long Offset, int Limit);

/// <summary>The outcome of a push or an upload.</summary>
public sealed record LoadResultDto(string Key, string Mode, long RowsLoaded, long RowCount, long DataVersion, bool Created);
