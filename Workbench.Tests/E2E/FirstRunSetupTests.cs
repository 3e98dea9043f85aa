using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>Production's first start: no demo data, a setup page that creates the system administrator, once.</summary>
public sealed class FirstRunSetupTests(FirstRunAppFactory app) : IClassFixture<FirstRunAppFactory>
{
    [Fact]
    public async Task First_visit_creates_the_system_administrator_who_then_signs_in()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.GotoAsync("");
        Assert.EndsWith("/setup", page.Url);
        await page.FillAsync("#fullname", "Nguyễn Văn Quản Trị");
        await page.FillAsync("#username", "quantri");
        await page.FillAsync("#email", "quantri@quangngai.gov.vn");
        await page.FillAsync("#password", "Quang-Ngai-2026");
        await page.FillAsync("#confirm", "Quang-Ngai-2026");
        await BrowserSession.ScreenshotAsync(page, "first-run-setup");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/account/login");
        await page.FillAsync("#username", "quantri");
        await page.FillAsync("#password", "Quang-Ngai-2026");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Nguyễn Văn Quản Trị");
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Sở Thông tin và Truyền thông");
        await page.GotoAsync("catalog");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Danh mục chưa có bộ dữ liệu");
        await page.GotoAsync("setup");
        await page.WaitForURLAsync("**/account/login");
    }
}
