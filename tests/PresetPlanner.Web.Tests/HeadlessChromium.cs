using Microsoft.Playwright;

namespace PresetPlanner.Web.Tests;

/// <summary>Debian's Chromium started headless by Playwright, as the browser tests use it.</summary>
internal static class HeadlessChromium
{
    // Chromium on this kind of machine: no sandbox as root, and no background connections to a closed network.
    private static readonly string[] s_arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Starts <see cref="BrowserFactAttribute.Chromium"/> headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = BrowserFactAttribute.Chromium,
        Headless = true,
        Args = s_arguments,
    });

    /// <summary>
    /// Opens <paramref name="url"/> and waits for its plan's recommendation on screen (the runtime's download and start
    /// included, up to four minutes on a busy 2-core machine).
    /// </summary>
    public static async Task OpenPlannedAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("#recommendation").WaitForAsync(new LocatorWaitForOptions { Timeout = 240_000 });
    }

    /// <summary>A page of 1400 x 1100 CSS pixels, wide enough for the table and the panels side by side.</summary>
    public static Task<IPage> NewPageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
}
