using Microsoft.Playwright;

namespace Workbench.Tests.E2E;

/// <summary>Steps every browser test takes.</summary>
internal static class PageActions
{
    public const string DemoPassword = "Workbench@2026";

    public static async Task SignInAsync(this IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        await page.WaitUntilInteractiveAsync();
    }

    /// <summary>Opens a page and waits until its circuit is live (a click on a pre-rendered button would be lost).</summary>
    public static async Task GoAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitUntilInteractiveAsync();
    }

    /// <summary>
    /// Chooses a file in the upload dialog once Blazor's InputFile has hooked its change listener (before that,
    /// the browser's change event would go unheard).
    /// </summary>
    public static async Task ChooseUploadFileAsync(this IPage page, string path, string inputId = "upload-file")
    {
        await page.WaitForFunctionAsync($"() => document.getElementById('{inputId}')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("#" + inputId).SetInputFilesAsync(path);
    }

    /// <summary>
    /// Chooses an option of a MudSelect and waits until the select shows it. A click on the option while the list is
    /// still opening, or while the component re-renders, can be lost; the choice is then made again (at most 3 times).
    /// </summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string option)
    {
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
            try
            {
                await Assertions.Expect(select).ToHaveTextAsync(option, new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    public static Task WaitUntilInteractiveAsync(this IPage page) =>
        page.GetByTestId("app-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Clicks a Plotly bar or point: Plotly takes a click from the hover under the pointer, so the pointer moves onto
    /// the element (scrolled into view) first, then clicks near its base, where even a short bar has room.
    /// </summary>
    public static async Task ClickChartPointAsync(this IPage page, ILocator point)
    {
        await point.ScrollIntoViewIfNeededAsync();
        var box = await point.BoundingBoxAsync() ?? throw new InvalidOperationException("The chart point is not on the page.");
        var (x, y) = (box.X + box.Width / 2, box.Y + Math.Max(box.Height - 4, box.Height / 2));
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.ClickAsync(x, y);
    }
}
