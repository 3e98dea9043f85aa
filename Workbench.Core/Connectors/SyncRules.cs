using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors;

/// <summary>How a sync writes into its dataset.</summary>
public enum SyncMode
{
    /// <summary>Every sync reads everything; the new rows replace the old only when the whole read succeeded.</summary>
    FullRefresh,
    /// <summary>Reads what is newer than the watermark and appends it, batch by batch.</summary>
    IncrementalAppend,
    /// <summary>Reads what is newer than the watermark and updates rows by the dataset's key, inserting the rest.</summary>
    IncrementalUpsert,
}

/// <summary>
/// Past how many values that do not convert a sync fails (<c>Connectors:MaxConversionProblems</c>,
/// <c>Connectors:MaxConversionShare</c>): a few bad values are reported with samples and their rows left out; many
/// mean the source changed and loading the rest would mislead.
/// </summary>
public sealed record ConversionThreshold(long MaxProblems = 1_000, double MaxShare = 0.05)
{
    /// <summary>Problems kept as samples for the sync's report.</summary>
    public const int SampleSize = 20;

    /// <summary>Below this many records a share says little, so only <see cref="MaxProblems"/> applies.</summary>
    public const long MinRecordsForShare = 100;

    public bool IsExceeded(long problems, long records) =>
        problems > MaxProblems || (records >= MinRecordsForShare && (double)problems / records > MaxShare);

    public Error Failure(long problems, long records) => new(ErrorKind.Invalid, "sync.too-many-conversion-problems",
        Text.Pick("{0} trên {1} giá trị đọc được không chuyển được sang kiểu của cột (ngưỡng: {2} giá trị hoặc {3:P0}); đồng bộ dừng để không nạp dữ liệu sai. Xem các mẫu lỗi, sửa ánh xạ cột hoặc đề nghị cơ quan cung cấp sửa dữ liệu.",
            "{0} of {1} records have values that do not convert to their column's type (limit: {2} or {3:P0}); the sync stopped rather than load misleading data. See the samples, fix the column mapping or ask the providing agency to fix the data.",
            problems, records, MaxProblems, MaxShare));
}

/// <summary>The load mode of each sync mode, in one place.</summary>
public static class SyncModes
{
    public static LoadMode LoadMode(this SyncMode mode) => mode switch
    {
        SyncMode.FullRefresh => Catalog.LoadMode.Replace,
        SyncMode.IncrementalAppend => Catalog.LoadMode.Append,
        SyncMode.IncrementalUpsert => Catalog.LoadMode.Upsert,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static bool IsIncremental(this SyncMode mode) => mode != SyncMode.FullRefresh;
}
