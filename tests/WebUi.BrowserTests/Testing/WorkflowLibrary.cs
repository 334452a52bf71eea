using Microsoft.Playwright;

namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>
/// The UI's workflow library and editor, driven the way a person does it: the Workflows tab, the
/// library opened from the button that names the current workflow, the editor menu's Save As.
/// </summary>
public static class WorkflowLibrary
{
    public const string YourWorkflows = "Your Workflows";
    public const string SharedWorkflows = "Shared Workflows";
    public const string RecentlyOpened = "Recently Opened";
    public const string BrowseWorkflows = "Browse Workflows";

    /// <summary>The library dialog (it may be closed).</summary>
    public static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog, new() { Name = "Workflow Library" });

    /// <summary>The name of a workflow's card in the open library.</summary>
    public static ILocator Card(IPage page, string name) => Dialog(page).GetByText(name, new() { Exact = true });

    /// <summary>The SHARED badge beside a card's name (badges sit with the name; the owner's "Shared" switch does not).</summary>
    public static ILocator SharedBadge(IPage page, string name) =>
        Card(page, name).Locator("xpath=..").Locator(".chakra-badge").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^shared$", System.Text.RegularExpressions.RegexOptions.IgnoreCase) });

    public static ILocator EditorMenu(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Workflow Editor Menu" }).Filter(new() { Visible = true }).First;

    /// <summary>The editor's own Save button (the disk icon beside the current workflow's name).</summary>
    public static ILocator SaveButton(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Save Workflow", Exact = true }).Filter(new() { Visible = true }).First;

    /// <summary>
    /// Loading or starting a workflow over an edited one asks "Your current workflow has unsaved
    /// changes"; the tests always go on, as a person who means to switch does.
    /// </summary>
    public static async Task DiscardUnsavedChangesWhenAskedAsync(IPage page)
    {
        var confirm = page.GetByRole(AriaRole.Alertdialog).Filter(new() { HasText = "Your current workflow has unsaved changes." });
        await page.AddLocatorHandlerAsync(confirm, c => c.GetByRole(AriaRole.Button, new() { Name = "Load", Exact = true }).ClickAsync());
    }

    /// <summary>Opens the library (from the Workflows tab) on <paramref name="tab"/>.</summary>
    public static async Task<ILocator> OpenAsync(IPage page, string tab)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Workflows", Exact = true }).ClickAsync();
        var dialog = Dialog(page);
        if (!await dialog.IsVisibleAsync())
        {
            // The button before the editor menu carries the current workflow's name ("Choose Workflow from Library" when none).
            await EditorMenu(page).Locator("xpath=preceding::button[.//p][1]").ClickAsync();
            await Assertions.Expect(dialog).ToBeVisibleAsync();
        }

        await ShowTabAsync(page, tab);
        return dialog;
    }

    /// <summary>
    /// Switches the open library to <paramref name="tab"/>. A tab already shown asks nothing again, so
    /// callers wait for something the tab must show before they check what it must not.
    /// </summary>
    public static Task ShowTabAsync(IPage page, string tab) =>
        Dialog(page).GetByText(tab, new() { Exact = true }).ClickAsync();

    /// <summary>Starts a new, empty workflow from the editor menu and saves it with Save As.</summary>
    public static async Task SaveNewWorkflowAsync(IPage page, string name, bool shared)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Workflows", Exact = true }).ClickAsync();
        await EditorMenu(page).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "New Workflow" }).ClickAsync();
        await SaveAsAsync(page, name, shared);
    }

    /// <summary>Saves the open workflow with the editor menu's "Save Workflow As", ticking "Shared workflow" or leaving it.</summary>
    public static async Task SaveAsAsync(IPage page, string name, bool shared)
    {
        await EditorMenu(page).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Save Workflow As" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Save Workflow As" });
        await dialog.GetByPlaceholder("Workflow Name").FillAsync(name);
        var checkbox = dialog.GetByRole(AriaRole.Checkbox);
        if (await checkbox.IsCheckedAsync() != shared)
        {
            // The box itself: the label "Shared workflow" points at the name field (both share one id in the UI).
            await dialog.Locator("label.chakra-checkbox").ClickAsync();
        }

        await Assertions.Expect(checkbox).ToBeCheckedAsync(new() { Checked = shared });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save As", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
    }
}
