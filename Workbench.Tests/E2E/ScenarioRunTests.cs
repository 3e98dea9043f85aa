using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Catalog;
using Workbench.Core.Pipelines.Model;
using Workbench.Core.Scenarios;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The run view of a saved scenario: parameter inputs with allowed values, its chart and table, downloads with the chosen values.</summary>
public sealed class ScenarioRunTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string Pipeline = """
        { "source": { "dataset": "dan-so-theo-huyen" },
          "parameters": [ { "name": "nam", "type": "integer", "default": 2020 } ],
          "steps": [ { "type": "filter", "expression": "[Năm] = [@nam]" },
                     { "type": "select", "columns": [ "Huyện", "Năm", "Dân số" ] },
                     { "type": "sort", "by": [ { "column": "Dân số", "descending": true } ] } ] }
        """;

    [Fact]
    public async Task A_saved_scenario_runs_with_a_chosen_year_from_its_allowed_values_and_downloads_that_year()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await scenarios.CreateAsync(analyst, "Dân số theo năm", null, "dan-so-theo-huyen", ct)).Value!;
        await scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Dân số theo năm", "Chọn năm để xem", Pipeline,
            [new Visual(VisualKind.Bar, "Dân số", X: "Huyện", Values: ["Dân số"])],
            [new ParameterSetting("nam", "Năm thống kê", new AllowedValuesSource("dan-so-theo-huyen", "Năm"))]), 1, ct);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync($"scenarios/{created.Key}");
        await Assertions.Expect(page.GetByTestId("run-summary")).ToContainTextAsync("13 dòng");
        await Assertions.Expect(page.GetByTestId("visual-table")).ToContainTextAsync("2020");
        await page.GetByTestId("parameter-nam").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "2023", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-parameters").Locator("input").First).ToHaveValueAsync("2023");
        // The new run goes to the database; on a loaded CI machine that can take longer than the default 5 s.
        await Assertions.Expect(page.GetByTestId("visual-table")).ToContainTextAsync("2023", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("visual-table")).Not.ToContainTextAsync("2020");
        await Assertions.Expect(page.Locator(".js-plotly-plot g.trace.bars").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "scenario-run");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("run-download-xlsx").ClickAsync());
        var sheets = await LibreOffice.ReadSheetsAsync(await File.ReadAllBytesAsync(await download.PathAsync(), ct), ct);

        var data = sheets[Workbench.Infrastructure.Exports.XlsxExporter.DataSheet];
        Assert.Equal(["Huyện", "Năm", "Dân số"], data[0]);
        Assert.Equal(14, data.Count);
        Assert.All(data.Skip(1), row => Assert.Equal("2,023", row[1]));
        Assert.Contains(sheets[Workbench.Infrastructure.Exports.XlsxExporter.ProvenanceSheet], r => r[0] == "Tiêu đề" && r[1] == "Dân số theo năm");

        await page.GoAsync("");
        await Assertions.Expect(page.GetByTestId("recent-scenarios")).ToContainTextAsync("Dân số theo năm");
    }

    [Fact]
    public async Task A_result_saved_as_a_dataset_shows_its_lineage_and_a_refresh_brings_in_the_sources_new_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        var datasets = app.Services.GetRequiredService<DatasetService>();
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        await datasets.CreateAsync(analyst, new NewDataset("chi-tieu-xa", "Chỉ tiêu theo xã", analyst.AgencyId,
            [new NewColumn("Xã", ColumnType.Text), new NewColumn("Giá trị", ColumnType.Integer)]), ct);
        await datasets.LoadAsync(analyst, "chi-tieu-xa", LoadMode.Append, [["Tịnh Ấn", 5L], ["Nghĩa Hà", 12L], ["Tịnh Long", 20L]], ct);
        var created = (await scenarios.CreateAsync(analyst, "Xã vượt ngưỡng", null, "chi-tieu-xa", ct)).Value!;
        await scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Xã vượt ngưỡng", null, """
            { "source": { "dataset": "chi-tieu-xa" },
              "parameters": [ { "name": "nguong", "type": "integer", "default": 10 } ],
              "steps": [ { "type": "filter", "expression": "[Giá trị] >= [@nguong]" } ] }
            """, [], []), 1, ct);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync($"scenarios/{created.Key}");
        await Assertions.Expect(page.GetByTestId("run-summary")).ToContainTextAsync("2 dòng");
        await page.GetByTestId("run-save-as-dataset").ClickAsync();
        await page.GetByTestId("derive-name").FillAsync("Xã vượt ngưỡng 10");
        await Assertions.Expect(page.GetByTestId("derive-key")).ToHaveValueAsync("xa-vuot-nguong-10");
        await Assertions.Expect(page.GetByTestId("derive-arguments")).ToContainTextAsync("nguong = 10");
        await page.GetByTestId("derive-save").ClickAsync();

        await page.WaitForURLAsync("**/datasets/xa-vuot-nguong-10?tab=lineage", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("lineage-scenario")).ToHaveTextAsync("Xã vượt ngưỡng");
        await Assertions.Expect(page.GetByTestId("lineage-sources")).ToContainTextAsync("Chỉ tiêu theo xã");
        await Assertions.Expect(page.GetByTestId("lineage-sources")).ToContainTextAsync("Chưa thay đổi");
        await Assertions.Expect(page.GetByTestId("lineage-arguments")).ToHaveTextAsync("nguong = 10");
        await Assertions.Expect(page.GetByTestId("derived-badge")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "dataset-lineage");

        await datasets.LoadAsync(analyst, "chi-tieu-xa", LoadMode.Append, [["Nghĩa Phú", 30L]], ct);
        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("lineage-source-changed")).ToBeVisibleAsync();
        await page.GetByTestId("lineage-refresh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lineage-source-changed")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Đã làm mới: 3 dòng.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rows-table")).ToContainTextAsync("Nghĩa Phú");
        await Assertions.Expect(page.GetByTestId("rows-table")).Not.ToContainTextAsync("Tịnh Ấn");
    }

    [Fact]
    public async Task My_scenarios_sorts_by_name_duplicates_and_deletes_after_confirmation()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var analyst = await app.Services.CallerAsync("quantri.skhdt");
        await scenarios.CreateAsync(analyst, "Danh sách Bình Sơn", null, "dan-so-theo-huyen", ct);
        await scenarios.CreateAsync(analyst, "Danh sách Ân Phú", null, "dan-so-theo-huyen", ct);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("quantri.skhdt");
        await page.GoAsync("scenarios");
        var links = page.GetByTestId("scenario-link");
        await Assertions.Expect(links.First).ToHaveTextAsync("Danh sách Ân Phú");
        await page.GetByTestId("sort-name").ClickAsync();
        await Assertions.Expect(links).ToHaveTextAsync(["Danh sách Ân Phú", "Danh sách Bình Sơn"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Nhân bản kịch bản Danh sách Bình Sơn" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Đã tạo «Danh sách Bình Sơn (bản sao)».")).ToBeVisibleAsync();
        await Assertions.Expect(links).ToHaveTextAsync(["Danh sách Ân Phú", "Danh sách Bình Sơn", "Danh sách Bình Sơn (bản sao)"]);
        await BrowserSession.ScreenshotAsync(page, "my-scenarios");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa kịch bản Danh sách Bình Sơn (bản sao)" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Xóa" }).ClickAsync();
        await Assertions.Expect(links).ToHaveTextAsync(["Danh sách Ân Phú", "Danh sách Bình Sơn"]);
    }

    [Fact]
    public async Task A_leader_home_page_has_no_scenario_list_to_build()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("lanhdao");

        await Assertions.Expect(page.GetByTestId("recent-scenarios")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Phân tích mới" })).ToHaveCountAsync(0);
    }
}
