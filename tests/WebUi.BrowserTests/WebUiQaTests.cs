using Invoke.WebUi.BrowserTests.Testing;
using Microsoft.Playwright;

namespace Invoke.WebUi.BrowserTests;

/// <summary>The QA steps of the multi-user web UI, in InvokeAI's real UI served by Invoke.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiQaTests(WebUiSession session)
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

        await GoToTabAsync(page, "Generate");
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

        await GoToTabAsync(page, "Generate");
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

        await GoToTabAsync(page, "Generate");
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
        if (await NavButton(page, "Generate").GetAttributeAsync("data-selected") != "true")
        {
            // Stored before the switch back, or the UI sees nothing new to store (its last tab may be Workflows).
            await page.RunAndWaitForResponseAsync(() => GoToTabAsync(page, "Generate"), r => StoresActiveTab(r, "generate"));
        }

        await page.RunAndWaitForResponseAsync(() => GoToTabAsync(page, "Workflows"), r => StoresActiveTab(r, "workflows"));
        await page.ReloadAsync();

        await Assertions.Expect(NavButton(page, "Workflows")).ToHaveAttributeAsync("data-selected", "true");
        await Assertions.Expect(NavButton(page, "Generate")).ToHaveAttributeAsync("data-selected", "false");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SyncModels_IsOfferedToTheAdministrator_AndNotToAUser()
    {
        var admin = await session.LogInAsync(WebUiSession.AdminEmail);
        await GoToTabAsync(admin, "Models");
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Sync Models" })).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(admin, "admin-model-manager");
        await admin.Context.CloseAsync();

        var user = await session.LogInAsync(WebUiSession.User1Email);
        await GoToTabAsync(user, "Models");
        await Assertions.Expect(user.GetByText("Model Manager", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(user.GetByText("Select a model to view its details")).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(user, "user-model-manager");
        (await user.GetByText("Sync Models").CountAsync()).Should().Be(0);
        await user.Context.CloseAsync();
    }

    private static bool StoresActiveTab(IResponse response, string tab) =>
        response.Url.Contains("/client_state/", StringComparison.Ordinal) && response.Url.Contains("set_by_key", StringComparison.Ordinal)
        && response.Status == 200 && response.Request.PostData?.Contains($"\"activeTab\":\"{tab}\"", StringComparison.Ordinal) == true;

    private static ILocator NavButton(IPage page, string tab) => page.GetByRole(AriaRole.Button, new() { Name = tab, Exact = true });

    /// <summary>
    /// Goes to a tab of the nav bar: the UI reopens each user's last tab (kept in client_state, and
    /// the tests share their users), so a test never relies on where it lands.
    /// </summary>
    private static async Task GoToTabAsync(IPage page, string tab)
    {
        await NavButton(page, tab).ClickAsync();
        await Assertions.Expect(NavButton(page, tab)).ToHaveAttributeAsync("data-selected", "true");
    }
}
