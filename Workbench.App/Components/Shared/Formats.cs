using System.Globalization;
using Workbench.Core.Catalog;

namespace Workbench.App.Components.Shared;

/// <summary>How values look in the UI: vi-VN numbers (1.234.567,89) and dd/MM/yyyy dates in both languages, times in UTC+7.</summary>
public static class Formats
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The province's time zone (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).</summary>
    public static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    /// <summary>Groups thousands from five digits on: 2024 stays a year, 12.345 is a quantity (ISO 80000 allows both).</summary>
    public static string Number(long value) => value is > -10_000 and < 10_000
        ? value.ToString(CultureInfo.InvariantCulture)
        : value.ToString("N0", Vietnamese);

    public static string Number(double value) => value.ToString("#,##0.##########", Vietnamese);

    public static string Date(DateOnly value) => value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime value) => value.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A moment in the province's time zone, e.g. <c>27/11/2026 14:05</c>.</summary>
    public static string Moment(DateTimeOffset value) =>
        value.ToOffset(ProvinceOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Moment(DateTimeOffset? value) => value is { } v ? Moment(v) : "—";

    /// <summary>A moment to the second in the province's time zone, e.g. <c>27/11/2026 14:05:09</c> (the audit log).</summary>
    public static string Instant(DateTimeOffset value) =>
        value.ToOffset(ProvinceOffset).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A cell as text; the UI's localised words for booleans are passed in.</summary>
    public static string Cell(object? value, string yes, string no) => value switch
    {
        null => "",
        long l => Number(l),
        int i => Number(i),
        double d => Number(d),
        decimal m => Number((double)m),
        bool b => b ? yes : no,
        DateOnly d => Date(d),
        System.DateTime t => DateTime(t),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A parameter value (JSON, as pipelines carry it) as a civil servant reads it: vi-VN numbers, dd/MM/yyyy dates.</summary>
    public static string Argument(System.Text.Json.JsonElement value, string yes, string no) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Number when value.TryGetInt64(out var integer) => Number(integer),
        System.Text.Json.JsonValueKind.Number => Number(value.GetDouble()),
        System.Text.Json.JsonValueKind.True => yes,
        System.Text.Json.JsonValueKind.False => no,
        System.Text.Json.JsonValueKind.String when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", out var date) => Date(date),
        System.Text.Json.JsonValueKind.String => value.GetString() ?? "",
        _ => "—",
    };

    public static bool IsNumeric(ColumnType type) => type is ColumnType.Integer or ColumnType.Number;
}
