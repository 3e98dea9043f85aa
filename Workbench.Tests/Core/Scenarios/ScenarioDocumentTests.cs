using Workbench.Core.Scenarios;

namespace Workbench.Tests.Core.Scenarios;

public sealed class ScenarioDocumentTests
{
    [Fact]
    public void Visuals_round_trip_with_kinds_as_camel_case_names()
    {
        Visual[] visuals =
        [
            new(VisualKind.Combo, "Thu và chi", X: "Năm", Values: ["Thu"], SecondaryValues: ["Tỷ lệ"], Palette: "pastel"),
            new(VisualKind.Bar, "Dân số", X: "Huyện", Series: "Năm", Values: ["Dân số"], Horizontal: true, Stacked: true),
            new(VisualKind.Kpi, "Tổng", Values: ["Tổng dân số"]),
        ];

        var json = ScenarioDocument.WriteVisuals(visuals);

        Assert.Contains("\"kind\":\"combo\"", json);
        Assert.Contains("\"Thu và chi\"", json);
        Assert.Equal(visuals, ScenarioDocument.ReadVisuals(json));
    }

    [Theory]
    [InlineData("""[ { "kind": "sunburst", "title": "?" } ]""")]
    [InlineData("""[ { "kind": "bar", "title": "x", "script": "alert(1)" } ]""")]
    [InlineData("""{ "kind": "bar" }""")]
    [InlineData("not json")]
    public void Anything_but_a_list_of_known_visuals_reads_as_null(string json) =>
        Assert.Null(ScenarioDocument.ReadVisuals(json));

    [Fact]
    public void Parameter_settings_round_trip_with_their_allowed_values_source()
    {
        ParameterSetting[] settings = [new("nam", "Năm báo cáo", new AllowedValuesSource("dan-so-theo-huyen", "Năm")), new("huyen")];

        var read = ScenarioDocument.ReadParameterSettings(ScenarioDocument.WriteParameterSettings(settings));

        Assert.Equal(settings, read);
    }

    [Fact]
    public void A_visual_names_every_column_it_uses()
    {
        var visual = new Visual(VisualKind.Combo, "t", X: "Năm", Series: "Huyện", Values: ["Thu"], SecondaryValues: ["Chi"]);

        Assert.Equal(["Năm", "Huyện", "Thu", "Chi"], visual.Columns());
    }
}
