using System.Globalization;
using OfficeOpenXml;
using Workbench.Core.Scenarios;

namespace Workbench.Infrastructure.Exports;

/// <summary>One tile's sheet: its title, scenario, rows (<see cref="Truncated"/> when capped), chart and sources.</summary>
internal sealed record WorkbookTile(
    string Title,
    string Scenario,
    IReadOnlyList<ExportColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    bool Truncated,
    Visual? Chart,
    KpiFigures? Kpi,
    IReadOnlyList<ExportSource> Sources);

/// <summary>A KPI's value (first row's value column) and, when compared with the previous period, that period's value.</summary>
internal sealed record KpiFigures(string Column, object? Value, object? Previous);

/// <summary>A tile left out of the workbook and why (no right to read or download it, or it did not run).</summary>
internal sealed record SkippedTile(string Title, string Reason);

/// <summary>Everything a whole-dashboard workbook shows, tiles in reading order.</summary>
internal sealed record DashboardWorkbookContent(
    string Name,
    string Key,
    int Version,
    string DownloadedBy,
    string DownloadedByAgency,
    DateTimeOffset DownloadedAt,
    IReadOnlyList<KeyValuePair<string, string>> Filters,
    IReadOnlyList<string> Chips,
    IReadOnlyList<WorkbookTile> Tiles,
    IReadOnlyList<SkippedTile> Skipped);

/// <summary>
/// A whole dashboard as one xlsx (EPPlus): a sheet per tile named from its title, with the header and typed cells of
/// <see cref="XlsxFormattedWriter"/>, a visual tile's native chart (<see cref="XlsxChart"/>), a KPI's value, previous
/// value and change under its rows; then "Nguồn dữ liệu" with the dashboard, the download, filters, chips, and per tile
/// its scenario and sources — and the tiles left out with the reason.
/// </summary>
internal static class DashboardWorkbook
{
    /// <summary>Excel's limit on a sheet name.</summary>
    public const int MaxSheetName = 31;

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Writes the workbook to <paramref name="workbook"/>; returns the rows written over all sheets.</summary>
    public static long Write(Stream workbook, DashboardWorkbookContent content)
    {
        using var package = new ExcelPackage();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { XlsxExporter.ProvenanceSheet };
        var names = new List<string>();
        long rows = 0;
        foreach (var tile in content.Tiles)
        {
            var name = SheetName(tile.Title, used);
            names.Add(name);
            var sheet = package.Workbook.Worksheets.Add(name);
            XlsxFormattedWriter.WriteData(sheet, tile.Columns, tile.Rows);
            if (tile.Chart is not null)
            {
                XlsxChart.Add(sheet, tile.Chart, tile.Columns, tile.Rows.Count);
            }
            if (tile.Kpi is not null)
            {
                WriteKpi(sheet, tile.Rows.Count + 3, tile.Kpi);
            }
            rows += tile.Rows.Count;
        }
        XlsxFormattedWriter.WriteLabelled(package.Workbook.Worksheets.Add(XlsxExporter.ProvenanceSheet), Provenance(content, names));
        package.SaveAs(workbook);
        return rows;
    }

    /// <summary>
    /// A sheet name from a tile title: without Excel's forbidden characters <c>[]:*?/\</c> (and a leading or trailing
    /// apostrophe), at most 31 characters, unique in the workbook (case-insensitively, as Excel compares) by a " (2)" suffix.
    /// </summary>
    public static string SheetName(string title, ISet<string> used)
    {
        var clean = new string([.. title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\') && !char.IsControl(c))]).Trim().Trim('\'').Trim();
        if (clean.Length == 0)
        {
            clean = "Ô";
        }
        var name = Cut(clean, MaxSheetName);
        for (var n = 2; !used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Cut(clean, MaxSheetName - suffix.Length).TrimEnd() + suffix;
        }
        return name;
    }

    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    private static void WriteKpi(ExcelWorksheet sheet, int row, KpiFigures kpi)
    {
        var lines = new List<(string Label, object? Value, string? Format)>
        {
            ($"Giá trị ({kpi.Column})", XlsxCells.Value(kpi.Value), XlsxCells.NumberFormat),
        };
        if (kpi.Previous is not null)
        {
            lines.Add(("Kỳ trước", XlsxCells.Value(kpi.Previous), XlsxCells.NumberFormat));
        }
        if (Number(kpi.Value) is { } current && Number(kpi.Previous) is { } before)
        {
            lines.Add(("Thay đổi", current - before, XlsxCells.NumberFormat));
            if (before != 0)
            {
                lines.Add(("Thay đổi (%)", (current - before) / Math.Abs(before), "0.0%"));
            }
        }
        for (var i = 0; i < lines.Count; i++)
        {
            sheet.SetValue(row + i, 1, lines[i].Label);
            sheet.Cells[row + i, 1].Style.Font.Bold = true;
            if (lines[i].Value is { } value)
            {
                sheet.SetValue(row + i, 2, value);
                if (value is double or long)
                {
                    sheet.Cells[row + i, 2].Style.Numberformat.Format = lines[i].Format;
                }
            }
        }
    }

    private static double? Number(object? value) => value switch
    {
        long or int or short or byte => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => f,
        decimal m => (double)m,
        _ => null,
    };

    private static List<(string Label, string Value)> Provenance(DashboardWorkbookContent content, IReadOnlyList<string> sheets)
    {
        var lines = new List<(string, string)>
        {
            ("Bảng điều khiển", content.Name),
            ("Mã bảng điều khiển", content.Key),
            ("Phiên bản bảng điều khiển", content.Version.ToString(CultureInfo.InvariantCulture)),
            ("Người tải xuống", content.DownloadedBy),
            ("Cơ quan của người tải xuống", content.DownloadedByAgency),
            ("Thời điểm tải xuống", content.DownloadedAt.ToOffset(Vietnam).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) + " (UTC+7)"),
        };
        if (content.Filters.Count == 0)
        {
            lines.Add(("Bộ lọc", "Không có"));
        }
        foreach (var (label, value) in content.Filters)
        {
            lines.Add(($"Bộ lọc: {label}", value));
        }
        lines.Add(("Lọc chéo", content.Chips.Count == 0 ? "Không có" : string.Join("; ", content.Chips)));
        for (var t = 0; t < content.Tiles.Count; t++)
        {
            var tile = content.Tiles[t];
            var prefix = $"Ô {t + 1}";
            lines.Add(($"{prefix}: tiêu đề", tile.Title));
            lines.Add(($"{prefix}: trang tính", sheets[t]));
            lines.Add(($"{prefix}: kịch bản", tile.Scenario));
            lines.Add(($"{prefix}: số dòng", XlsxProvenance.Number(tile.Rows.Count)
                + (tile.Truncated ? " (đã cắt bớt; tải riêng ô này để có đủ các dòng)" : "")));
            for (var s = 0; s < tile.Sources.Count; s++)
            {
                var source = tile.Sources[s];
                var at = $"{prefix}, nguồn {s + 1}";
                lines.Add(($"{at}: bộ dữ liệu", $"{source.Dataset} ({source.Key})"));
                lines.Add(($"{at}: cơ quan sở hữu", source.OwnerAgency));
                lines.Add(($"{at}: phiên bản dữ liệu", XlsxProvenance.Number(source.DataVersion)));
                lines.Add(($"{at}: cập nhật lần cuối", source.LastLoaded is { } loaded
                    ? loaded.ToOffset(Vietnam).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) + " (UTC+7)"
                    : "Chưa nạp dữ liệu"));
            }
        }
        foreach (var skipped in content.Skipped)
        {
            lines.Add(($"Không có trong tệp: {skipped.Title}", skipped.Reason));
        }
        return [.. lines.Select(l => (XlsxCells.Text(l.Item1), XlsxCells.Text(l.Item2)))];
    }
}
