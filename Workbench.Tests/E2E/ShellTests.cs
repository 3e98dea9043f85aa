using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The frame around every page: who is signed in, the language switch, signing out, what each role sees.</summary>
public sealed class ShellTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task App_bar_names_the_user_and_agency_and_English_can_be_chosen()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("lanhdao");
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Văn phòng");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Xin chào");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ngôn ngữ" }).ClickAsync();
        await page.GetByText("English", new() { Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello");
        await Assertions.Expect(page.Locator(".mud-nav-link", new() { HasText = "Catalog" })).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "home-english");
    }

    [Fact]
    public async Task A_link_to_a_page_the_role_may_not_use_says_why_instead_of_silently_going_home()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GotoAsync("admin/grants");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));
        await Assertions.Expect(page.GetByText("Bạn không có quyền truy cập trang này")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cấp quyền" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_leader_sees_no_upload_and_no_rows_of_another_agency()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("lanhdao");
        await page.GoAsync("datasets/thu-ngan-sach");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("upload")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("download-csv")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("chưa được cấp quyền");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Sở Tài chính");
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_pages_need_signing_in_again()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        // The sign-in page, with or without a return address (a page reloading under the old circuit may add one).
        await page.WaitForURLAsync("**/account/login**");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        await page.GotoAsync("catalog");

        await page.WaitForURLAsync("**/account/login**");
        Assert.Contains("catalog", Uri.UnescapeDataString(page.Url));
    }

    [Fact]
    public async Task The_owner_downloads_a_dataset_as_UTF8_CSV_with_every_row()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("datasets/doanh-nghiep-dang-ky");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã số thuế,", lines[0]);
        Assert.Equal(2_001, lines.Length);
        Assert.EndsWith(".csv", download.SuggestedFilename);
    }

    [Fact]
    public async Task The_owner_downloads_a_dataset_as_xlsx_that_libreoffice_reads_with_its_provenance()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("datasets/doanh-nghiep-dang-ky");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-xlsx").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);

        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var sheets = await LibreOffice.ReadSheetsAsync(bytes, TestContext.Current.CancellationToken);
        Assert.Equal("Mã số thuế", sheets[Workbench.Infrastructure.Exports.XlsxExporter.DataSheet][0][0]);
        Assert.Equal(2_001, sheets[Workbench.Infrastructure.Exports.XlsxExporter.DataSheet].Count);
        var provenance = sheets[Workbench.Infrastructure.Exports.XlsxExporter.ProvenanceSheet].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("doanh-nghiep-dang-ky", provenance["Nguồn 1: mã"]);
        Assert.Equal("Sở Kế hoạch và Đầu tư", provenance["Cơ quan của người tải xuống"]);
    }

    [Fact]
    public async Task Dark_mode_is_remembered_after_a_reload()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("chuyenvien.skhdt");

        await page.GetByRole(AriaRole.Button, new() { Name = "Giao diện tối" }).ClickAsync();
        // The choice is stored by the time the button has turned; a reload before that would find nothing stored.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Giao diện sáng" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Giao diện sáng" })).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "home-dark");
    }
}
