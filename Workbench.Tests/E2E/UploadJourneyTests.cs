using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The analyst's path through the real app in a real browser: sign in, catalog, dataset, upload, rows.</summary>
public sealed class UploadJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Analyst_uploads_a_csv_changes_a_column_type_and_sees_the_rows()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        var csv = Path.Combine(app.DataFolder, "dan-so-2025.csv");
        await File.WriteAllTextAsync(csv,
            "Mã huyện,Huyện,Năm,Dân số,Diện tích (km²)\n522,Thành phố Quảng Ngãi,2025,270500,156.0\n524,Huyện Bình Sơn,2025,181000,467.3\n536,Huyện Lý Sơn,2025,22500,10.3\n",
            TestContext.Current.CancellationToken);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("catalog");
        await page.GetByTestId("catalog-table").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dân số theo huyện" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-name")).ToHaveTextAsync("Dân số theo huyện");
        await page.GetByTestId("upload").ClickAsync();
        await page.ChooseUploadFileAsync(csv);
        await Assertions.Expect(page.GetByTestId("preview-row-count")).ToHaveTextAsync("3 dòng");
        await page.GetByTestId("mode-replace").ClickAsync();
        await Assertions.Expect(page.GetByTestId("column-type-3")).ToHaveTextAsync("Số nguyên");
        await page.GetByTestId("column-type-3").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Số thực" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("column-type-3")).ToHaveTextAsync("Số thực");
        await BrowserSession.ScreenshotAsync(page, "upload-preview");
        await page.GetByTestId("load").ClickAsync();

        var rows = page.GetByTestId("rows-table");
        await Assertions.Expect(rows.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(rows).ToContainTextAsync("Huyện Lý Sơn");
        await Assertions.Expect(rows).ToContainTextAsync("22.500");
        await Assertions.Expect(rows).ToContainTextAsync("467,3");
        await Assertions.Expect(page.GetByText("3 dòng", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Cột" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("columns-table").Locator("tr", new() { HasText = "Dân số" })).ToContainTextAsync("Số thực");
        await BrowserSession.ScreenshotAsync(page, "upload-loaded");
    }

    [Fact]
    public async Task A_file_with_a_bad_date_is_refused_with_its_row_and_nothing_is_loaded()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        var csv = Path.Combine(app.DataFolder, "doanh-nghiep-loi.csv");
        await File.WriteAllTextAsync(csv, "Tên,Ngày đăng ký\nCông ty A,01/02/2024\nCông ty B,31/02/2024\n", TestContext.Current.CancellationToken);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("catalog");
        await page.GetByTestId("create-from-file").ClickAsync();
        await page.ChooseUploadFileAsync(csv);
        await page.GetByTestId("preview-columns").WaitForAsync();
        // Load only once the page shows the new type: a click on the option while the list still opens can miss it.
        await page.ChooseAsync(page.GetByTestId("column-type-1"), "Ngày");
        await page.GetByTestId("load").ClickAsync();

        var errors = page.GetByTestId("upload-errors");
        await Assertions.Expect(errors).ToContainTextAsync("Dòng 3");
        await Assertions.Expect(errors).ToContainTextAsync("Ngày đăng ký");
        await Assertions.Expect(errors).ToContainTextAsync("31/02/2024");
        await BrowserSession.ScreenshotAsync(page, "upload-refused");
        await page.GoAsync("catalog");
        await Assertions.Expect(page.GetByTestId("catalog-table")).Not.ToContainTextAsync("doanh-nghiep-loi");
    }

    [Fact]
    public async Task Wrong_password_says_so_and_keeps_the_user_on_the_sign_in_page()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.GotoAsync("account/login");
        await page.FillAsync("#username", "chuyenvien.skhdt");
        await page.FillAsync("#password", "sai-mat-khau");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("không đúng");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GotoAsync("account/login");
            await page.FillAsync("#username", "lanhdao");
            await page.FillAsync("#password", "sai-mat-khau-" + attempt);
            await page.ClickAsync("button[type=submit]");
            await page.GetByTestId("login-error").WaitForAsync();
        }
        await page.GotoAsync("account/login");
        await page.FillAsync("#username", "lanhdao");
        await page.FillAsync("#password", PageActions.DemoPassword);
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("tạm khóa");
    }
}
