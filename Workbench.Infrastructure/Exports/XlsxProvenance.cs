using System.Globalization;

namespace Workbench.Infrastructure.Exports;

/// <summary>The "Nguồn dữ liệu" sheet as label/value rows, the same for both xlsx writers; times shown in UTC+7.</summary>
internal static class XlsxProvenance
{
    public const string LabelHeader = "Mục";
    public const string ValueHeader = "Nội dung";

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static IReadOnlyList<(string Label, string Value)> Rows(ExportProvenance provenance, long rows)
    {
        var lines = new List<(string, string)>
        {
            ("Tiêu đề", provenance.Title),
            ("Người tải xuống", provenance.DownloadedBy),
            ("Cơ quan của người tải xuống", provenance.DownloadedByAgency),
            ("Thời điểm tải xuống", Time(provenance.DownloadedAt)),
            ("Số dòng dữ liệu", Number(rows)),
            ("Số nguồn dữ liệu", Number(provenance.Sources.Count)),
        };
        for (var i = 0; i < provenance.Sources.Count; i++)
        {
            var source = provenance.Sources[i];
            var prefix = $"Nguồn {i + 1}";
            lines.Add(($"{prefix}: bộ dữ liệu", source.Dataset));
            lines.Add(($"{prefix}: mã", source.Key));
            lines.Add(($"{prefix}: cơ quan sở hữu", source.OwnerAgency));
            lines.Add(($"{prefix}: phiên bản dữ liệu", Number(source.DataVersion)));
            lines.Add(($"{prefix}: cập nhật lần cuối", source.LastLoaded is { } loaded ? Time(loaded) : "Chưa nạp dữ liệu"));
        }
        if (provenance.Parameters.Count == 0)
        {
            lines.Add(("Tham số", "Không có"));
        }
        foreach (var (name, value) in provenance.Parameters)
        {
            lines.Add(($"Tham số: {name}", value));
        }
        return lines.Select(l => (XlsxCells.Text(l.Item1), XlsxCells.Text(l.Item2))).ToList();
    }

    // Written as text: the sheet is for people to read, and vi-VN separators need no locale on the server.
    private static string Time(DateTimeOffset value) =>
        value.ToOffset(Vietnam).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+7)";

    internal static string Number(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture).Replace(',', '.');
}
