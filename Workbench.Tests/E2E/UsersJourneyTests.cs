using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>
/// An agency administrator adds an analyst and hands over the temporary password; the analyst must choose their own
/// password before anything else; once the administrator disables the account, it can no longer sign in.
/// </summary>
public sealed class UsersJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string UserName = "tran.thi.moi";
    private const string OwnPassword = "Rieng@Cua-Toi-2026";

    [Fact]
    public async Task Agency_admin_creates_an_analyst_who_must_change_the_password_and_cannot_sign_in_once_disabled()
    {
        await using var browser = await BrowserSession.StartAsync();
        var admin = await browser.NewPageAsync(app.ServerAddress);

        await admin.SignInAsync("quantri.skhdt");
        await admin.Locator(".mud-nav-group", new() { HasText = "Quản trị cơ quan" }).Locator(".mud-nav-link", new() { HasText = "Người dùng" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/users");
        await admin.WaitUntilInteractiveAsync();
        await Assertions.Expect(admin.GetByTestId("users-table")).ToContainTextAsync("chuyenvien.skhdt");
        await admin.GetByTestId("create-user").ClickAsync();
        await admin.GetByTestId("user-full-name").FillAsync("Trần Thị Mới");
        await admin.GetByTestId("user-user-name").FillAsync(UserName);
        await BrowserSession.ScreenshotAsync(admin, "users-create");
        await admin.GetByTestId("create-user-submit").ClickAsync();
        var password = (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();
        await Assertions.Expect(admin.GetByTestId("password-once-warning")).ToContainTextAsync("lần duy nhất");
        await Assertions.Expect(admin.GetByTestId("sign-in-text")).ToContainTextAsync($"Tên đăng nhập: {UserName}");
        await Assertions.Expect(admin.GetByTestId("sign-in-text")).ToContainTextAsync(password);
        await BrowserSession.ScreenshotAsync(admin, "users-temporary-password");
        await admin.GetByTestId("password-handed-over").ClickAsync();
        var row = admin.GetByTestId("users-table").Locator("tr", new() { HasText = UserName });
        await Assertions.Expect(row).ToContainTextAsync("Chuyên viên");
        await Assertions.Expect(row).ToContainTextAsync("Chờ đổi mật khẩu");
        await Assertions.Expect(admin.GetByText(password)).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(admin, "users-list");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await admin.WaitForURLAsync("**/account/login");

        var user = await browser.NewPageAsync(app.ServerAddress);
        await SubmitSignInAsync(user, password);
        await user.WaitForURLAsync("**/account/change-password**");
        await Assertions.Expect(user.GetByTestId("change-password-forced")).ToContainTextAsync("đặt mật khẩu mới");
        await user.GotoAsync("catalog");
        await user.WaitForURLAsync("**/account/change-password");
        await user.FillAsync("#current-password", password);
        await user.FillAsync("#new-password", OwnPassword);
        await user.FillAsync("#confirm-password", OwnPassword);
        await BrowserSession.ScreenshotAsync(user, "users-forced-change");
        await user.GetByTestId("change-password-submit").ClickAsync();
        await user.WaitForURLAsync(url => !url.Contains("change-password", StringComparison.Ordinal));
        await user.WaitUntilInteractiveAsync();
        await Assertions.Expect(user.GetByTestId("current-user")).ToContainTextAsync("Trần Thị Mới");
        await Assertions.Expect(user.GetByText("Đã đổi mật khẩu.")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(user, "users-home-after-change");

        await admin.SignInAsync("quantri.skhdt");
        await admin.GoAsync("admin/users");
        row = admin.GetByTestId("users-table").Locator("tr", new() { HasText = UserName });
        await Assertions.Expect(row).Not.ToContainTextAsync("Chờ đổi mật khẩu");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Thao tác với {UserName}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Menuitem, new() { Name = "Vô hiệu hóa" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("không đăng nhập được nữa");
        await BrowserSession.ScreenshotAsync(admin, "users-disable-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hóa" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Đã vô hiệu hóa");
        await BrowserSession.ScreenshotAsync(admin, "users-disabled");

        var again = await browser.NewPageAsync(app.ServerAddress);
        await SubmitSignInAsync(again, OwnPassword);
        await Assertions.Expect(again.GetByTestId("login-error")).ToContainTextAsync("không đúng");
    }

    private static async Task SubmitSignInAsync(IPage page, string password)
    {
        await page.GotoAsync("account/login");
        await page.FillAsync("#username", UserName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
