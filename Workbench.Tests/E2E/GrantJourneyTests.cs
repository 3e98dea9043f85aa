using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Access;
using Workbench.Infrastructure.Access;
using Workbench.Infrastructure.Persistence.Seeding;
using Workbench.Infrastructure.Scenarios;
using Workbench.Tests.Api;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>
/// Sharing between agencies in the browser: the population dataset's owner grants it with a row filter, the other
/// agency's analyst sees only those rows in the designer, and after the revocation their next preview is refused.
/// </summary>
public sealed class GrantJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task An_owner_grants_with_a_row_filter_the_grantee_sees_only_those_rows_and_a_revocation_stops_the_next_preview()
    {
        await using var browser = await BrowserSession.StartAsync();
        var admin = await browser.NewPageAsync(app.ServerAddress);
        var analyst = await browser.NewPageAsync(app.ServerAddress);

        // Before the grant, Sở Tài chính's analyst finds the dataset but not its rows.
        await analyst.SignInAsync("chuyenvien.stc");
        await analyst.GoAsync("datasets/dan-so-theo-huyen");
        await analyst.GetByRole(AriaRole.Tab, new() { Name = "Dữ liệu" }).ClickAsync();
        await Assertions.Expect(analyst.GetByText("Bạn chưa được cấp quyền", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByTestId("analyse")).ToHaveCountAsync(0);

        await admin.SignInAsync("quantri.skhdt");
        await admin.GoAsync("datasets/dan-so-theo-huyen");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Quyền" }).ClickAsync();
        await admin.GetByTestId("grant-new").ClickAsync();
        var dialog = admin.GetByTestId("grant-dialog");
        await dialog.GetByTestId("grant-agency").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Sở Tài chính" }).ClickAsync();
        await dialog.GetByTestId("grant-row-filter").Locator("textarea").FillAsync("[Năm] = 2023");
        await dialog.GetByTestId("grant-basis-number").FillAsync("45/QĐ-UBND");
        await dialog.GetByTestId("grant-basis-date").FillAsync("20/11/2026");
        await dialog.GetByTestId("grant-basis-date").PressAsync("Tab");
        await dialog.GetByTestId("grant-basis-issuer").FillAsync("UBND tỉnh Quảng Ngãi");
        await BrowserSession.ScreenshotAsync(admin, "grant-dialog");
        await admin.GetByTestId("grant-save").ClickAsync();
        // The other test of this class may have granted the same dataset to another agency: look at this grant's row.
        var granted = admin.GetByTestId("grant-list").Locator("tbody tr", new() { HasText = "Sở Tài chính" });
        await Assertions.Expect(granted).ToHaveCountAsync(1);
        await Assertions.Expect(granted.GetByTestId("grant-row-filter-shown")).ToHaveTextAsync("[Năm] = 2023");
        await BrowserSession.ScreenshotAsync(admin, "grant-list");

        await analyst.GoAsync("scenarios/new?dataset=dan-so-theo-huyen");
        await analyst.WaitForURLAsync("**/scenarios/*/design");
        await analyst.WaitUntilInteractiveAsync();
        await Assertions.Expect(analyst.GetByTestId("preview-summary")).ToContainTextAsync("trên tổng số 13 dòng");
        await Assertions.Expect(analyst.GetByTestId("preview-table")).Not.ToContainTextAsync("2022");
        await BrowserSession.ScreenshotAsync(analyst, "grant-grantee-designer");

        await granted.GetByTestId("grant-revoke").ClickAsync();
        await admin.GetByTestId("revoke-reason").FillAsync("Đã hết thời gian phối hợp");
        await admin.GetByTestId("revoke-confirm").ClickAsync();
        await Assertions.Expect(granted.GetByTestId("grant-status")).ToContainTextAsync("Đã thu hồi");

        // The open designer's next preview asks the engine again and is refused.
        await analyst.GetByTestId("add-step-menu").ClickAsync();
        await analyst.GetByTestId("add-sort").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("preview-blocked")).ToContainTextAsync("không có quyền truy vấn", new() { Timeout = 30_000 });
        await Assertions.Expect(analyst.GetByTestId("preview-blocked")).ToContainTextAsync("thu hồi");
        await BrowserSession.ScreenshotAsync(analyst, "grant-revoked-designer");
    }

    [Fact]
    public async Task An_agency_administrator_shares_a_scenario_with_the_leader_who_finds_it_and_runs_it_with_their_own_rights()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var scenario = (await app.Services.GetRequiredService<ScenarioService>().CreateAsync(owner, "Dân số cho lãnh đạo", null, "dan-so-theo-huyen", ct)).Value!;
        var grants = app.Services.GetRequiredService<GrantService>();
        await grants.CreateAsync(owner, new NewGrant("dan-so-theo-huyen", await app.AgencyIdAsync(AgencySeed.PeoplesCommitteeOffice), null,
            GrantRights.Query, "[Năm] = 2024", [], null, "02/QĐ-UBND", grants.Today.AddDays(-1), "UBND tỉnh Quảng Ngãi"), ct);
        await using var browser = await BrowserSession.StartAsync();
        var admin = await browser.NewPageAsync(app.ServerAddress);
        var leader = await browser.NewPageAsync(app.ServerAddress);

        await admin.SignInAsync("quantri.skhdt");
        await admin.GoAsync($"scenarios/{scenario.Key}");
        await admin.GetByTestId("publish").ClickAsync();
        await admin.GetByTestId("publish-user").FillAsync("Lãnh đạo");
        await admin.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Lãnh đạo UBND tỉnh") }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("publish-user-list")).ToContainTextAsync("Lãnh đạo UBND tỉnh");
        await Assertions.Expect(admin.GetByTestId("publish-user")).ToHaveValueAsync("");
        await BrowserSession.ScreenshotAsync(admin, "publish-dialog");
        await admin.GetByTestId("publish-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("publish")).ToContainTextAsync("Đã chia sẻ");

        await leader.SignInAsync("lanhdao");
        await leader.GoAsync("scenarios/shared");
        await leader.GetByTestId("shared-link").Filter(new() { HasText = "Dân số cho lãnh đạo" }).ClickAsync();
        await Assertions.Expect(leader.GetByTestId("run-summary")).ToContainTextAsync("13 dòng", new() { Timeout = 30_000 });
        await Assertions.Expect(leader.GetByTestId("visual-table")).Not.ToContainTextAsync("2023");
        await Assertions.Expect(leader.GetByTestId("publish")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(leader, "shared-run");
    }
}
