using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Exports;

/// <summary>A column of an export: its logical name (the header) and its type, which picks the cell format.</summary>
public sealed record ExportColumn(string Name, ColumnType Type);

/// <summary>
/// Where a download came from, written to the "Nguồn dữ liệu" sheet: the title (scenario or dataset), the datasets
/// read, the parameters used, and who downloaded it when.
/// </summary>
public sealed record ExportProvenance(
    string Title,
    IReadOnlyList<ExportSource> Sources,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string DownloadedBy,
    string DownloadedByAgency,
    DateTimeOffset DownloadedAt);

/// <summary>A dataset an export read: its name, key, owner agency, data version and last load time (null: never loaded).</summary>
public sealed record ExportSource(string Dataset, string Key, string OwnerAgency, long DataVersion, DateTimeOffset? LastLoaded);

/// <summary>
/// How many rows an xlsx download holds: up to <see cref="FormattedMaxRows"/> through EPPlus (formatted), then up to
/// <see cref="MaxRows"/> through MiniExcel (streamed); past that <see cref="ExportTooLargeException"/>.
/// </summary>
public sealed record XlsxRowLimits
{
    public static readonly XlsxRowLimits Default = new(XlsxExporter.FormattedMaxRows, XlsxExporter.MaxRows);

    public XlsxRowLimits(int formattedMaxRows, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(formattedMaxRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(formattedMaxRows, maxRows);
        // Note: a sheet holds 1,048,576 rows and the header takes one; a larger limit would write a broken file.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRows, XlsxExporter.MaxRows);
        FormattedMaxRows = formattedMaxRows;
        MaxRows = maxRows;
    }

    public int FormattedMaxRows { get; }

    public int MaxRows { get; }
}
