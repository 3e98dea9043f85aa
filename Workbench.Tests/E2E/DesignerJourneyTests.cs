using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The analyst builds an analysis in the designer: from the catalog to a saved scenario and its xlsx.</summary>
public sealed class DesignerJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Analyst_builds_filters_computes_and_aggregates_with_a_live_preview_then_saves_and_reloads()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("catalog");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dân số theo huyện" }).ClickAsync();
        await page.GetByTestId("analyse").ClickAsync();
        await page.WaitForURLAsync("**/scenarios/*/design");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số");
        await BrowserSession.ScreenshotAsync(page, "designer-1-source");

        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số 78 dòng");

        // Filter: Năm = 2023, from the builder.
        await DropAtEndAsync(page, "filter");
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(1);
        await ChooseAsync(page, page.GetByTestId("filter-column"), "Năm");
        await page.GetByTestId("filter-value").FillAsync("2023");
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số 13 dòng");
        await BrowserSession.ScreenshotAsync(page, "designer-2-filter");

        // Computed column: density, typed with completion of a column.
        await DropAtEndAsync(page, "compute");
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("step-card").Nth(1)).ToHaveAttributeAsync("data-step-type", "compute");
        await page.GetByTestId("compute-column").FillAsync("Mật độ");
        var formula = page.GetByTestId("compute-expression").Locator("textarea");
        await formula.FillAsync("[Dân số] / [Diện");
        await page.GetByTestId("completion").First.ClickAsync();
        await Assertions.Expect(formula).ToHaveValueAsync("[Dân số] / [Diện tích (km²)]");
        await Assertions.Expect(page.GetByTestId("preview-table").Locator("thead")).ToContainTextAsync("Mật độ");
        await BrowserSession.ScreenshotAsync(page, "designer-3-compute");

        // Aggregate: total population by district, biggest first.
        await DropAtEndAsync(page, "aggregate");
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số 13 dòng");
        await page.GetByTestId("group-by").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex(" Huyện$") }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("Mã huyện$") }).ClickAsync();
        // Escape on the select itself: a page-level key press goes astray when a re-render has moved the focus.
        await page.GetByTestId("group-by").PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        await page.GetByTestId("add-measure").ClickAsync();
        await Assertions.Expect(page.GetByTestId("measure")).ToHaveCountAsync(2);
        await ChooseAsync(page, page.GetByTestId("measure-column").Nth(1), "Dân số");
        await Assertions.Expect(page.GetByTestId("preview-table").Locator("thead")).ToContainTextAsync("Tổng Dân số");
        await Assertions.Expect(page.GetByTestId("preview-table").Locator("thead")).ToContainTextAsync("Huyện");
        await Assertions.Expect(page.GetByTestId("preview-table").Locator("thead")).Not.ToContainTextAsync("Mã huyện");
        await BrowserSession.ScreenshotAsync(page, "designer-4-aggregate");
        await Assertions.Expect(page.GetByTestId("palette").Locator("[data-testid^=palette-]").First).ToHaveAttributeAsync("data-testid", "palette-filter");

        // A bar chart of the result, which follows the preview.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Biểu đồ" }).First.ClickAsync();
        await page.GetByTestId("add-chart").ClickAsync();
        await Assertions.Expect(page.GetByTestId("visual-editor")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Biểu đồ" }).Last.ClickAsync();
        var chart = page.GetByTestId("visual-view");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-kind", "Bar");
        // Plotly's script is large: the first chart may take a while to draw.
        await Assertions.Expect(chart.Locator(".js-plotly-plot g.trace.bars").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "designer-5-chart");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();

        await page.GetByTestId("scenario-name").FillAsync("Dân số 2023 theo huyện");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-state")).ToContainTextAsync("phiên bản 2");

        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("scenario-name")).ToHaveValueAsync("Dân số 2023 theo huyện");
        await Assertions.Expect(page.GetByTestId("preview-table").Locator("thead")).ToContainTextAsync("Tổng Dân số");
        var previewRows = await TableAsync(page.GetByTestId("preview-table"));
        await BrowserSession.ScreenshotAsync(page, "designer-6-reloaded");

        await page.GetByTestId("download-menu").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-xlsx").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var sheets = await LibreOffice.ReadSheetsAsync(bytes, TestContext.Current.CancellationToken);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            // The scenario's bar chart travels as a native Excel chart.
            Assert.Contains(zip.Entries, e => e.FullName.TrimStart('/').StartsWith("xl/charts/chart", StringComparison.Ordinal));
        }
        var data = sheets[Workbench.Infrastructure.Exports.XlsxExporter.DataSheet];
        Assert.Equal(previewRows[0], data[0]);
        Assert.Equal(previewRows.Count, data.Count);
        // Same groups and totals as the preview (LibreOffice prints 1,234 where the page shows 1.234).
        Assert.Equal(
            previewRows.Skip(1).Select(r => string.Join("|", r).Replace(".", "")).Order(),
            data.Skip(1).Select(r => string.Join("|", r).Replace(",", "")).Order());
    }

    [Fact]
    public async Task Ctrl_z_and_ctrl_y_undo_and_redo_pipeline_edits_outside_text_fields()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("scenarios/new?dataset=dan-so-theo-huyen");
        await page.WaitForURLAsync("**/scenarios/*/design");
        await page.WaitUntilInteractiveAsync();

        await page.GetByTestId("add-step-menu").ClickAsync();
        await page.GetByTestId("add-sort").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(1);
        await page.GetByTestId("source-card").ClickAsync();

        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+y");
        await Assertions.Expect(page.GetByTestId("step-card")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_invalid_step_shows_its_error_and_blocks_only_the_steps_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var analyst = await app.Services.CallerAsync("chuyenvien.skhdt");
        var created = (await scenarios.CreateAsync(analyst, "Bước lỗi", null, "dan-so-theo-huyen", ct)).Value!;
        await scenarios.SaveAsync(analyst, created.Key, new ScenarioContent("Bước lỗi", null, """
            { "source": { "dataset": "dan-so-theo-huyen" },
              "steps": [ { "type": "filter", "expression": "[Năm] = 2023" },
                         { "type": "compute", "column": "Mật độ", "expression": "[Dân sô] / [Diện tích (km²)]" },
                         { "type": "sort", "by": [ { "column": "Huyện" } ] } ] }
            """, [], []), 1, ct);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync($"scenarios/{created.Key}/design");
        await page.WaitUntilInteractiveAsync();
        var cards = page.GetByTestId("step-card");

        await cards.Nth(0).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số 13 dòng");
        await Assertions.Expect(cards.Nth(0).GetByTestId("step-error-count")).ToHaveCountAsync(0);
        await Assertions.Expect(cards.Nth(1).GetByTestId("step-error-count")).ToBeVisibleAsync();

        await cards.Nth(1).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-blocked")).ToContainTextAsync("Dân sô");
        await Assertions.Expect(page.GetByTestId("preview-blocked")).ToContainTextAsync("Dân số");
        await cards.Nth(2).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-blocked")).ToContainTextAsync("Bước 2");
        await BrowserSession.ScreenshotAsync(page, "designer-invalid-step");

        await cards.Nth(0).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số 13 dòng");
    }

    /// <summary>Drags a palette item onto the strip under the last card, where a drop appends.</summary>
    private static async Task DropAtEndAsync(IPage page, string type)
    {
        await page.GetByTestId("palette-" + type).DragToAsync(page.GetByTestId("pipeline-end"));
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        // An option's name starts with its column type icon's label: match the end.
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(option) + "$") }).ClickAsync();
    }

    private static async Task<List<string[]>> TableAsync(ILocator table)
    {
        var header = await table.Locator("thead th").AllInnerTextsAsync();
        List<string[]> rows = [[.. header.Select(h => h.Trim())]];
        foreach (var row in await table.Locator("tbody tr").AllAsync())
        {
            rows.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim())]);
        }
        return rows;
    }
}
