using Invoke.WebUi.BrowserTests.Testing;
using Microsoft.Playwright;

namespace Invoke.WebUi.BrowserTests;

/// <summary>The QA steps of the multi-user web UI, in InvokeAI's real UI served by Invoke.</summary>
public sealed class WebUiQaTests(WebUiSession session) : IClassFixture<WebUiSession>
{
    [Fact]
    public async Task TheAdministrator_SeesEveryUserCreatedOnTheUserManagementPage()
    {
        var page = await session.LogInAsync(WebUiSession.AdminEmail);

        await page.GotoAsync(session.Url("/admin/users"));

        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = WebUiSession.User1Email })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = WebUiSession.User2Email })).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(page, "admin-users");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StartScreen_ForTheAdministrator_OffersToInstallModels()
    {
        var page = await session.LogInAsync(WebUiSession.AdminEmail);

        await page.GetByText("Viewer", new() { Exact = true }).First.ClickAsync();

        await Assertions.Expect(page.GetByText("It looks like you don't have any models installed!").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("download a starter model bundle").First).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(page, "admin-start-screen");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StartScreen_ForAUser_AsksTheAdministratorByEmail_AndOffersNoInstall()
    {
        var page = await session.LogInAsync(WebUiSession.User1Email);

        await page.GetByText("Viewer", new() { Exact = true }).First.ClickAsync();

        await Assertions.Expect(page.GetByText(WebUiSession.AdminEmail).First).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(page, "user-start-screen");
        (await page.GetByText("download a starter model bundle").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ModelPicker_ForAUser_AsksTheAdministratorByEmail()
    {
        var page = await session.LogInAsync(WebUiSession.User2Email);

        await page.GetByText("Select Model").First.ClickAsync();

        await WebUiSession.ScreenshotAsync(page, "user-model-picker");
        await Assertions.Expect(page.GetByText($"No models installed. Ask your InvokeAI administrator ({WebUiSession.AdminEmail}) to install some models.")
            .Filter(new LocatorFilterOptions { Visible = true }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UiSettings_AreKeptPerUser_AcrossAReload()
    {
        var page = await session.LogInAsync(WebUiSession.User1Email);
        var stored = page.WaitForResponseAsync(r => r.Url.Contains("/client_state/", StringComparison.Ordinal) && r.Url.Contains("set_by_key", StringComparison.Ordinal) && r.Status == 200);

        await page.GetByRole(AriaRole.Button, new() { Name = "Workflows", Exact = true }).ClickAsync();
        await stored;
        await page.WaitForTimeoutAsync(1500);
        await page.ReloadAsync();

        await Assertions.Expect(page.GetByText("Go deep with Workflows.").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
