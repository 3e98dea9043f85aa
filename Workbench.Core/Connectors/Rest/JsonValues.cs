using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Imports;

namespace Workbench.Core.Connectors.Rest;

/// <summary>
/// The one place JSON values become column values, by <see cref="CellParser"/>'s conventions: strings are parsed as
/// invariant cell text (<c>"1234.5"</c>, <c>"2024-03-01T08:00:00"</c>); a number is an integer only when it is integral
/// (<c>12</c>, <c>12.0</c>, but not <c>12.5</c>); booleans fit boolean and text; <c>null</c> is null for every type;
/// any value fits text (numbers as written, objects and arrays as their JSON).
/// </summary>
public static class JsonValues
{
    /// <summary>Converts <paramref name="element"/> to a value of <paramref name="type"/>; false when it does not fit.</summary>
    public static bool TryConvert(JsonElement element, ColumnType type, out object? value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                value = null;
                return true;
            case JsonValueKind.String:
                return CellParser.TryParse(element.GetString(), type, NumberStyle.Invariant, out value);
            case JsonValueKind.Number when type == ColumnType.Text:
                // As written: a double round trip would turn 12345678901234567890 into 1.2345678901234567E+19.
                value = element.GetRawText();
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                return CellParser.TryConvert(integer, type, NumberStyle.Invariant, out value);
            case JsonValueKind.Number when element.TryGetDouble(out var number):
                return CellParser.TryConvert(number, type, NumberStyle.Invariant, out value);
            case JsonValueKind.True or JsonValueKind.False:
                return CellParser.TryConvert(element.ValueKind == JsonValueKind.True, type, NumberStyle.Invariant, out value);
            case JsonValueKind.Object or JsonValueKind.Array when type == ColumnType.Text:
                value = element.GetRawText();
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>The value as a person would read it in a problem report: a string's text, anything else as JSON.</summary>
    public static string? Raw(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    /// <summary>A value for <see cref="ColumnTypeInference.Observe(object?)"/>: strings stay text, numbers become long or double.</summary>
    public static object? ForInference(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object or JsonValueKind.Array => element.GetRawText(),
        _ => null,
    };
}
