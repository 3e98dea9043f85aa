using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>A system administrator adds an agency, renames it, and merges it into another, seeing what moves before confirming.</summary>
public sealed class AgenciesJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task System_admin_creates_renames_and_merges_an_agency()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("admin");
        var systemGroup = page.Locator(".mud-nav-group", new() { HasText = "Quản trị hệ thống" });
        await Assertions.Expect(systemGroup.Locator("a.mud-nav-link").First).ToHaveTextAsync("Cơ quan");
        await systemGroup.GetByRole(AriaRole.Link, new() { Name = "Cơ quan", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/agencies");
        await page.WaitUntilInteractiveAsync();
        var grid = page.GetByTestId("agencies-grid");
        await Assertions.Expect(grid).ToContainTextAsync("Sở Tài chính");
        await BrowserSession.ScreenshotAsync(page, "agencies-list");

        await page.GetByTestId("create-agency").ClickAsync();
        await page.GetByTestId("agency-code").FillAsync("ttcds");
        await page.GetByTestId("agency-name").FillAsync("Trung tâm Chuyển đổi số");
        await page.GetByTestId("agency-name-en").FillAsync("Digital Transformation Centre");
        await BrowserSession.ScreenshotAsync(page, "agency-create-dialog");
        await page.GetByTestId("agency-submit").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã tạo cơ quan «Trung tâm Chuyển đổi số» (mã TTCDS)");
        var row = grid.Locator("tr", new() { HasText = "TTCDS" });
        await Assertions.Expect(row).ToContainTextAsync("Digital Transformation Centre");
        await Assertions.Expect(row.GetByTestId("agency-status")).ToHaveTextAsync("Đang hoạt động");
        await BrowserSession.ScreenshotAsync(page, "agency-created");

        await row.GetByTestId("rename-agency").ClickAsync();
        await Assertions.Expect(page.GetByTestId("agency-code")).ToBeDisabledAsync();
        await page.GetByTestId("agency-name").FillAsync("Trung tâm Chuyển đổi số tỉnh");
        await page.GetByTestId("agency-submit").ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("Trung tâm Chuyển đổi số tỉnh");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã đổi tên" })).ToBeVisibleAsync();

        await row.GetByTestId("merge-agency").ClickAsync();
        await page.GetByTestId("merge-target").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Sở Thông tin và Truyền thông (STTTT)" }).ClickAsync();
        var counts = page.GetByTestId("merge-counts");
        await Assertions.Expect(counts).ToContainTextAsync("Người dùng");
        await Assertions.Expect(counts).ToContainTextAsync("Bộ dữ liệu");
        await Assertions.Expect(page.GetByTestId("merge-submit")).ToBeDisabledAsync();
        await page.GetByText("Tôi hiểu và muốn hợp nhất").ClickAsync();
        await Assertions.Expect(page.GetByTestId("merge-submit")).ToBeEnabledAsync();
        await BrowserSession.ScreenshotAsync(page, "agency-merge-confirm");
        await page.GetByTestId("merge-submit").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã hợp nhất" })).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("agency-status")).ToHaveTextAsync("Đã hợp nhất vào Sở Thông tin và Truyền thông");
        await Assertions.Expect(row.GetByTestId("merge-agency")).ToHaveCountAsync(0);
        await Assertions.Expect(row.GetByTestId("reactivate-agency")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "agency-merged");
    }
}
