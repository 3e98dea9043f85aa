using System.Globalization;
using System.Text.Json;
using Workbench.Core.Catalog;

namespace Workbench.App.Features.Designer;

/// <summary>A parameter value as a person types it (vi-VN numbers, dd/MM/yyyy dates) to and from its JSON form.</summary>
public static class ParameterValues
{
    /// <summary>The JSON value, or null when the text does not fit the type; empty text is no value.</summary>
    public static (bool Ok, JsonElement? Value) Parse(string? text, ColumnType type)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (true, null);
        }
        if (type == ColumnType.Text)
        {
            return (true, JsonSerializer.SerializeToElement(text));
        }
        var literal = FilterConditions.Literal(text, type);
        object? value = type switch
        {
            ColumnType.Integer when literal is not null => long.Parse(literal, CultureInfo.InvariantCulture),
            ColumnType.Number when literal is not null => decimal.Parse(literal, CultureInfo.InvariantCulture),
            ColumnType.Boolean when literal is not null => literal == "true",
            ColumnType.Date when FilterConditions.TryParseDate(text, out var date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ColumnType.DateTime when DateTime.TryParseExact(text, ["dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) => moment.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            _ => null,
        };
        return value is null ? (false, null) : (true, JsonSerializer.SerializeToElement(value));
    }

    /// <summary>The JSON value as a person reads it.</summary>
    public static string Show(JsonElement? value, ColumnType type)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        return v.ValueKind switch
        {
            JsonValueKind.String when type == ColumnType.Date && DateOnly.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Number when type == ColumnType.Number => v.GetDecimal().ToString("#,##0.##########", CultureInfo.GetCultureInfo("vi-VN")),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.GetRawText(),
        };
    }
}
