using System.Globalization;
using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>
/// An access request in the browser: Sở Tài chính's analyst asks for the population dataset from its page, Sở Kế hoạch
/// và Đầu tư's administrator approves it on Yêu cầu khai thác with a legal basis, and the analyst then reads the rows.
/// </summary>
public sealed class AccessRequestJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task An_analyst_requests_a_dataset_its_owners_administrator_approves_it_and_the_analyst_then_sees_the_rows()
    {
        await using var browser = await BrowserSession.StartAsync();
        var analyst = await browser.NewPageAsync(app.ServerAddress);
        var admin = await browser.NewPageAsync(app.ServerAddress);

        await analyst.SignInAsync("chuyenvien.stc");
        await analyst.GoAsync("datasets/dan-so-theo-huyen");
        await analyst.GetByTestId("request-access").ClickAsync();
        var request = analyst.GetByTestId("request-dialog");
        await request.GetByTestId("request-purpose").FillAsync("Tổng hợp dân số theo huyện cho dự toán ngân sách 2027");
        await BrowserSession.ScreenshotAsync(analyst, "access-request-dialog");
        await analyst.GetByTestId("request-send").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("request-notice")).ToContainTextAsync("đang chờ quản trị");
        await Assertions.Expect(analyst.GetByTestId("request-access")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(analyst, "access-request-pending");

        await admin.SignInAsync("quantri.skhdt");
        await Assertions.Expect(admin.GetByTestId("nav-pending-count").First).ToHaveTextAsync("1");
        await Assertions.Expect(admin.GetByTestId("home-pending-requests")).ToContainTextAsync("1 đề nghị");
        await admin.GoAsync("access-requests");
        // Only this dataset's row: the other test of the class may have left a decided request in the list.
        var list = admin.GetByTestId("decide-list").Locator("tbody tr").Filter(new() { HasText = "Dân số theo huyện" });
        await Assertions.Expect(list).ToContainTextAsync("Chuyên viên Sở Tài chính");
        await Assertions.Expect(list).ToContainTextAsync("dự toán ngân sách 2027");
        await BrowserSession.ScreenshotAsync(admin, "access-request-to-decide");
        await list.GetByTestId("request-approve").ClickAsync();
        var grant = admin.GetByTestId("grant-dialog");
        await Assertions.Expect(grant.GetByTestId("grant-to-requester")).ToBeCheckedAsync();
        await Assertions.Expect(grant.GetByTestId("grant-request-summary")).ToContainTextAsync("dự toán ngân sách 2027");
        await grant.GetByTestId("grant-basis-number").FillAsync("52/CV-STC");
        var basisDate = DateTime.UtcNow.AddHours(7).AddDays(-2).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await grant.GetByTestId("grant-basis-date").FillAsync(basisDate);
        await grant.GetByTestId("grant-basis-date").PressAsync("Tab");
        await grant.GetByTestId("grant-basis-issuer").FillAsync("Sở Tài chính");
        await BrowserSession.ScreenshotAsync(admin, "access-request-approve-dialog");
        await admin.GetByTestId("grant-save").ClickAsync();
        await Assertions.Expect(list.GetByTestId("request-status")).ToContainTextAsync("Đã duyệt");
        await Assertions.Expect(list.GetByTestId("request-approve")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByTestId("nav-pending-count")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(admin, "access-request-approved");

        await analyst.GoAsync("datasets/dan-so-theo-huyen?tab=data");
        await Assertions.Expect(analyst.GetByTestId("request-notice")).ToContainTextAsync("đã được Quản trị Sở Kế hoạch và Đầu tư");
        await Assertions.Expect(analyst.GetByTestId("rows-table").Locator("tbody td.wb-cell-number").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(analyst, "access-request-rows");
        await analyst.GoAsync("access-requests");
        await Assertions.Expect(analyst.GetByTestId("mine-list").Locator("tbody tr").Filter(new() { HasText = "Dân số theo huyện" })
            .GetByTestId("request-status")).ToContainTextAsync("Đã duyệt");
        await BrowserSession.ScreenshotAsync(analyst, "access-request-mine");
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_which_the_requester_then_reads_on_the_dataset_page_and_may_ask_again()
    {
        await using var browser = await BrowserSession.StartAsync();
        var analyst = await browser.NewPageAsync(app.ServerAddress);
        var admin = await browser.NewPageAsync(app.ServerAddress);

        await analyst.SignInAsync("chuyenvien.stc");
        await analyst.GoAsync("datasets/doanh-nghiep-dang-ky");
        await analyst.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();
        await analyst.GetByTestId("request-access-empty").ClickAsync();
        await analyst.GetByTestId("request-purpose").FillAsync("Xem thử");
        await analyst.GetByTestId("request-send").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("request-notice")).ToContainTextAsync("đang chờ quản trị");

        await admin.SignInAsync("quantri.skhdt");
        await admin.GoAsync("access-requests");
        var row = admin.GetByTestId("decide-list").Locator("tbody tr").Filter(new() { HasText = "Doanh nghiệp đăng ký" });
        await row.GetByTestId("request-refuse").ClickAsync();
        await admin.GetByTestId("refuse-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("refuse-dialog")).ToContainTextAsync("lý do từ chối");
        await admin.GetByTestId("refuse-reason").FillAsync("Cần công văn đề nghị của Sở Tài chính nêu rõ phạm vi dữ liệu");
        await BrowserSession.ScreenshotAsync(admin, "access-request-refuse-dialog");
        await admin.GetByTestId("refuse-confirm").ClickAsync();
        await Assertions.Expect(row.GetByTestId("request-status")).ToContainTextAsync("Bị từ chối");

        await analyst.GoAsync("datasets/doanh-nghiep-dang-ky");
        await Assertions.Expect(analyst.GetByTestId("request-reason")).ToContainTextAsync("Cần công văn đề nghị");
        await Assertions.Expect(analyst.GetByTestId("request-access")).ToContainTextAsync("Đề nghị lại", new() { IgnoreCase = true });
        await BrowserSession.ScreenshotAsync(analyst, "access-request-refused");
    }
}
