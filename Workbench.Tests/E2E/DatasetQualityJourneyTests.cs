using Microsoft.Playwright;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>An agency administrator sets quality rules on their dataset, checks it, and everyone then sees its score, in the catalog too.</summary>
public sealed class DatasetQualityJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task An_owner_adds_rules_checks_the_dataset_and_its_score_shows_on_the_page_for_others_too()
    {
        await using var browser = await BrowserSession.StartAsync();
        var admin = await browser.NewPageAsync(app.ServerAddress);
        await admin.SignInAsync("quantri.skhdt");
        await admin.GoAsync("datasets/dan-so-theo-huyen?tab=quality");
        await Assertions.Expect(admin.GetByText("Chưa có quy tắc chất lượng")).ToBeVisibleAsync();

        await admin.GetByTestId("quality-column").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Huyện", Exact = true }).ClickAsync();
        await admin.GetByTestId("quality-add-rule").ClickAsync();
        // The first save also reloads the whole dataset page; give it time when the machine is busy.
        await Assertions.Expect(admin.GetByTestId("quality-rule")).ToHaveTextAsync("«Huyện» không được để trống", new() { Timeout = 20_000 });

        await admin.GetByTestId("quality-kind").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Trong khoảng" }).ClickAsync();
        await admin.GetByTestId("quality-column").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Dân số", Exact = true }).ClickAsync();
        await admin.GetByTestId("quality-max").FillAsync("abc");
        await admin.GetByTestId("quality-add-rule").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("quality-problem")).ToContainTextAsync("«abc» không phải giá trị kiểu Số nguyên");
        await admin.GetByTestId("quality-max").FillAsync("100.000");
        await admin.GetByTestId("quality-add-rule").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("quality-rule").Nth(1)).ToHaveTextAsync("«Dân số» không lớn hơn 100.000");

        await admin.GetByTestId("quality-check").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("quality-score")).ToContainTextAsync("%", new() { Timeout = 20_000 });
        await Assertions.Expect(admin.GetByTestId("quality-violations").First).ToContainTextAsync("Đạt");
        await Assertions.Expect(admin.GetByTestId("quality-samples").Nth(1)).ToContainTextAsync("Thành phố Quảng Ngãi");
        var score = await admin.GetByTestId("quality-score").InnerTextAsync();
        await BrowserSession.ScreenshotAsync(admin, "dataset-quality");

        var analyst = await browser.NewPageAsync(app.ServerAddress);
        await analyst.SignInAsync("chuyenvien.stc");
        await analyst.GoAsync("datasets/dan-so-theo-huyen");
        await Assertions.Expect(analyst.GetByTestId("quality-chip")).ToHaveTextAsync(score);
        await analyst.GetByTestId("quality-chip").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("quality-rule")).ToHaveCountAsync(2);
        await Assertions.Expect(analyst.GetByTestId("quality-check")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByTestId("quality-add")).ToHaveCountAsync(0);

        // Đ8.2: the catalog shows the score of a checked dataset, and none for one never checked.
        await analyst.GoAsync("catalog");
        var checkedRow = analyst.GetByTestId("catalog-table").Locator("tr", new() { Has = analyst.GetByText("dan-so-theo-huyen", new() { Exact = true }) });
        await Assertions.Expect(checkedRow.GetByTestId("catalog-quality")).ToHaveTextAsync(score);
        await Assertions.Expect(analyst.GetByTestId("catalog-quality")).ToHaveCountAsync(1);
    }
}
