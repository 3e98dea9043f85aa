using System.Text.Json;
using Bunit;
using Workbench.App.Features.Connectors;
using Workbench.Core.Connectors;
using Workbench.Core.Quality;
using Workbench.Tests.App.Components;

namespace Workbench.Tests.App.Connectors;

public sealed class SyncRunQualityTests : ComponentTestContext
{
    private static readonly DateTimeOffset Checked = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Shows_the_score_the_violations_and_each_rule_with_its_sample_rows()
    {
        var report = new SyncQualityReport(62, 95, 47, Checked,
        [
            new SyncQualityRule("«Mã» không được để trống", QualityRuleKind.NotNull, ["Mã"], 0, [], null),
            new SyncQualityRule("«Dân số» không lớn hơn 100.000", QualityRuleKind.Range, ["Dân số"], 47,
                [[Json("H49"), Json(100_466L), Json("2024-03-01"), Json((string?)null)]], null),
            new SyncQualityRule("«Huyện» có trong «Mã» của bộ dữ liệu «huyen»", QualityRuleKind.Reference, ["Huyện"], 0, [], "Không có bộ dữ liệu «huyen»."),
        ]);

        var component = Render<SyncRunQuality>(parameters => parameters.Add(p => p.Run, new SyncRun { QualityReportJson = report.ToJson() }));

        Assert.Equal("Chất lượng 62%", component.Find("[data-testid=sync-quality-score]").TextContent.Trim());
        Assert.Contains("mud-chip-color-error", component.Find("[data-testid=sync-quality-score]").ClassName);
        Assert.Equal("47 vi phạm", component.Find("[data-testid=sync-quality-violations]").TextContent.Trim());
        var rules = component.FindAll("[data-testid=sync-quality-rule]");
        Assert.Equal(3, rules.Count);
        Assert.Contains("Đạt", rules[0].TextContent);
        Assert.Equal("H49, 100.466, 01/03/2024, ∅", component.Find("[data-testid=sync-quality-sample]").TextContent.Trim());
        Assert.Contains("Không chạy được", rules[2].TextContent);
        Assert.Contains("Không có bộ dữ liệu «huyen».", rules[2].TextContent);
    }

    [Fact]
    public void A_check_that_could_not_run_shows_its_error_and_no_score()
    {
        var report = SyncQualityReport.Failed("Không kiểm tra được chất lượng sau lần nạp này: bảng không tồn tại", Checked);

        var component = Render<SyncRunQuality>(parameters => parameters.Add(p => p.Run, new SyncRun { QualityReportJson = report.ToJson() }));

        Assert.Contains("Không kiểm tra được chất lượng sau lần đồng bộ này", component.Find("[data-testid=sync-quality-error]").TextContent);
        Assert.Contains("bảng không tồn tại", component.Markup);
        Assert.Empty(component.FindAll("[data-testid=sync-quality-score]"));
    }

    [Fact]
    public void A_run_without_a_report_shows_nothing()
    {
        var component = Render<SyncRunQuality>(parameters => parameters.Add(p => p.Run, new SyncRun()));

        Assert.Equal("", component.Markup.Trim());
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
