namespace Workbench.Core.Catalog;

/// <summary>A dataset (Bộ dữ liệu): metadata here, rows in one warehouse table with synthetic column names.</summary>
public sealed class Dataset
{
    public int Id { get; set; }

    /// <summary>The slug that the API and pipelines use; unique. See <see cref="DatasetKey"/>.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int OwnerAgencyId { get; set; }

    public Agency? OwnerAgency { get; set; }

    public DataClassification Classification { get; set; } = DataClassification.Shared;

    /// <summary>The shared-database catalog entry or indicator group (Nhóm danh mục, Đ5.4).</summary>
    public string? CatalogGroup { get; set; }

    public UpdateFrequency ExpectedUpdateFrequency { get; set; } = UpdateFrequency.Irregular;

    /// <summary>The warehouse table; synthetic, never derived from user text.</summary>
    public required string TableName { get; set; }

    public long RowCount { get; set; }

    /// <summary>Bumped by every successful load; keys caches and drives live refresh.</summary>
    public long DataVersion { get; set; }

    public DateTimeOffset? LastLoadedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Demo figures, always labelled as sample data (Dữ liệu mẫu).</summary>
    public bool IsSample { get; set; }

    public List<DatasetColumn> Columns { get; set; } = [];

    /// <summary>The data quality rules the dataset is checked against (Đ8.2).</summary>
    public List<Quality.QualityRule> QualityRules { get; set; } = [];

    /// <summary>The score of the last quality check (0–100), null before the first.</summary>
    public int? QualityScore { get; set; }

    public DateTimeOffset? QualityCheckedAt { get; set; }

    /// <summary>Columns in their display order.</summary>
    public IReadOnlyList<DatasetColumn> OrderedColumns => [.. Columns.OrderBy(c => c.Ordinal)];
}

/// <summary>A dataset column: the logical name users see and the synthetic physical name the warehouse uses.</summary>
public sealed class DatasetColumn
{
    public int Id { get; set; }

    public int DatasetId { get; set; }

    /// <summary>The logical name (any Unicode, e.g. <c>Dân số</c>).</summary>
    public required string Name { get; set; }

    /// <summary>The warehouse column: <c>c1</c>, <c>c2</c>, ...</summary>
    public required string PhysicalName { get; set; }

    public ColumnType Type { get; set; }

    public int Ordinal { get; set; }

    public string? Description { get; set; }

    /// <summary>Part of the key that upserts match on.</summary>
    public bool IsKey { get; set; }
}

/// <summary>How widely a dataset may be shared (Đ5.6, Decree 47/2020).</summary>
public enum DataClassification
{
    /// <summary>Dữ liệu mở: may be published.</summary>
    Open,
    /// <summary>Dữ liệu dùng chung: shared between agencies by grant.</summary>
    Shared,
    /// <summary>Dữ liệu hạn chế: personal or sensitive; shared only with a legal basis and masking.</summary>
    Restricted,
}

/// <summary>How often the providing agency is expected to update a dataset (Đ7.3).</summary>
public enum UpdateFrequency
{
    Irregular,
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}
