using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The providing agency's administrator is reminded of an overdue file, delivers it, and finds its rows.</summary>
public sealed class FileDeliveryJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agency_admin_sees_the_overdue_reminder_delivers_a_csv_and_finds_the_rows_on_the_dataset_page()
    {
        await OverdueConnectorAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        var csv = Path.Combine(app.DataFolder, "doanh-nghiep-thang.csv");
        await File.WriteAllTextAsync(csv,
            "Mã số,Tên doanh nghiệp,Vốn (triệu đồng)\n4300123456,Công ty TNHH Sông Trà,1500\n4300654321,Công ty CP Dung Quất,250000\n4300777888,HTX Lý Sơn,320\n", Ct);

        await page.SignInAsync("quantri.skhdt");
        var reminder = page.GetByTestId("home-delivery");
        await Assertions.Expect(reminder).ToContainTextAsync("Quá hạn");
        await Assertions.Expect(reminder).ToContainTextAsync("Đăng ký doanh nghiệp hằng tháng");
        await BrowserSession.ScreenshotAsync(page, "delivery-home-reminder");
        await page.GetByTestId("home-open-agency-connectors").ClickAsync();
        await page.WaitUntilInteractiveAsync();
        var row = page.GetByTestId("agency-connectors-table").Locator("tr", new() { HasText = "Đăng ký doanh nghiệp hằng tháng" });
        await Assertions.Expect(row.GetByTestId("due-overdue")).ToContainTextAsync("Quá hạn");
        await Assertions.Expect(row).ToContainTextAsync("Ngày 1 hằng tháng lúc 08:00");
        await BrowserSession.ScreenshotAsync(page, "delivery-agency-connectors");
        await row.GetByTestId("deliver").ClickAsync();
        await page.ChooseUploadFileAsync(csv, "delivery-file");
        await Assertions.Expect(page.GetByTestId("delivery-row-count")).ToHaveTextAsync("3 dòng");
        await page.GetByTestId("delivery-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("delivery-result")).ToContainTextAsync("Đã nhận tệp: 3 dòng");
        await Assertions.Expect(page.GetByTestId("delivery-dialog").GetByTestId("history-run").First).ToContainTextAsync("Thành công");
        await Assertions.Expect(page.GetByTestId("delivery-dialog").GetByTestId("due-delivered")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "delivery-done");
        await page.GetByTestId("delivery-close").ClickAsync();
        await Assertions.Expect(row.GetByTestId("due-delivered")).ToBeVisibleAsync();
        await row.GetByTestId("connector-dataset").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-name")).ToHaveTextAsync("Doanh nghiệp đăng ký mới");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();
        var rows = page.GetByTestId("rows-table");
        await Assertions.Expect(rows.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(rows).ToContainTextAsync("Công ty CP Dung Quất");
        await Assertions.Expect(rows).ToContainTextAsync("250.000");
    }

    /// <summary>An active file-delivery connector of Sở KHĐT, monthly on day 1, begun long enough ago that its first file is overdue.</summary>
    private async Task OverdueConnectorAsync()
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var admin = await app.Services.CallerAsync("admin");
        const string key = "dkkd-hang-thang";
        var created = await app.Services.GetRequiredService<DatasetService>().CreateAsync(owner, new NewDataset(key, "Doanh nghiệp đăng ký mới", owner.AgencyId,
            [new NewColumn("Mã số", ColumnType.Text, IsKey: true), new NewColumn("Tên doanh nghiệp", ColumnType.Text), new NewColumn("Vốn (triệu đồng)", ColumnType.Integer)]), Ct);
        Assert.Null(created.Error);
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var connector = await connectors.CreateAsync(admin, new ConnectorDraft(key, "Đăng ký doanh nghiệp hằng tháng", null, ConnectorKind.FileDelivery,
            owner.AgencyId, key, SyncMode.FullRefresh, new SyncSchedule(ScheduleFrequency.Monthly, new TimeOnly(8, 0), DayOfMonth: 1), "{}",
            new LegalDocument("12/STC-TH", new DateOnly(2025, 10, 1), "Sở Tài chính"),
            new LegalDocument("88/SKHĐT-ĐKKD", new DateOnly(2025, 10, 20), "Sở Kế hoạch và Đầu tư")), null, Ct);
        Assert.Null(connector.Error);
        Assert.Null((await connectors.SetActiveAsync(admin, key, true, Ct)).Error);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        await db.Connectors.Where(c => c.Key == key).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, DateTimeOffset.UtcNow.AddDays(-70)), Ct);
    }
}
