using Invoke.WebUi.BrowserTests.Testing;
using Microsoft.Playwright;
using static Invoke.WebUi.BrowserTests.Testing.WorkflowLibrary;

namespace Invoke.WebUi.BrowserTests;

/// <summary>The QA steps of shared and private workflows, in InvokeAI's real UI served by Invoke.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WorkflowLibraryQaTests(WebUiSession session)
{
    private const string User1 = WebUiSession.User1Email;
    private const string User2 = WebUiSession.User2Email;

    [Fact]
    public async Task SaveAs_WithSharedWorkflowTicked_ShowsTheSharedBadgeOnThatWorkflowAlone()
    {
        var shared = Unique("Shared by user1");
        var @private = Unique("Private to user1");
        var page = await session.LogInAsync(User1);
        await DiscardUnsavedChangesWhenAskedAsync(page);

        await SaveNewWorkflowAsync(page, shared, shared: true);
        await SaveNewWorkflowAsync(page, @private, shared: false);

        await OpenAsync(page, YourWorkflows);
        await Assertions.Expect(Card(page, shared)).ToBeVisibleAsync();
        await Assertions.Expect(Card(page, @private)).ToBeVisibleAsync();
        await Assertions.Expect(SharedBadge(page, shared)).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(page, "user1-your-workflows");
        (await SharedBadge(page, @private).CountAsync()).Should().Be(0);
        var stored = await session.Api.ListWorkflowsAsync(User1, "categories=user");
        stored.Single(w => w.GetProperty("name").GetString() == shared).GetProperty("is_public").GetBoolean().Should().BeTrue();
        stored.Single(w => w.GetProperty("name").GetString() == @private).GetProperty("is_public").GetBoolean().Should().BeFalse();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LibraryTabs_ShowUser1BothOfTheirWorkflows_AndUser2OnlyTheSharedOne()
    {
        var shared = Unique("Tabs shared");
        var @private = Unique("Tabs private");
        var own = Unique("User2's own");
        await session.Api.SetSharedAsync(User1, await session.Api.CreateWorkflowAsync(User1, shared), shared: true);
        await session.Api.CreateWorkflowAsync(User1, @private);
        await session.Api.CreateWorkflowAsync(User2, own);

        var user1 = await session.LogInAsync(User1);
        await OpenAsync(user1, YourWorkflows);
        await Assertions.Expect(Card(user1, shared)).ToBeVisibleAsync();
        await Assertions.Expect(Card(user1, @private)).ToBeVisibleAsync();
        await Assertions.Expect(SharedBadge(user1, shared)).ToBeVisibleAsync();
        await user1.Context.CloseAsync();

        var user2 = await session.LogInAsync(User2);
        await OpenAsync(user2, SharedWorkflows);
        await Assertions.Expect(Card(user2, shared)).ToBeVisibleAsync();
        await Assertions.Expect(SharedBadge(user2, shared)).ToBeVisibleAsync();
        await WebUiSession.ScreenshotAsync(user2, "user2-shared-workflows");
        await AssertAbsentAsync(user2, @private, own);

        await ShowTabAsync(user2, YourWorkflows);
        await Assertions.Expect(Card(user2, own)).ToBeVisibleAsync();
        await AssertAbsentAsync(user2, @private, shared);

        await ShowTabAsync(user2, BrowseWorkflows);
        await Assertions.Expect(Card(user2, "Image to Image")).ToBeVisibleAsync();
        await AssertAbsentAsync(user2, @private, shared, own);
        await user2.Context.CloseAsync();
    }

    [Fact]
    public async Task SomeoneElsesSharedWorkflow_CannotBeSaved_AndSaveAsMakesAPrivateCopyOfTheirOwn()
    {
        var original = Unique("Shared original");
        var copy = Unique("User2's copy");
        var originalId = await session.Api.CreateWorkflowAsync(User1, original);
        await session.Api.SetSharedAsync(User1, originalId, shared: true);
        var page = await session.LogInAsync(User2);
        await DiscardUnsavedChangesWhenAskedAsync(page);

        await OpenAsync(page, SharedWorkflows);
        await Card(page, original).ClickAsync();
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText(original, new() { Exact = true }).First).ToBeVisibleAsync();

        await Assertions.Expect(SaveButton(page)).ToBeDisabledAsync();
        await EditorMenu(page).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Save Workflow", Exact = true })).ToBeDisabledAsync();
        await WebUiSession.ScreenshotAsync(page, "user2-save-disabled");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Save Workflow As" })).ToBeHiddenAsync();

        await SaveAsAsync(page, copy, shared: false);

        await OpenAsync(page, YourWorkflows);
        await Assertions.Expect(Card(page, copy)).ToBeVisibleAsync();
        (await SharedBadge(page, copy).CountAsync()).Should().Be(0);
        (await Card(page, original).CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();

        var user2Id = await session.Api.UserIdAsync(User2);
        var user2s = await session.Api.ListWorkflowsAsync(User2, "categories=user");
        var stored = user2s.Single(w => w.GetProperty("name").GetString() == copy);
        stored.GetProperty("user_id").GetString().Should().Be(user2Id);
        stored.GetProperty("is_public").GetBoolean().Should().BeFalse();
        stored.GetProperty("workflow_id").GetString().Should().NotBe(originalId);
        var untouched = await session.Api.GetAsync(User1, $"/api/v1/workflows/i/{originalId}");
        untouched.GetProperty("name").GetString().Should().Be(original);
        untouched.GetProperty("user_id").GetString().Should().Be(await session.Api.UserIdAsync(User1));
        untouched.GetProperty("is_public").GetBoolean().Should().BeTrue();
        (await session.Api.ListWorkflowsAsync(User1, "categories=user")).Should().NotContain(w => w.GetProperty("name").GetString() == copy);
    }

    [Fact]
    public async Task ADefaultWorkflow_OpensInTheEditorWithAllItsNodesAndEdges_WhenNodeDefinitionsAreConfigured()
    {
        const string name = "Image to Image";
        var defaults = await session.Api.ListWorkflowsAsync(User1, "categories=default");
        var id = defaults.Single(w => w.GetProperty("name").GetString() == name).GetProperty("workflow_id").GetString();
        var document = (await session.Api.GetAsync(User1, $"/api/v1/workflows/i/{id}")).GetProperty("workflow");
        var nodes = document.GetProperty("nodes").GetArrayLength();
        var edges = document.GetProperty("edges").GetArrayLength();
        nodes.Should().BeGreaterThan(1);
        edges.Should().BeGreaterThan(0);
        var page = await session.LogInAsync(User1);
        await DiscardUnsavedChangesWhenAskedAsync(page);

        await OpenAsync(page, BrowseWorkflows);
        await Card(page, name).ClickAsync();
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();
        await page.GetByText("Workflow Editor", new() { Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(nodes);
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(edges);
        await WebUiSession.ScreenshotAsync(page, "default-workflow-editor");
        (await page.GetByText("Unknown node type").CountAsync()).Should().Be(0);
        (await page.GetByText("Loading Nodes").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task User2sOpenSharedWorkflowsList_GainsAWorkflowUser1Shares_AndLosesItWhenUnshared_WithoutAReload()
    {
        var anchor = Unique("Already shared");
        var live = Unique("Shared while watched");
        await session.Api.SetSharedAsync(User1, await session.Api.CreateWorkflowAsync(User1, anchor), shared: true);
        var liveId = await session.Api.CreateWorkflowAsync(User1, live);
        var (page, traffic) = await session.LogInWithLiveUpdatesAsync(User2);
        await OpenAsync(page, SharedWorkflows);
        await Assertions.Expect(Card(page, anchor)).ToBeVisibleAsync();
        (await Card(page, live).CountAsync()).Should().Be(0);
        var navigations = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref navigations);
            }
        };

        traffic.Mark($"sharing {liveId}");
        await session.Api.SetSharedAsync(User1, liveId, shared: true);
        await traffic.ExpectAsync(() => Assertions.Expect(Card(page, live)).ToBeVisibleAsync(), "the workflow shared while watched must appear");
        await WebUiSession.ScreenshotAsync(page, "user2-live-shared");

        traffic.Mark($"unsharing {liveId}");
        await session.Api.SetSharedAsync(User1, liveId, shared: false);
        await traffic.ExpectAsync(() => Assertions.Expect(Card(page, live)).ToHaveCountAsync(0), "the workflow unshared while watched must go");
        await Assertions.Expect(Card(page, anchor)).ToBeVisibleAsync();

        navigations.Should().Be(0, "the list must change in place, not by reloading the page");
        await page.Context.CloseAsync();
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Names that must not be on the open tab (called after something on it is known to be shown).</summary>
    private static async Task AssertAbsentAsync(IPage page, params string[] names)
    {
        foreach (var name in names)
        {
            (await Card(page, name).CountAsync()).Should().Be(0, $"\"{name}\" must not be listed to this user here");
        }
    }
}
