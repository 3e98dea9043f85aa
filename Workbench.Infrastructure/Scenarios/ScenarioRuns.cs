using System.Globalization;
using System.Text.Json;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;

namespace Workbench.Infrastructure.Scenarios;

/// <summary>A saved scenario made ready to run: its pipeline with arguments given as text (a URL's query string, a form).</summary>
public sealed class ScenarioRuns(ScenarioService scenarios)
{
    /// <summary>
    /// The scenario's pipeline with the given arguments, typed by its declared parameters; names that are not parameters
    /// are ignored (a URL carries other things), a value that does not fit its type is an error naming it.
    /// </summary>
    public async Task<Result<(Scenario Scenario, PipelineRun Run)>> PrepareAsync(
        Caller caller, string key, IEnumerable<KeyValuePair<string, string>> arguments, CancellationToken cancellationToken)
    {
        var found = await scenarios.GetAsync(caller, key, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var scenario = found.Value!;
        var parsed = PipelineJson.Parse(scenario.PipelineJson);
        if (!parsed.IsValid)
        {
            return ScenarioErrors.BadPipeline(parsed.Errors);
        }
        var pipeline = parsed.Pipeline!;
        var typed = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, text) in arguments)
        {
            if (pipeline.Parameters.FirstOrDefault(p => p.Name == name) is not { } parameter)
            {
                continue;
            }
            if (Typed(text, parameter.Type) is not { } value)
            {
                return new Error(ErrorKind.Invalid, "scenario.bad-argument", Text.Pick(
                    "Giá trị «{0}» của tham số «{1}» không đúng kiểu {2}.", "The value '{0}' of parameter '{1}' is not of type {2}.",
                    text, name, parameter.Type.ToContractName()));
            }
            typed[name] = value;
        }
        return (scenario, new PipelineRun(pipeline, typed) { Scenario = scenario.Key });
    }

    /// <summary>Text as the JSON value the engine binds: ISO forms and invariant numbers, as in a URL.</summary>
    private static JsonElement? Typed(string text, ColumnType type)
    {
        object? value = type switch
        {
            ColumnType.Text => text,
            ColumnType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null,
            ColumnType.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null,
            ColumnType.Boolean => bool.TryParse(text, out var b) ? b : null,
            ColumnType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : null,
            _ => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : null,
        };
        return value is null ? null : JsonSerializer.SerializeToElement(value);
    }
}
