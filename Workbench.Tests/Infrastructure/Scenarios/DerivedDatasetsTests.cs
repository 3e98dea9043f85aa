using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Query;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Scenarios;

/// <summary>Save as dataset (Đ4.4) and refresh, on the demo app's DuckDB warehouse and SQLite metadata.</summary>
public sealed class DerivedDatasetsTests(WatchedDemoAppFactory app) : IClassFixture<WatchedDemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, JsonElement> NoArguments = [];

    private DerivedDatasets Derived => app.Services.GetRequiredService<DerivedDatasets>();

    private DatasetService Datasets => app.Services.GetRequiredService<DatasetService>();

    private ScenarioService Scenarios => app.Services.GetRequiredService<ScenarioService>();

    [Fact]
    public async Task Save_as_dataset_holds_the_scenario_result_owned_by_the_callers_agency_with_its_lineage()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var source = await SourceAsync(analyst, "nguon-luu-ket-qua", [("A", 10), ("A", 5), ("B", 7), ("C", 1)]);
        var scenario = await ScenarioAsync(analyst, source.Key, """
            "parameters": [ { "name": "min", "type": "integer", "default": 0 } ],
            "steps": [ { "type": "filter", "expression": "[Số] >= [@min]" },
                       { "type": "aggregate", "groupBy": [ "Nhóm" ], "measures": [ { "function": "sum", "column": "Số", "as": "Tổng" } ] },
                       { "type": "sort", "by": [ { "column": "Nhóm" } ] } ]
            """);
        var arguments = new Dictionary<string, JsonElement> { ["min"] = JsonSerializer.SerializeToElement(5) };

        var derived = await Derived.CreateAsync(analyst, scenario.Key, arguments,
            new DerivedDatasetRequest("tong-theo-nhom", "Tổng theo nhóm", "Từ kịch bản"), Ct);

        Assert.Null(derived.Error);
        var dataset = derived.Value!;
        Assert.Equal(analyst.AgencyId, dataset.OwnerAgencyId);
        Assert.Equal(["Nhóm", "Tổng"], dataset.OrderedColumns.Select(c => c.Name));
        Assert.Equal([ColumnType.Text, ColumnType.Integer], dataset.OrderedColumns.Select(c => c.Type));
        Assert.Equal(2, dataset.RowCount);
        Assert.Equal([["A", 15L], ["B", 7L]], await RowsAsync(analyst, dataset.Key));
        var lineage = (await Derived.LineageAsync(analyst, dataset, Ct))!;
        Assert.Equal(scenario.Key, lineage.Derivation.ScenarioKey);
        Assert.Equal(2, lineage.Derivation.ScenarioVersion);
        Assert.Equal(2, lineage.LatestScenarioVersion);
        Assert.Contains("\"min\":5", lineage.Derivation.ArgumentsJson);
        Assert.Equal(analyst.DisplayName, lineage.Derivation.RefreshedByName);
        var read = Assert.Single(lineage.Sources);
        Assert.Equal((source.Key, source.DataVersion, source.DataVersion), (read.Source.DatasetKey, read.Source.DataVersion, read.CurrentDataVersion));
        Assert.False(lineage.SourcesChanged);
    }

    [Fact]
    public async Task Refresh_reruns_with_the_recorded_arguments_and_sees_the_sources_new_rows()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var source = await SourceAsync(analyst, "nguon-lam-moi", [("A", 1), ("B", 2)]);
        var scenario = await ScenarioAsync(analyst, source.Key, """
            "parameters": [ { "name": "nhom", "type": "text", "default": "B" } ],
            "steps": [ { "type": "filter", "expression": "[Nhóm] = [@nhom]" } ]
            """);
        var arguments = new Dictionary<string, JsonElement> { ["nhom"] = JsonSerializer.SerializeToElement("A") };
        var dataset = (await Derived.CreateAsync(analyst, scenario.Key, arguments, new DerivedDatasetRequest("chi-nhom-a", "Chỉ nhóm A", null), Ct)).Value!;
        await Datasets.LoadAsync(analyst, source.Key, LoadMode.Append, [["A", 3L], ["B", 4L]], Ct);

        var before = (await Derived.LineageAsync(analyst, dataset, Ct))!;
        var refreshed = await Derived.RefreshAsync(analyst, dataset.Key, latestVersion: false, Ct);
        var after = (await Derived.LineageAsync(analyst, (await Datasets.FindAsync(dataset.Key, Ct))!, Ct))!;

        Assert.True(before.SourcesChanged);
        Assert.Null(refreshed.Error);
        Assert.Equal(2, refreshed.Value!.RowCount);
        Assert.Equal([["A", 1L], ["A", 3L]], await RowsAsync(analyst, dataset.Key, orderBy: "Số"));
        Assert.False(after.SourcesChanged);
        Assert.Equal(dataset.DataVersion + 1, (await Datasets.FindAsync(dataset.Key, Ct))!.DataVersion);
    }

    [Fact]
    public async Task Refresh_keeps_the_recorded_version_until_asked_to_take_the_latest_with_its_new_columns()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var source = await SourceAsync(analyst, "nguon-phien-ban", [("A", 2)]);
        var scenario = await ScenarioAsync(analyst, source.Key, "\"steps\": []");
        var dataset = (await Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("theo-phien-ban", "Theo phiên bản", null), Ct)).Value!;
        var changed = PipelineOf(source.Key, """ "steps": [ { "type": "compute", "column": "Gấp đôi", "expression": "[Số] * 2" } ] """);
        await Scenarios.SaveAsync(analyst, scenario.Key, new ScenarioContent(scenario.Name, null, changed, [], []), scenario.Version, Ct);

        await Derived.RefreshAsync(analyst, dataset.Key, latestVersion: false, Ct);
        var pinned = (await Datasets.FindAsync(dataset.Key, Ct))!;
        var pinnedLineage = (await Derived.LineageAsync(analyst, pinned, Ct))!;
        await Derived.RefreshAsync(analyst, dataset.Key, latestVersion: true, Ct);
        var latest = (await Datasets.FindAsync(dataset.Key, Ct))!;

        Assert.Equal(["Nhóm", "Số"], pinned.OrderedColumns.Select(c => c.Name));
        Assert.Equal((2, 3), (pinnedLineage.Derivation.ScenarioVersion, pinnedLineage.LatestScenarioVersion));
        Assert.Equal(["Nhóm", "Số", "Gấp đôi"], latest.OrderedColumns.Select(c => c.Name));
        Assert.Equal([["A", 2L, 4L]], await RowsAsync(analyst, dataset.Key));
        Assert.Equal(3, (await Derived.LineageAsync(analyst, latest, Ct))!.Derivation.ScenarioVersion);
    }

    [Fact]
    public async Task A_scenario_that_does_not_run_creates_no_dataset_and_a_failed_refresh_keeps_the_rows()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var source = await SourceAsync(analyst, "nguon-loi", [("A", 2)]);
        var scenario = await ScenarioAsync(analyst, source.Key, "\"steps\": []");
        var dataset = (await Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("giu-nguyen", "Giữ nguyên", null), Ct)).Value!;
        var broken = PipelineOf(source.Key, """ "steps": [ { "type": "filter", "expression": "[Không có] > 1" } ] """);
        await Scenarios.SaveAsync(analyst, scenario.Key, new ScenarioContent(scenario.Name, null, broken, [], []), scenario.Version, Ct);

        var refused = await Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("khong-tao", "Không tạo", null), Ct);
        var failed = await Derived.RefreshAsync(analyst, dataset.Key, latestVersion: true, Ct);

        Assert.Contains("Không có", refused.Error!.Details!.Single());
        Assert.Null(await Datasets.FindAsync("khong-tao", Ct));
        Assert.NotNull(failed.Error);
        Assert.Equal(dataset.DataVersion, (await Datasets.FindAsync(dataset.Key, Ct))!.DataVersion);
        Assert.Equal([["A", 2L]], await RowsAsync(analyst, dataset.Key));
    }

    [Fact]
    public async Task A_save_that_fails_half_way_through_its_rows_leaves_no_dataset_and_a_refresh_that_does_keeps_the_rows()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var source = await SourceAsync(analyst, "nguon-dut-giua", [("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5)]);
        var scenario = await ScenarioAsync(analyst, source.Key, "\"steps\": []");
        var kept = (await Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("con-nguyen", "Còn nguyên", null), Ct)).Value!;
        var warehouse = app.Services.GetRequiredService<WatchedWarehouse>();
        warehouse.FailLoadsAfterRows = 2;
        try
        {
            await Assert.ThrowsAnyAsync<IOException>(() =>
                Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("dut-giua", "Đứt giữa chừng", null), Ct));
            await Assert.ThrowsAnyAsync<IOException>(() => Derived.RefreshAsync(analyst, kept.Key, latestVersion: false, Ct));
        }
        finally
        {
            warehouse.FailLoadsAfterRows = null;
        }

        Assert.Null(await Datasets.FindAsync("dut-giua", Ct));
        Assert.Equal(kept.DataVersion, (await Datasets.FindAsync(kept.Key, Ct))!.DataVersion);
        Assert.Equal(5, (await RowsAsync(analyst, kept.Key)).Count());
    }

    [Fact]
    public async Task A_save_cancelled_before_it_runs_creates_nothing()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var source = await SourceAsync(analyst, "nguon-huy", [("A", 2)]);
        var scenario = await ScenarioAsync(analyst, source.Key, "\"steps\": []");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("da-huy", "Đã hủy", null), cancelled.Token));

        Assert.Null(await Datasets.FindAsync("da-huy", Ct));
    }

    [Fact]
    public async Task A_leader_cannot_save_results_as_a_dataset()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var leader = await app.Services.CallerAsync("lanhdao");
        var source = await SourceAsync(analyst, "nguon-lanh-dao", [("A", 2)]);
        var scenario = await ScenarioAsync(analyst, source.Key, "\"steps\": []");

        var refused = await Derived.CreateAsync(leader, scenario.Key, NoArguments, new DerivedDatasetRequest("cua-lanh-dao", "Của lãnh đạo", null), Ct);

        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
        Assert.Null(await Datasets.FindAsync("cua-lanh-dao", Ct));
    }

    [Fact]
    public async Task Lineage_outlives_its_source_and_its_scenario_but_a_refresh_then_says_why_it_cannot_run()
    {
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var admin = await app.Services.CallerAsync("quantri.skhdt");
        var source = await SourceAsync(analyst, "nguon-da-xoa", [("A", 2)]);
        var scenario = await ScenarioAsync(analyst, source.Key, "\"steps\": []");
        var dataset = (await Derived.CreateAsync(analyst, scenario.Key, NoArguments, new DerivedDatasetRequest("mo-coi", "Mồ côi", null), Ct)).Value!;

        await Datasets.DeleteAsync(admin, source.Key, Ct);
        await Scenarios.DeleteAsync(analyst, scenario.Key, Ct);
        var lineage = (await Derived.LineageAsync(analyst, dataset, Ct))!;
        var refresh = await Derived.RefreshAsync(analyst, dataset.Key, latestVersion: false, Ct);

        Assert.Equal((source.Key, (long?)null), (lineage.Sources.Single().Source.DatasetKey, lineage.Sources.Single().CurrentDataVersion));
        Assert.Null(lineage.Derivation.ScenarioId);
        Assert.Null(lineage.LatestScenarioVersion);
        Assert.Equal("dataset.scenario-deleted", refresh.Error!.Code);
        Assert.Equal([["A", 2L]], await RowsAsync(analyst, dataset.Key));
    }

    private async Task<Dataset> SourceAsync(Caller caller, string key, (string Group, long Value)[] rows)
    {
        var created = await Datasets.CreateAsync(caller,
            new NewDataset(key, key, caller.AgencyId, [new NewColumn("Nhóm", ColumnType.Text), new NewColumn("Số", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        await Datasets.LoadAsync(caller, key, LoadMode.Append, rows.Select(r => new object?[] { r.Group, r.Value }), Ct);
        return (await Datasets.FindAsync(key, Ct))!;
    }

    /// <summary>A scenario whose latest version (2) holds <paramref name="body"/>.</summary>
    private async Task<Scenario> ScenarioAsync(Caller caller, string sourceKey, string body)
    {
        var created = (await Scenarios.CreateAsync(caller, $"Kịch bản {sourceKey}", null, sourceKey, Ct)).Value!;
        var saved = await Scenarios.SaveAsync(caller, created.Key,
            new ScenarioContent(created.Name, null, PipelineOf(sourceKey, body), [], []), created.Version, Ct);
        Assert.Null(saved.Error);
        return saved.Value!;
    }

    private static string PipelineOf(string sourceKey, string body) => $$"""{ "source": { "dataset": "{{sourceKey}}" }, {{body}} }""";

    private async Task<object?[][]> RowsAsync(Caller caller, string key, string? orderBy = null)
    {
        Step[] steps = orderBy is null ? [] : [new SortStep([new SortKey(orderBy)])];
        var run = new PipelineRun(new Pipeline(SourceReference.ForDataset(key), [], steps), NoArguments);
        var result = await app.Services.GetRequiredService<QueryService>().RunAsync(caller, run, Ct);
        return [.. result.Value!.Rows];
    }
}
