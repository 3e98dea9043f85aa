using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The demo app on a real port with its Hangfire server running, so "Chạy ngay" really runs.</summary>
public sealed class JobsBrowserAppFactory() : WorkbenchAppFactory(demo: true, kestrel: true)
{
    protected override bool JobsEnabled => true;
}

/// <summary>
/// The system administrator connects an agency's REST API through the UI: describes it, tests it, takes the proposed
/// schema into a new dataset, records the legal basis, runs it, watches it under way, and finds the rows.
/// </summary>
public sealed class ConnectorJourneyTests(JobsBrowserAppFactory app) : IClassFixture<JobsBrowserAppFactory>
{
    [Fact]
    public async Task The_system_admin_creates_tests_runs_and_watches_a_rest_connector_and_finds_its_rows()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.Auth = FakeRestAuth.ApiKeyHeader;
        // Requests 1 and 2 are the editor's two tests (a refused key is not counted); the sync reads its pages 1 and 2
        // (requests 3 and 4) and waits on its third.
        source.HoldOnPage = 5;

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("admin");
        await page.GoAsync("admin/connectors");
        await Assertions.Expect(page.GetByText("Chưa có kết nối dữ liệu nào")).ToBeVisibleAsync();
        await page.GetByTestId("empty-state").GetByRole(AriaRole.Link, new() { Name = "Tạo kết nối" }).ClickAsync();
        await page.WaitUntilInteractiveAsync();

        await page.GetByTestId("connector-name-input").FillAsync("Đơn vị hành chính từ Sở Nội vụ");
        await Assertions.Expect(page.GetByTestId("connector-key-input")).ToHaveValueAsync("don-vi-hanh-chinh-tu-so-noi-vu");
        await page.GetByTestId("connector-agency").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Sở Nội vụ", Exact = true }).ClickAsync();
        await page.GetByTestId("new-dataset-choice").ClickAsync();
        await page.GetByTestId("new-dataset-name").FillAsync("Đơn vị hành chính (API Sở Nội vụ)");

        await page.GetByTestId("rest-url").FillAsync(source.Url("/api/page"));
        await page.GetByTestId("rest-records-path").FillAsync("$.data.items");
        await page.GetByTestId("rest-auth").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Khóa API" }).ClickAsync();
        await page.GetByTestId("rest-api-key-name").FillAsync(FakeRestSource.ApiKeyName);
        await page.GetByTestId("rest-paging").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Theo số trang" }).ClickAsync();
        await page.GetByTestId("rest-page-parameter").FillAsync("trang");
        await page.GetByTestId("rest-size-parameter").FillAsync("kichThuoc");
        await page.GetByTestId("rest-page-size").FillAsync("10");

        // A wrong key first: the test says what the source answered.
        await page.GetByTestId("connector-secret").FillAsync("khoa-sai");
        await page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dry-run-error")).ToContainTextAsync("401");
        await page.GetByTestId("connector-secret").FillAsync(FakeRestSource.ApiKey);
        await page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("raw-record").First).ToContainTextAsync("\"ma\": \"D001\"");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Lược đồ đề xuất" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("proposed-schema")).ToContainTextAsync("diaChi.tinh");
        await page.GetByTestId("use-proposal").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-row").First.GetByTestId("mapping-column")).ToHaveValueAsync("ma");
        await page.GetByTestId("dry-run").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Sau ánh xạ" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapped-rows")).ToContainTextAsync("Quảng Nam");
        await BrowserSession.ScreenshotAsync(page, "connector-editor");

        await Assertions.Expect(page.GetByTestId("schedule-words")).ToHaveTextAsync("Hằng ngày lúc 02:00");
        await page.GetByTestId("request-number").FillAsync("45/CV-STC");
        await page.GetByTestId("request-date").FillAsync("02/11/2026");
        await page.GetByTestId("request-issuer").FillAsync("Sở Tài chính");
        await page.GetByTestId("agreement-number").FillAsync("112/SNV-VP");
        await page.GetByTestId("agreement-date").FillAsync("10/11/2026");
        await page.GetByTestId("agreement-issuer").FillAsync("Sở Nội vụ");
        await page.GetByTestId("save-connector").ClickAsync();

        await Assertions.Expect(page.GetByTestId("connector-name")).ToHaveTextAsync("Đơn vị hành chính từ Sở Nội vụ");
        await Assertions.Expect(page.GetByTestId("connector-state")).ToHaveTextAsync("Đang hoạt động");
        await Assertions.Expect(page.GetByTestId("agreement-document")).ToContainTextAsync("112/SNV-VP, ngày 10/11/2026");

        await page.GetByTestId("run-now").ClickAsync();
        await source.PageHeld.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var progress = page.GetByTestId("sync-progress");
        await Assertions.Expect(progress.GetByTestId("progress-read").GetByTestId("figure-value")).ToHaveTextAsync("20");
        await Assertions.Expect(progress.GetByTestId("progress-pages").GetByTestId("figure-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("cancel-sync")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "connector-progress");
        source.Release();

        await Assertions.Expect(progress).ToHaveCountAsync(0);
        var history = page.GetByTestId("run-history");
        await Assertions.Expect(history.GetByTestId("run-status").First).ToHaveAttributeAsync("data-status", "succeeded");
        await Assertions.Expect(history.GetByTestId("run-read").First).ToHaveTextAsync("95");
        await Assertions.Expect(history.GetByTestId("run-inserted").First).ToHaveTextAsync("95");
        await BrowserSession.ScreenshotAsync(page, "connector-page");

        await page.GetByTestId("connector-dataset").ClickAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("dataset-name")).ToHaveTextAsync("Đơn vị hành chính (API Sở Nội vụ)");
        await page.GoAsync("datasets/don-vi-hanh-chinh-api-so-noi-vu?tab=data");
        await Assertions.Expect(page.GetByTestId("rows-table")).ToContainTextAsync("D001");

        await page.GoAsync("admin/connectors");
        await Assertions.Expect(page.GetByTestId("connectors-grid")).ToContainTextAsync("Đơn vị hành chính từ Sở Nội vụ");
        await Assertions.Expect(page.GetByTestId("connectors-grid").GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "succeeded");
        await BrowserSession.ScreenshotAsync(page, "connectors-list");
    }
}
