using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Exports;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>Nhật ký in the browser: an agency administrator reads and exports their agency's log; an analyst has no way in.</summary>
public sealed class AuditLogJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task Agency_admin_filters_their_agencys_log_by_action_opens_details_and_downloads_the_xlsx()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await BrowserSession.StartAsync();
        var other = await browser.NewPageAsync(app.ServerAddress);
        await other.SignInAsync("admin");
        var planning = await app.Services.CallerAsync("quantri.skhdt");
        await AddDownloadEntryAsync(planning.AgencyId, ct);
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("quantri.skhdt");
        await page.Locator(".mud-nav-group", new() { HasText = "Quản trị cơ quan" }).Locator(".mud-nav-link", new() { HasText = "Nhật ký" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/audit");
        await page.WaitUntilInteractiveAsync();
        var table = page.GetByTestId("audit-table");
        await Assertions.Expect(table).ToContainTextAsync("Tải dữ liệu về");
        await Assertions.Expect(page.GetByTestId("audit-intro")).ToContainTextAsync("Sở Kế hoạch và Đầu tư");
        await Assertions.Expect(page.GetByTestId("audit-agency")).ToHaveCountAsync(0);
        var downloadRow = table.Locator("tbody tr", new() { HasText = "Tải dữ liệu về" });
        await downloadRow.GetByTestId("audit-details-toggle").ClickAsync();
        await Assertions.Expect(downloadRow.GetByTestId("audit-details")).ToContainTextAsync("\"file\": \"Dân số theo huyện\"");
        await BrowserSession.ScreenshotAsync(page, "audit-log");

        await page.GetByTestId("audit-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await Assertions.Expect(table).Not.ToContainTextAsync("Tải dữ liệu về");
        var actions = page.GetByTestId("audit-row-action");
        await Assertions.Expect(actions.First).ToHaveTextAsync("Đăng nhập");
        Assert.All(await actions.AllInnerTextsAsync(), text => Assert.Equal("Đăng nhập", text.Trim()));
        await Assertions.Expect(table).ToContainTextAsync("Quản trị Sở Kế hoạch và Đầu tư (tài khoản mẫu)");
        await Assertions.Expect(table).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(table).Not.ToContainTextAsync("Quản trị hệ thống (tài khoản mẫu)");
        await Assertions.Expect(table).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}"));
        await BrowserSession.ScreenshotAsync(page, "audit-log-sign-ins");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("audit-download").ClickAsync());
        var sheets = await LibreOffice.ReadSheetsAsync(await File.ReadAllBytesAsync(await download.PathAsync(), ct), ct);

        Assert.Matches(@"^nhat-ky-he-thong-\d{8}-\d{6}\.xlsx$", download.SuggestedFilename);
        var rows = sheets[XlsxExporter.DataSheet].Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(["Sở Kế hoạch và Đầu tư", "Đăng nhập", AuditActions.SignIn, "127.0.0.1"], new[] { row[2], row[3], row[4], row[7] }));
        Assert.Contains(sheets[XlsxExporter.ProvenanceSheet], line => line[0] == "Tham số: Thao tác" && line[1] == "Đăng nhập");

        await page.GetByTestId("audit-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Tải nhật ký về", Exact = true }).ClickAsync();
        await Assertions.Expect(actions.First).ToHaveTextAsync("Tải nhật ký về");
        await page.GetByTestId("audit-target").FillAsync("không có đối tượng này");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Không có mục nhật ký nào khớp bộ lọc");
        await BrowserSession.ScreenshotAsync(page, "audit-log-empty");
        await page.GetByTestId("empty-state").GetByRole(AriaRole.Button, new() { Name = "Xóa bộ lọc" }).ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync("Tải dữ liệu về");
    }

    [Fact]
    public async Task System_admin_finds_the_log_under_system_administration_with_every_agency()
    {
        await using var browser = await BrowserSession.StartAsync();
        var analyst = await browser.NewPageAsync(app.ServerAddress);
        await analyst.SignInAsync("lanhdao");
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("admin");
        await page.Locator(".mud-nav-group", new() { HasText = "Quản trị hệ thống" }).Locator(".mud-nav-link", new() { HasText = "Nhật ký" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/audit");
        await page.WaitUntilInteractiveAsync();

        var table = page.GetByTestId("audit-table");
        await Assertions.Expect(table).ToContainTextAsync("Lãnh đạo UBND tỉnh (tài khoản mẫu)");
        await Assertions.Expect(table).ToContainTextAsync("Văn phòng UBND tỉnh");
        await page.GetByTestId("audit-agency").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Văn phòng UBND tỉnh", Exact = true }).ClickAsync();
        await Assertions.Expect(table).Not.ToContainTextAsync("Quản trị hệ thống (tài khoản mẫu)");
        await BrowserSession.ScreenshotAsync(page, "audit-log-system-admin");
    }

    [Fact]
    public async Task An_analyst_has_no_audit_menu_and_is_refused_the_page_and_the_file()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("admin/audit");
        var file = await page.APIRequest.GetAsync("admin/audit/download.xlsx", new() { MaxRedirects = 0 });

        await Assertions.Expect(page.Locator(".mud-nav-link", new() { HasText = "Nhật ký" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("audit-table")).ToHaveCountAsync(0);
        Assert.NotEqual(200, file.Status);
    }

    private async Task AddDownloadEntryAsync(int agencyId, CancellationToken ct)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow.AddMinutes(-5),
            UserId = "e2e",
            UserName = "Chuyên viên Sở Kế hoạch và Đầu tư (tài khoản mẫu)",
            AgencyId = agencyId,
            Action = AuditActions.QueryDownload,
            Target = "dan-so-theo-huyen",
            Details = """{"format":"xlsx","rows":78,"file":"Dân số theo huyện","sha256":"3f1c0e5a9b"}""",
            IpAddress = "10.20.30.40",
        });
        await db.SaveChangesAsync(ct);
    }
}
