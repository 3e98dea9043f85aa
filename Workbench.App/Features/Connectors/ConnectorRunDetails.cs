using System.Text.Json;
using Workbench.Core.Connectors;

namespace Workbench.App.Features.Connectors;

/// <summary>Reads the JSON a run keeps of its problems and unmapped fields, for the run history.</summary>
public static class ConnectorRunDetails
{
    public static IReadOnlyList<string> Strings(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyList<ConversionProblem> Problems(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<ConversionProblem>>(json, JsonSerializerOptions.Web) ?? [];
}
