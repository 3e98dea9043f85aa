using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Core.Scenarios;

/// <summary>Reads and writes a scenario's visuals and parameter settings as stored JSON (camelCase, enums as names).</summary>
public static class ScenarioDocument
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Vietnamese stays readable in the metadata store; the JSON is never written into HTML as is.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string WriteVisuals(IReadOnlyList<Visual> visuals) => JsonSerializer.Serialize(visuals, Options);

    /// <summary>The visuals, or null when the JSON is not a list of visuals.</summary>
    public static IReadOnlyList<Visual>? ReadVisuals(string json) => Read<List<Visual>>(json);

    public static string WriteParameterSettings(IReadOnlyList<ParameterSetting> settings) => JsonSerializer.Serialize(settings, Options);

    public static IReadOnlyList<ParameterSetting>? ReadParameterSettings(string json) => Read<List<ParameterSetting>>(json);

    private static T? Read<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
