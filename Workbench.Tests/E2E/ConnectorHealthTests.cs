using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Connectors;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>
/// A connector failing night after night stands out where the system administrator looks: the home page, the list (red,
/// first, counted in the overview) and its own page (the error open, new source fields flagged); the editor changes
/// its schedule and keeps its secret.
/// </summary>
public sealed class ConnectorHealthTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connector_failing_repeatedly_stands_out_and_its_page_says_why()
    {
        await SeedAsync();

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("admin");
        await Assertions.Expect(page.GetByTestId("home-failing-sync")).ToContainTextAsync("Thuế doanh nghiệp (lỗi)");
        await Assertions.Expect(page.GetByTestId("home-failing-sync")).ToContainTextAsync("Lỗi 3 lần liên tiếp");

        await page.GoAsync("admin/connectors");
        await Assertions.Expect(page.GetByTestId("health-failing").GetByTestId("health-value")).ToHaveTextAsync("1");
        var rows = page.GetByTestId("connectors-grid").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("Thuế doanh nghiệp (lỗi)");
        await Assertions.Expect(rows.First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("connector-failing"));
        await Assertions.Expect(rows.First.GetByTestId("failures-in-a-row")).ToHaveTextAsync("Lỗi 3 lần liên tiếp");
        await page.GetByTestId("health-paused").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Thuế doanh nghiệp (tạm dừng)");
        await BrowserSession.ScreenshotAsync(page, "connectors-health");

        await page.GoAsync("admin/connectors/thue-loi");
        await Assertions.Expect(page.GetByTestId("connector-failing")).ToHaveTextAsync("Lỗi 3 lần liên tiếp");
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveTextAsync("Nguồn trả lời HTTP 500 sau 3 lần thử.");
        await Assertions.Expect(page.GetByTestId("schema-drift")).ToContainTextAsync("ma_so_thue_moi");
        await page.GetByTestId("run-details-toggle").Nth(3).ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-details").Last).ToContainTextAsync("«abc» không phải số nguyên");

        await page.GetByTestId("edit-connector").ClickAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("connector-secret")).ToHaveValueAsync("");
        await page.GetByTestId("schedule-frequency").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Hằng tuần" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedule-words")).ToHaveTextAsync("Thứ Hai hằng tuần lúc 02:00");
        await page.GetByTestId("save-connector").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connector-facts")).ToContainTextAsync("Thứ Hai hằng tuần lúc 02:00");

        var connectors = app.Services.GetRequiredService<ConnectorService>();
        var saved = (await connectors.GetAsync(await app.Services.CallerAsync("admin"), "thue-loi", Ct)).Value!;
        Assert.Equal("0 2 * * 1", saved.Schedule);
        Assert.Contains("nguon-thue.db", connectors.SecretsJsonOf(saved));
    }

    /// <summary>Two database connectors of Sở Tài chính: one with three failures after a success, one paused.</summary>
    private async Task SeedAsync()
    {
        var admin = await app.Services.CallerAsync("admin");
        var finance = await app.AgencyIdAsync(Workbench.Infrastructure.Persistence.Seeding.AgencySeed.Finance);
        var datasets = app.Services.GetRequiredService<DatasetService>();
        var connectors = app.Services.GetRequiredService<ConnectorService>();
        Assert.Null((await datasets.CreateAsync(admin, new NewDataset("thue-dn", "Thuế doanh nghiệp", finance,
            [new NewColumn("Mã số thuế", ColumnType.Text), new NewColumn("Số thuế", ColumnType.Integer)]), Ct)).Error);
        var settings = JsonSerializer.Serialize(new DatabaseSourceSettings
        {
            Engine = DatabaseEngine.Sqlite,
            Table = "thue",
            Mappings = [new FieldMapping("Mã số thuế", ColumnType.Text, "mst"), new FieldMapping("Số thuế", ColumnType.Integer, "so_thue")],
        }, JsonSerializerOptions.Web);
        var secrets = JsonSerializer.Serialize(new DatabaseSecrets("Data Source=/srv/nguon-thue.db"), JsonSerializerOptions.Web);
        LegalDocument request = new("7/CV-STC", new DateOnly(2026, 10, 1), "Sở Tài chính"), agreement = new("9/CT", new DateOnly(2026, 10, 5), "Cục Thuế");
        foreach (var (key, name, active) in new[] { ("thue-loi", "Thuế doanh nghiệp (lỗi)", true), ("thue-dung", "Thuế doanh nghiệp (tạm dừng)", false) })
        {
            var draft = new ConnectorDraft(key, name, null, ConnectorKind.Database, finance, "thue-dn", SyncMode.FullRefresh, SyncSchedule.DailyAt(2, 0),
                settings, request, agreement);
            Assert.Null((await connectors.CreateAsync(admin, draft, secrets, Ct)).Error);
            Assert.Null((await connectors.SetActiveAsync(admin, key, active, Ct)).Error);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var failing = await db.Connectors.SingleAsync(c => c.Key == "thue-loi", Ct);
        var night = new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);
        db.SyncRuns.Add(new SyncRun
        {
            ConnectorId = failing.Id, StartedAt = night, EndedAt = night.AddSeconds(40), Status = SyncRunStatus.Succeeded, Attempts = 1,
            RecordsRead = 1_200, RowsInserted = 1_198, ProblemCount = 2, DataVersion = 1,
            ProblemSamplesJson = JsonSerializer.Serialize(new[] { new ConversionProblem(17, "Số thuế", "abc", "«abc» không phải số nguyên") }, JsonSerializerOptions.Web),
        });
        db.SyncRuns.AddRange(Enumerable.Range(1, 3).Select(i => new SyncRun
        {
            ConnectorId = failing.Id, StartedAt = night.AddDays(i), EndedAt = night.AddDays(i).AddMinutes(2), Status = SyncRunStatus.Failed, Attempts = 3,
            ErrorCode = "sync.source", ErrorMessage = "Nguồn trả lời HTTP 500 sau 3 lần thử.",
            UnmappedFieldsJson = JsonSerializer.Serialize(new[] { "ma_so_thue_moi" }, JsonSerializerOptions.Web),
        }));
        await db.SaveChangesAsync(Ct);
    }
}
