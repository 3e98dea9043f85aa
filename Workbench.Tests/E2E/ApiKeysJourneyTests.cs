using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>An agency administrator issues an API key in the browser, an integration uses it, and revoking it locks that integration out.</summary>
public sealed class ApiKeysJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Agency_admin_creates_a_key_that_is_shown_once_works_with_the_api_and_stops_working_when_revoked()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        using var api = new HttpClient { BaseAddress = app.ServerAddress };

        await page.SignInAsync("quantri.skhdt");
        await page.Locator(".mud-nav-link", new() { HasText = "Khóa API" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/api-keys");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Chưa có khóa API nào");
        await BrowserSession.ScreenshotAsync(page, "api-keys-empty");
        await page.GetByTestId("create-key").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Tên khóa" }).FillAsync("Hệ thống đăng ký doanh nghiệp");
        await page.GetByTestId("create-key-submit").ClickAsync();
        var key = (await page.GetByTestId("new-key").InnerTextAsync()).Trim();
        await Assertions.Expect(page.GetByTestId("key-once-warning")).ToContainTextAsync("lần duy nhất");
        await Assertions.Expect(page.GetByTestId("curl-example")).ToContainTextAsync($"Authorization: Bearer {key}");
        await BrowserSession.ScreenshotAsync(page, "api-key-created");

        Assert.StartsWith("wbk_", key);
        Assert.Equal(HttpStatusCode.OK, (await GetDatasetsAsync(api, key)).StatusCode);

        await page.GetByTestId("key-saved").ClickAsync();
        var table = page.GetByTestId("api-keys-table");
        await Assertions.Expect(table).ToContainTextAsync("Hệ thống đăng ký doanh nghiệp");
        await Assertions.Expect(table).ToContainTextAsync(key[..12] + "…");
        await Assertions.Expect(table).ToContainTextAsync("Đang hoạt động");
        await Assertions.Expect(page.GetByText(key)).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "api-keys-list");
        await page.GetByTestId("revoke-key").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("ngừng hoạt động");
        await BrowserSession.ScreenshotAsync(page, "api-key-revoke-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Thu hồi" }).ClickAsync();

        await Assertions.Expect(table).ToContainTextAsync("Đã thu hồi");
        await Assertions.Expect(page.GetByTestId("revoke-key")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetDatasetsAsync(api, key)).StatusCode);
        await BrowserSession.ScreenshotAsync(page, "api-keys-revoked");
    }

    [Fact]
    public async Task An_analyst_has_no_api_keys_menu_and_is_refused_the_page()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("admin/api-keys");

        await Assertions.Expect(page.Locator(".mud-nav-link", new() { HasText = "Khóa API" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("create-key")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task System_admin_finds_api_keys_under_system_administration_and_may_choose_any_agency_and_role()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("admin");
        await page.Locator(".mud-nav-group", new() { HasText = "Quản trị hệ thống" }).Locator(".mud-nav-link", new() { HasText = "Khóa API" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/api-keys");
        await page.WaitUntilInteractiveAsync();
        await page.GetByTestId("create-key").ClickAsync();
        await page.GetByTestId("key-role").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Quản trị hệ thống" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("key-agency")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-nav-group", new() { HasText = "Quản trị cơ quan" })).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "api-key-create-system-admin");
    }

    private static async Task<HttpResponseMessage> GetDatasetsAsync(HttpClient api, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/datasets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await api.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
