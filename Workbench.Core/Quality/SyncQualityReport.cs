using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Core.Quality;

/// <summary>
/// The quality report a sync keeps (<c>SyncRun.QualityReportJson</c>): the score and each rule's result as it stood
/// after the sync's load, described in the language of the moment it ran. A check that could not run at all keeps only
/// its <see cref="Error"/>; the sync itself still counts as succeeded.
/// </summary>
/// <param name="Score">0–100, null when the check could not run.</param>
public sealed record SyncQualityReport(
    int? Score, long RowCount, long Violations, DateTimeOffset CheckedAt, IReadOnlyList<SyncQualityRule> Rules, string? Error = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static SyncQualityReport From(QualityReport report) => new(
        report.Score, report.RowCount, report.Results.Sum(r => r.Violations), report.CheckedAt,
        [.. report.Results.Select(r => new SyncQualityRule(r.Rule.Describe(), r.Rule.Kind, r.Rule.Columns, r.Violations,
            [.. r.Samples.Select(row => row.Select(v => JsonSerializer.SerializeToElement(v, Json)).ToArray())], r.Error))]);

    public static SyncQualityReport Failed(string error, DateTimeOffset checkedAt) => new(null, 0, 0, checkedAt, [], error);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The report a run stored, or null when it has none (or one this version cannot read).</summary>
    public static SyncQualityReport? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SyncQualityReport>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One rule's result in a <see cref="SyncQualityReport"/>: up to the checker's sample rows, as JSON values.</summary>
/// <param name="Error">Why the rule could not run, or null.</param>
public sealed record SyncQualityRule(
    string Description, QualityRuleKind Kind, IReadOnlyList<string> Columns, long Violations, IReadOnlyList<JsonElement[]> Samples, string? Error);
