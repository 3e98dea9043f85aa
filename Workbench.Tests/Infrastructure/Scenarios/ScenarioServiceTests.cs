using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Scenarios;

/// <summary>Creating, saving, versioning and restoring scenarios, and who may, on the demo app's accounts and datasets.</summary>
public sealed class ScenarioServiceTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Population = "dan-so-theo-huyen";

    private const string Filtered = """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2023 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" } ] }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScenarioService Scenarios => app.Services.GetRequiredService<ScenarioService>();

    [Fact]
    public async Task A_new_analysis_reads_the_dataset_with_no_steps_and_is_version_1_owned_by_its_creator()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");

        var created = (await Scenarios.CreateAsync(analyst, "Dân số theo huyện 2023", null, Population, Ct)).Value!;

        Assert.Equal("dan-so-theo-huyen-2023", created.Key[..Math.Min(created.Key.Length, 22)]);
        Assert.Equal(1, created.Version);
        Assert.Equal(analyst.UserId, created.OwnerUserId);
        Assert.Equal(analyst.AgencyId, created.OwnerAgencyId);
        Assert.Equal(ScenarioStatus.Draft, created.Status);
        Assert.Contains("\"dataset\":\"dan-so-theo-huyen\"", created.PipelineJson.Replace(" ", ""));
        var mine = await Scenarios.ListMineAsync(analyst, Ct);
        Assert.Contains(mine, s => s.Key == created.Key && s.SourceName.Length > 0);
    }

    [Fact]
    public async Task The_same_name_twice_gets_two_keys()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");

        var first = (await Scenarios.CreateAsync(analyst, "Trùng tên", null, Population, Ct)).Value!;
        var second = (await Scenarios.CreateAsync(analyst, "Trùng tên", null, Population, Ct)).Value!;

        Assert.Equal("trung-ten", first.Key.Split("-2")[0]);
        Assert.NotEqual(first.Key, second.Key);
    }

    [Fact]
    public async Task Names_taken_at_the_same_moment_still_get_distinct_keys()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scenarios.CreateAsync(analyst, "Cùng lúc", null, Population, Ct)));

        Assert.All(created, c => Assert.Null(c.Error));
        Assert.Equal(4, created.Select(c => c.Value!.Key).Distinct().Count());
    }

    [Fact]
    public async Task A_duplicate_is_version_1_of_a_copy_owned_by_the_copier_with_the_same_content()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Gốc để nhân bản", "Mô tả gốc", Population, Ct)).Value!;
        Visual[] bar = [new(VisualKind.Bar, "Dân số", X: "Huyện", Values: ["Dân số"])];
        await Scenarios.SaveAsync(analyst, created.Key,
            new ScenarioContent("Gốc để nhân bản", "Mô tả gốc", Filtered, bar, [new ParameterSetting("nam", "Năm")]), 1, Ct);

        var copy = (await Scenarios.DuplicateAsync(admin, created.Key, Ct)).Value!;
        var versions = (await Scenarios.VersionsAsync(admin, copy.Key, Ct)).Value!;

        Assert.NotEqual(created.Key, copy.Key);
        Assert.Equal("Gốc để nhân bản (bản sao)", copy.Name);
        Assert.Equal((admin.UserId, 1), (copy.OwnerUserId, copy.Version));
        Assert.Equal("Mô tả gốc", copy.Description);
        Assert.Contains("filter", copy.PipelineJson);
        Assert.Equal(bar, ScenarioDocument.ReadVisuals(copy.VisualsJson));
        Assert.Equal("Năm", ScenarioDocument.ReadParameterSettings(copy.ParameterSettingsJson)!.Single().Label);
        Assert.Contains("Gốc để nhân bản", versions.Single().Note);
        Assert.Equal(2, (await Scenarios.GetAsync(analyst, created.Key, Ct)).Value!.Version);
    }

    [Fact]
    public async Task A_leader_cannot_duplicate_a_scenario()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var created = (await Scenarios.CreateAsync(analyst, "Không cho nhân bản", null, Population, Ct)).Value!;

        var refused = await Scenarios.DuplicateAsync(leader, created.Key, Ct);

        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
    }

    [Fact]
    public async Task Every_save_is_a_version_with_its_author_and_an_old_version_can_be_restored_as_a_new_one()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Lịch sử", null, Population, Ct)).Value!;
        Visual[] bar = [new(VisualKind.Bar, "Dân số", X: "Huyện", Values: ["Dân số"])];

        var saved = (await Scenarios.SaveAsync(analyst, created.Key,
            new ScenarioContent("Lịch sử (lọc)", "Chỉ một năm", Filtered, bar, [new ParameterSetting("nam", "Năm")]), 1, Ct)).Value!;
        var restored = (await Scenarios.RestoreAsync(analyst, created.Key, 1, saved.Version, Ct)).Value!;
        var versions = (await Scenarios.VersionsAsync(analyst, created.Key, Ct)).Value!;
        var current = (await Scenarios.GetAsync(analyst, created.Key, Ct)).Value!;

        Assert.Equal(2, saved.Version);
        Assert.Equal(3, restored.Version);
        Assert.Equal([3, 2, 1], versions.Select(v => v.Number));
        Assert.All(versions, v => Assert.Equal(analyst.DisplayName, v.AuthorName));
        Assert.Contains("1", versions[0].Note);
        Assert.Equal("Lịch sử", current.Name);
        Assert.DoesNotContain("filter", current.PipelineJson);
        Assert.Empty(ScenarioDocument.ReadVisuals(current.VisualsJson)!);
        var second = await VersionAsync(created.Key, 2);
        Assert.Equal(bar, ScenarioDocument.ReadVisuals(second.VisualsJson));
        Assert.Equal("Năm", ScenarioDocument.ReadParameterSettings(second.ParameterSettingsJson)!.Single().Label);
    }

    [Fact]
    public async Task A_save_from_a_stale_version_is_a_conflict_naming_who_saved_and_changes_nothing()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Hai người sửa", null, Population, Ct)).Value!;
        await Scenarios.SaveAsync(admin, created.Key, new ScenarioContent("Bản của quản trị", null, Filtered, [], []), 1, Ct);

        var late = await Scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Bản của chuyên viên", null, Filtered, [], []), 1, Ct);

        Assert.Equal(ErrorKind.Conflict, late.Error?.Kind);
        Assert.Contains(admin.DisplayName, late.Error!.Message);
        Assert.Equal("Bản của quản trị", (await Scenarios.GetAsync(analyst, created.Key, Ct)).Value!.Name);
    }

    [Fact]
    public async Task A_pipeline_outside_the_contract_is_refused_with_the_step_named_and_nothing_is_saved()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Sai định dạng", null, Population, Ct)).Value!;

        var saved = await Scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Sai định dạng", null,
            """{ "source": { "dataset": "dan-so-theo-huyen" }, "steps": [ { "type": "explode" } ] }""", [], []), 1, Ct);

        Assert.Equal("scenario.bad-pipeline", saved.Error?.Code);
        Assert.StartsWith("Bước 1", saved.Error!.Details![0]);
        Assert.Equal(1, (await Scenarios.GetAsync(analyst, created.Key, Ct)).Value!.Version);
    }

    [Theory]
    [InlineData("", "scenario.bad-name")]
    [InlineData("   ", "scenario.bad-name")]
    public async Task A_save_without_a_name_says_to_give_one(string name, string code)
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Có tên", null, Population, Ct)).Value!;

        var saved = await Scenarios.SaveAsync(analyst, created.Key, new ScenarioContent(name, null, Filtered, [], []), 1, Ct);

        Assert.Equal(code, saved.Error?.Code);
    }

    [Fact]
    public async Task Settings_for_an_undeclared_parameter_are_refused()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Tham số lạ", null, Population, Ct)).Value!;

        var saved = await Scenarios.SaveAsync(analyst, created.Key,
            new ScenarioContent("Tham số lạ", null, Filtered, [], [new ParameterSetting("huyen")]), 1, Ct);

        Assert.Equal("scenario.undeclared-parameter", saved.Error?.Code);
    }

    [Fact]
    public async Task A_leader_cannot_create_and_another_agency_cannot_open_or_change_a_scenario()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var created = (await Scenarios.CreateAsync(analyst, "Riêng tư", null, Population, Ct)).Value!;

        var byLeader = await Scenarios.CreateAsync(leader, "Của lãnh đạo", null, Population, Ct);
        var opened = await Scenarios.GetAsync(leader, created.Key, Ct);
        var changed = await Scenarios.SaveAsync(leader, created.Key, new ScenarioContent("Sửa", null, Filtered, [], []), 1, Ct);
        var deleted = await Scenarios.DeleteAsync(leader, created.Key, Ct);

        Assert.Equal("scenario.no-create-right", byLeader.Error?.Code);
        Assert.Equal(ErrorKind.Forbidden, opened.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, changed.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, deleted.Error?.Kind);
    }

    [Fact]
    public async Task An_analysis_of_a_dataset_the_caller_may_not_query_is_refused()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");

        var created = await Scenarios.CreateAsync(analyst, "Ngân sách", null, "thu-ngan-sach", Ct);

        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
    }

    [Fact]
    public async Task Creating_saving_and_deleting_are_audited_with_before_and_after()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await Scenarios.CreateAsync(analyst, "Nhật ký", null, Population, Ct)).Value!;
        await Scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Nhật ký 2", null, Filtered, [], []), 1, Ct);
        await Scenarios.DeleteAsync(analyst, created.Key, Ct);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Target == created.Key).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["scenario.created", "scenario.saved", "scenario.deleted"], entries.Select(e => e.Action));
        Assert.Contains("\"before\":{\"name\":\"Nhật ký\"", entries[1].Details);
        Assert.Contains("\"after\":{\"name\":\"Nhật ký 2\"", entries[1].Details);
        Assert.Equal(ErrorKind.NotFound, (await Scenarios.GetAsync(analyst, created.Key, Ct)).Error?.Kind);
    }

    private async Task<ScenarioVersion> VersionAsync(string key, int number)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var scenario = await db.Scenarios.AsNoTracking().SingleAsync(s => s.Key == key, Ct);
        return await db.ScenarioVersions.AsNoTracking().SingleAsync(v => v.ScenarioId == scenario.Id && v.Number == number, Ct);
    }

    [Fact]
    public async Task Scenarios_usable_as_a_source_are_those_the_caller_may_view_without_the_one_being_edited()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var edited = (await Scenarios.CreateAsync(analyst, "Nguồn đang sửa", null, Population, Ct)).Value!;
        var other = (await Scenarios.CreateAsync(analyst, "Nguồn khác", null, Population, Ct)).Value!;

        var forAnalyst = await Scenarios.ListUsableAsSourceAsync(analyst, edited.Key, Ct);
        var forLeader = await Scenarios.ListUsableAsSourceAsync(leader, null, Ct);

        Assert.Contains(forAnalyst, s => s.Key == other.Key && s.Name == "Nguồn khác");
        Assert.DoesNotContain(forAnalyst, s => s.Key == edited.Key);
        Assert.DoesNotContain(forLeader, s => s.Key == other.Key || s.Key == edited.Key);
    }
}
