using System.Globalization;
using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;

namespace Workbench.Core.Quality;

/// <summary>What a data quality rule checks (Đ8.2).</summary>
public enum QualityRuleKind
{
    /// <summary>The column has a value in every row.</summary>
    NotNull,
    /// <summary>The columns together identify each row (no key appears twice).</summary>
    Unique,
    /// <summary>Values lie between <see cref="QualityRule.Min"/> and <see cref="QualityRule.Max"/> (either may be absent).</summary>
    Range,
    /// <summary>Text values match a <c>like</c> pattern (<c>%</c> any run, <c>_</c> one character), e.g. <c>09%</c>.</summary>
    Pattern,
    /// <summary>Values are among <see cref="QualityRule.Values"/>.</summary>
    AllowedValues,
    /// <summary>Values appear in another dataset's column, e.g. district codes in the district list.</summary>
    Reference,
}

/// <summary>
/// One rule of a dataset's quality. Each rule becomes a pipeline whose rows are the violations, compiled and run by
/// the same engine as every query (its values go in as typed parameters), so checking quality needs no SQL of its own.
/// Null values break only <see cref="QualityRuleKind.NotNull"/>; every other rule ignores them.
/// </summary>
public sealed record QualityRule(
    QualityRuleKind Kind,
    IReadOnlyList<string> Columns,
    JsonElement? Min = null,
    JsonElement? Max = null,
    string? Pattern = null,
    IReadOnlyList<JsonElement>? Values = null,
    string? ReferenceDataset = null,
    string? ReferenceColumn = null)
{
    private const string Counted = "Số lần";
    private const string ReferencePrefix = "tham chiếu ";

    /// <summary>The rule in words, in the current UI language, for the quality report.</summary>
    public string Describe() => Kind switch
    {
        QualityRuleKind.NotNull => Text.Pick("«{0}» không được để trống", "'{0}' must not be empty", Columns[0]),
        QualityRuleKind.Unique => Text.Pick("«{0}» không được trùng", "'{0}' must be unique", string.Join(" + ", Columns)),
        QualityRuleKind.Range when Min is null => Text.Pick("«{0}» không lớn hơn {1}", "'{0}' at most {1}", Columns[0], Show(Max)),
        QualityRuleKind.Range when Max is null => Text.Pick("«{0}» không nhỏ hơn {1}", "'{0}' at least {1}", Columns[0], Show(Min)),
        QualityRuleKind.Range => Text.Pick("«{0}» trong khoảng {1} – {2}", "'{0}' between {1} and {2}", Columns[0], Show(Min), Show(Max)),
        QualityRuleKind.Pattern => Text.Pick("«{0}» có dạng {1}", "'{0}' looks like {1}", Columns[0], Pattern),
        QualityRuleKind.AllowedValues => Text.Pick("«{0}» thuộc {1}", "'{0}' is one of {1}", Columns[0], string.Join(", ", (Values ?? []).Select(v => Show(v)))),
        QualityRuleKind.Reference => Text.Pick("«{0}» có trong «{1}» của bộ dữ liệu «{2}»", "'{0}' appears in '{1}' of dataset '{2}'",
            Columns[0], ReferenceColumn, ReferenceDataset),
        _ => Kind.ToString(),
    };

    /// <summary>What is wrong with the rule for a dataset with these columns, or null.</summary>
    public string? Problem(IReadOnlyList<DatasetColumn> columns)
    {
        if (Columns.Count == 0 || (Kind != QualityRuleKind.Unique && Columns.Count != 1))
        {
            return Text.Pick("Quy tắc «{0}» cần đúng một cột (quy tắc không trùng có thể nhiều cột).",
                "Rule '{0}' needs exactly one column (a uniqueness rule may have several).", Kind);
        }
        if (Columns.FirstOrDefault(c => columns.All(d => d.Name != c)) is { } missing)
        {
            return Text.Pick("Bộ dữ liệu không có cột «{0}».", "The dataset has no column '{0}'.", missing);
        }
        var type = columns.First(c => c.Name == Columns[0]).Type;
        // Values come in as JSON (from the page or the API); each must be a value of the column's type.
        IEnumerable<JsonElement?> values = Kind switch
        {
            QualityRuleKind.Range => [Min, Max],
            QualityRuleKind.AllowedValues => (Values ?? []).Select(v => (JsonElement?)v),
            _ => [],
        };
        if (values.OfType<JsonElement>().FirstOrDefault(v => !Connectors.Rest.JsonValues.TryConvert(v, type, out var converted) || converted is null) is
            { ValueKind: not JsonValueKind.Undefined } bad)
        {
            return Text.Pick("«{0}» không phải giá trị của cột «{1}».", "'{0}' is not a value of column '{1}'.",
                bad.ValueKind == JsonValueKind.String ? bad.GetString() : bad.GetRawText(), Columns[0]);
        }
        return Kind switch
        {
            QualityRuleKind.Range when Min is null && Max is null => Text.Pick("Hãy nhập giá trị nhỏ nhất, lớn nhất hoặc cả hai.", "Give a minimum, a maximum or both."),
            QualityRuleKind.Range when type is ColumnType.Text or ColumnType.Boolean => Text.Pick(
                "Khoảng giá trị chỉ áp dụng cho cột số hoặc ngày.", "A range applies to number and date columns only."),
            QualityRuleKind.Pattern when type != ColumnType.Text || string.IsNullOrEmpty(Pattern) => Text.Pick(
                "Mẫu chỉ áp dụng cho cột văn bản và không được để trống.", "A pattern applies to text columns and must not be empty."),
            QualityRuleKind.AllowedValues when Values is not { Count: > 0 } => Text.Pick("Hãy liệt kê các giá trị được phép.", "List the allowed values."),
            QualityRuleKind.Reference when string.IsNullOrEmpty(ReferenceDataset) || string.IsNullOrEmpty(ReferenceColumn) => Text.Pick(
                "Hãy chọn bộ dữ liệu và cột tham chiếu.", "Choose the reference dataset and column."),
            _ => null,
        };
    }

    /// <summary>
    /// The pipeline whose rows break the rule: the offending rows, or for <see cref="QualityRuleKind.Unique"/> each
    /// repeated key with how often it appears.
    /// </summary>
    public Pipeline Violations(string datasetKey, IReadOnlyList<DatasetColumn> columns)
    {
        var column = $"[{Columns[0]}]";
        var type = columns.First(c => c.Name == Columns[0]).Type;
        var source = SourceReference.ForDataset(datasetKey);
        return Kind switch
        {
            QualityRuleKind.NotNull => new(source, [], [new FilterStep($"IsNull({column})")]),
            QualityRuleKind.Unique => new(source, [],
            [
                new AggregateStep(Columns, [new Measure(AggregateFunction.Count, null, Counted)]),
                new FilterStep($"[{Counted}] > 1"),
            ]),
            QualityRuleKind.Range => new(source, Parameters(type, ("min", Min), ("max", Max)),
                [new FilterStep(string.Join(" or ", new[] { Min is null ? null : $"{column} < [@min]", Max is null ? null : $"{column} > [@max]" }.OfType<string>()))]),
            QualityRuleKind.Pattern => new(source, [new PipelineParameter("pattern", ColumnType.Text, JsonSerializer.SerializeToElement(Pattern))],
                [new FilterStep($"not ({column} like [@pattern])")]),
            QualityRuleKind.AllowedValues => new(source,
                Parameters(type, [.. Values!.Select((value, i) => ($"v{i}", (JsonElement?)value))]),
                [new FilterStep($"not ({column} in ({string.Join(", ", Values!.Select((_, i) => $"[@v{i}]"))}))")]),
            QualityRuleKind.Reference => new(source, [],
            [
                new JoinStep(ReferenceDataset, null, JoinKind.Left, [new JoinKey(Columns[0], ReferenceColumn!)], [ReferenceColumn!], ReferencePrefix),
                // The prefix applies only when the name clashes with one of this dataset's columns.
                new FilterStep($"not IsNull({column}) and IsNull([{(columns.Any(c => c.Name == ReferenceColumn) ? ReferencePrefix : "")}{ReferenceColumn}])"),
            ]),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
        };
    }

    private static IReadOnlyList<PipelineParameter> Parameters(ColumnType type, params (string Name, JsonElement? Value)[] values) =>
        [.. values.Where(v => v.Value is not null).Select(v => new PipelineParameter(v.Name, type, v.Value))];

    // Numbers with the UI's grouping (1.234.567 in Vietnamese); dates as dd/MM/yyyy.
    private static string Show(JsonElement? value) => value switch
    {
        null => "…",
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var integer) => integer.ToString("#,##0", CultureInfo.CurrentCulture),
        { ValueKind: JsonValueKind.Number } number => number.GetDouble().ToString("#,##0.##########", CultureInfo.CurrentCulture),
        { ValueKind: JsonValueKind.String } text when DateOnly.TryParseExact(text.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { } other => other.GetRawText(),
    };
}

/// <summary>How one rule fared: the violations found (rows, or repeated keys) and a few of them to show.</summary>
public sealed record QualityRuleResult(QualityRule Rule, long Violations, IReadOnlyList<object?[]> Samples, string? Error);

/// <summary>A dataset's quality at one moment: each rule's result and the score (0–100).</summary>
public sealed record QualityReport(long RowCount, IReadOnlyList<QualityRuleResult> Results, DateTimeOffset CheckedAt)
{
    /// <summary>
    /// The mean over the rules of the share of rows that keep each rule, as a percentage (a rule that could not run
    /// counts as broken); 100 with no rules or no rows.
    /// </summary>
    public int Score => Results.Count == 0 || RowCount == 0
        ? 100
        : (int)Math.Round(100 * Results.Average(r => r.Error is not null ? 0 : 1 - Math.Min(1, (double)r.Violations / RowCount)),
            MidpointRounding.AwayFromZero);

    public string ScoreText => Score.ToString(CultureInfo.CurrentCulture) + "%";
}
