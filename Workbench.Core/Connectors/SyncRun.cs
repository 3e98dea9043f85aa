namespace Workbench.Core.Connectors;

public enum SyncRunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>What started a sync.</summary>
public enum SyncTrigger
{
    Schedule,
    /// <summary>"Chạy ngay" in the connector's page.</summary>
    Manual,
    /// <summary>The providing agency's system pushed rows with the push connector's own key.</summary>
    Push,
    /// <summary>The providing agency uploaded the file due for a file-delivery connector.</summary>
    Delivery,
}

/// <summary>One sync of a connector, as its history and the health overview show it (issue 6 item 7).</summary>
public sealed class SyncRun
{
    public long Id { get; set; }

    public int ConnectorId { get; set; }

    public SyncTrigger Trigger { get; set; }

    public string? StartedByUserId { get; set; }

    /// <summary>The Hangfire job running it: a Running row whose job no live server processes was interrupted.</summary>
    public string? JobId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SyncRunStatus Status { get; set; }

    /// <summary>Attempts made, retries included.</summary>
    public int Attempts { get; set; }

    public long RecordsRead { get; set; }

    public long RowsInserted { get; set; }

    public long RowsUpdated { get; set; }

    public long RowsDeleted { get; set; }

    public int Batches { get; set; }

    public long ProblemCount { get; set; }

    /// <summary>Up to 20 values that did not convert, as JSON (record number, column, raw value, message).</summary>
    public string? ProblemSamplesJson { get; set; }

    /// <summary>Source fields no mapping names (schema drift), as a JSON array.</summary>
    public string? UnmappedFieldsJson { get; set; }

    public string? WatermarkBefore { get; set; }

    public string? WatermarkAfter { get; set; }

    /// <summary>The dataset's data version the sync produced, when it loaded anything.</summary>
    public long? DataVersion { get; set; }

    /// <summary>The target dataset's quality score after this sync (0–100), when it has rules and the sync loaded data.</summary>
    public int? QualityScore { get; set; }

    /// <summary>Rows breaking the dataset's quality rules after this sync, summed over the rules.</summary>
    public long? QualityViolations { get; set; }

    /// <summary>The quality report of this sync as JSON: each rule's violation count and sample rows.</summary>
    public string? QualityReportJson { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }
}
