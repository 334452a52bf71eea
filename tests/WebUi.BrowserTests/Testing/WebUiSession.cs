using Microsoft.Playwright;
using Xunit.Sdk;

namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>
/// One Invoke serving the UI and one Chromium for a test class. The first administrator is set
/// up through <c>/setup</c> and the regular users are created on <c>/admin/users</c>, as a
/// person does it; each test then logs in in a fresh browser context of its own.
/// </summary>
public sealed class WebUiSession : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string User1Email = "user1@example.com";
    public const string User2Email = "user2@example.com";
    public const string Password = "BrowserPass123!";

    private static readonly string? Screenshots = Environment.GetEnvironmentVariable("INVOKE_BROWSER_SCREENSHOTS");

    private IPlaywright? _playwright;

    private WebUiServer? _server;
    private WebUiApi? _api;

    /// <summary>Why the browser tests cannot run here (no UI bundle, no Chromium), or null.</summary>
    private string? _skipReason;

    public WebUiServer Server => Available(_server);

    public IBrowser Browser { get; private set; } = null!;

    public WebUiApi Api => Available(_api);

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30000);
        try
        {
            _server = await WebUiServer.StartAsync();
            (_playwright, Browser) = await Testing.Browser.LaunchAsync();
        }
        catch (SkipException skip)
        {
            // A fixture that skips fails every test of the collection; each test skips itself instead.
            _skipReason = skip.Message.Replace("$XunitDynamicSkip$", "", StringComparison.Ordinal);
            return;
        }

        _api = new WebUiApi(_server.Address);

        var page = await NewPageAsync();
        await page.GotoAsync(Url("/"));
        await page.GetByPlaceholder("admin@example.com").FillAsync(AdminEmail);
        await page.GetByPlaceholder("Administrator").FillAsync("Admin");
        await page.GetByPlaceholder("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByPlaceholder("Confirm Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create Administrator Account" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal), new() { Timeout = 60000 });
        await LogInAsync(page, AdminEmail);
        await CreateUserAsync(page, User1Email, "User One");
        await CreateUserAsync(page, User2Email, "User Two");
        await page.Context.CloseAsync();
    }

    public string Url(string path) => new Uri(Server.Address, path).ToString();

    public async Task<IPage> NewPageAsync()
    {
        Available(_server);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(30000);
        var page = await context.NewPageAsync();

        // "What's New in Invoke" opens over the lower nav bar (Models, Queue) until it is closed, once per user.
        var whatsNew = page.Locator("section").Filter(new() { HasText = "What's New in Invoke" });
        await page.AddLocatorHandlerAsync(whatsNew, popover => popover.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync());
        return page;
    }

    /// <summary>A fresh browser context logged in as <paramref name="email"/> through the login page, on the app.</summary>
    public async Task<IPage> LogInAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Url("/login"));
        await LogInAsync(page, email);
        return page;
    }

    /// <summary>
    /// As <see cref="LogInAsync(string)"/>, and waits until the UI's Socket.IO connection is accepted
    /// (the server's CONNECT packet, sent once the socket is in its rooms) and steady: the UI drops
    /// and replaces its first connection while it starts, and events in between are not owed to it.
    /// </summary>
    public async Task<(IPage Page, LiveTraffic Traffic)> LogInWithLiveUpdatesAsync(string email)
    {
        var page = await NewPageAsync();
        var traffic = LiveTraffic.Record(page);
        await page.GotoAsync(Url("/login"));
        await LogInAsync(page, email);
        await traffic.WaitUntilConnectedAsync(steady: TimeSpan.FromSeconds(1), timeout: TimeSpan.FromSeconds(60));
        return (page, traffic);
    }

    private T Available<T>(T? value)
        where T : class
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        return value!;
    }

    private static async Task LogInAsync(IPage page, string email)
    {
        await page.Locator("input").First.FillAsync(email);
        await page.Locator("input[type=password]").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/app", StringComparison.Ordinal), new() { Timeout = 60000 });
    }

    private async Task CreateUserAsync(IPage page, string email, string displayName)
    {
        await page.GotoAsync(Url("/admin/users"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create User" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByPlaceholder("user@example.com").FillAsync(email);
        await dialog.GetByPlaceholder("Display name").FillAsync(displayName);
        await dialog.GetByPlaceholder("Password").FillAsync(Password);
        await dialog.Locator("button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = email }).WaitForAsync();
    }

    /// <summary>Keeps a screenshot when <c>INVOKE_BROWSER_SCREENSHOTS</c> names a folder (while developing).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (!string.IsNullOrEmpty(Screenshots))
        {
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png") });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
