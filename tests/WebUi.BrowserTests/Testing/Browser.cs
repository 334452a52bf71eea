using Microsoft.Playwright;

namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright. Playwright never downloads a browser here:
/// a machine without <c>/usr/bin/chromium</c> skips the browser tests, loudly.
/// </summary>
public static class Browser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Skip($"SKIPPED: the browser tests need Chromium at {ExecutablePath} (apt-get install -y chromium; .ci/run installs it).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
        return (playwright, browser);
    }
}
