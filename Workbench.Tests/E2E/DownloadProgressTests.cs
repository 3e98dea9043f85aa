using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Infrastructure.Exports;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.E2E;

/// <summary>The demo app with an Excel limit of 10 rows, so a refused xlsx is cheap to ask for.</summary>
public sealed class SmallExcelAppFactory() : WorkbenchAppFactory(demo: true, kestrel: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new XlsxRowLimits(5, 10)));
    }
}

/// <summary>Downloads in the browser: fetched with progress, saved under the server's file name, refusals explained on the page.</summary>
public sealed class DownloadProgressTests(SmallExcelAppFactory app) : IClassFixture<SmallExcelAppFactory>
{
    [Fact]
    public async Task An_xlsx_too_large_for_Excel_is_explained_on_the_page_and_the_csv_still_downloads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.SignInAsync("chuyenvien.skhdt");
        await page.GoAsync("datasets/dan-so-theo-huyen");
        await page.GetByTestId("download-xlsx").ClickAsync();

        await Assertions.Expect(page.GetByTestId("download-message")).ToContainTextAsync("CSV", new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/datasets/dan-so-theo-huyen$"));
        await BrowserSession.ScreenshotAsync(page, "download-refused");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var text = await File.ReadAllTextAsync(await download.PathAsync(), ct);

        Assert.Matches(@"^dan-so-theo-huyen-\d{8}-\d{6}\.csv$", download.SuggestedFilename);
        Assert.StartsWith("Mã huyện,Huyện,Năm", text.TrimStart('\uFEFF'));
        Assert.True(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 11);
        await Assertions.Expect(page.GetByTestId("download-progress")).ToHaveCountAsync(0);
    }
}
