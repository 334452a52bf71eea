using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// The tag list, tag counts and category counts apply the list's scoping rule (contract §4.3): a
/// regular user's "user" view holds only their own workflows, the shared view every shared one,
/// an administrator's view everyone's. The <c>shared</c> tag that sharing writes (§4.6) is what
/// other users' tag filters see.
/// </summary>
public abstract class WorkflowLibraryIsolationTests(TestDatabase database) : MultiUserWorkflowTest(database)
{
    private static readonly WorkflowCategory[] UserOnly = [WorkflowCategory.User];
    private static readonly WorkflowCategory[] DefaultOnly = [WorkflowCategory.Default];

    [Fact]
    public async Task Tags_OfEachView_AreTheTagsOfTheWorkflowsThatViewLists()
    {
        await TwoUsersAndALegacyWorkflowAsync();
        RunAsAdministrator();
        var defaultTags = await SendAsync(new ListWorkflowTagsQuery(DefaultOnly));
        RunAsUser(User1);

        var own = await SendAsync(new ListWorkflowTagsQuery(UserOnly));
        var shared = await SendAsync(new ListWorkflowTagsQuery(UserOnly, IsPublic: true));
        var ownAndDefaults = await SendAsync(new ListWorkflowTagsQuery());
        RunAsAdministrator();
        var everyone = await SendAsync(new ListWorkflowTagsQuery(UserOnly));

        own.Should().Equal("landscape", "portrait", "sdxl", "shared");
        shared.Should().Equal("flux", "landscape", "shared", "vintage");
        ownAndDefaults.Should().BeEquivalentTo(own.Union(defaultTags)).And.NotContain(["anime", "flux", "vintage"]);
        everyone.Should().Equal("anime", "flux", "landscape", "portrait", "sdxl", "shared", "vintage");
    }

    [Fact]
    public async Task CountsByTag_OfEachView_CountOnlyTheWorkflowsThatViewLists()
    {
        await TwoUsersAndALegacyWorkflowAsync();
        string[] tags = ["portrait", "anime", "shared", "landscape", "vintage"];
        RunAsUser(User1);

        var own = await SendAsync(new CountWorkflowsByTagQuery(tags, UserOnly));
        var shared = await SendAsync(new CountWorkflowsByTagQuery(tags, UserOnly, IsPublic: true));
        RunAsUser(User2);
        var otherUsersOwn = await SendAsync(new CountWorkflowsByTagQuery(tags, UserOnly));
        RunAsAdministrator();
        var everyone = await SendAsync(new CountWorkflowsByTagQuery(tags, UserOnly));

        own.Should().Equal(Counts(portrait: 1, anime: 0, shared: 1, landscape: 1, vintage: 0));
        shared.Should().Equal(Counts(portrait: 0, anime: 0, shared: 2, landscape: 1, vintage: 1));
        otherUsersOwn.Should().Equal(Counts(portrait: 0, anime: 1, shared: 1, landscape: 0, vintage: 0));
        everyone.Should().Equal(Counts(portrait: 1, anime: 1, shared: 2, landscape: 1, vintage: 1));
    }

    [Fact]
    public async Task CountsByCategory_OfEachView_CountOnlyTheWorkflowsThatViewLists()
    {
        await TwoUsersAndALegacyWorkflowAsync();
        RunAsAdministrator();
        var defaults = (await ListAsync(new WorkflowFilter(DefaultOnly))).Total;
        defaults.Should().BePositive("the server ships default workflows");
        RunAsUser(User1);

        var own = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.Default]));
        var shared = await SendAsync(new CountWorkflowsByCategoryQuery(UserOnly, IsPublic: true));
        RunAsAdministrator();
        var everyone = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.Default]));

        own.Should().Equal(new Dictionary<string, int> { ["user"] = 2, ["default"] = defaults });
        shared.Should().Equal(new Dictionary<string, int> { ["user"] = 3 });
        everyone.Should().Equal(new Dictionary<string, int> { ["user"] = 5, ["default"] = defaults });
    }

    [Fact]
    public async Task CountsByCategory_OfOpenedWorkflows_CountOnlyTheCallersOwnOpenedOnes()
    {
        var (u1Private, _, u2Private, _, legacy) = await TwoUsersAndALegacyWorkflowAsync();
        RunAsUser(User1);
        await SendAsync(new MarkWorkflowOpenedCommand(u1Private));
        RunAsUser(User2);
        await SendAsync(new MarkWorkflowOpenedCommand(u2Private));
        RunAsAdministrator();
        await SendAsync(new MarkWorkflowOpenedCommand(legacy));
        RunAsUser(User1);

        var opened = await SendAsync(new CountWorkflowsByCategoryQuery(UserOnly, HasBeenOpened: true));
        var notOpened = await SendAsync(new CountWorkflowsByCategoryQuery(UserOnly, HasBeenOpened: false));

        opened.Should().Equal(new Dictionary<string, int> { ["user"] = 1 });
        notOpened.Should().Equal(new Dictionary<string, int> { ["user"] = 1 });
    }

    [Fact]
    public async Task SharedTag_WrittenBySharing_IsWhatOtherUsersTagFilterFinds_UntilTheOwnerUnshares()
    {
        RunAsUser(User1);
        var id = await CreateAsync("Tagged", tags: "portrait ,, sdxl");
        await SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true));
        RunAsUser(User2);

        var tagged = await ListAsync(new WorkflowFilter(UserOnly, Tags: ["shared"], IsPublic: true));
        var tags = (await SendAsync(new GetWorkflowQuery(id))).Workflow;
        var count = await SendAsync(new CountWorkflowsByTagQuery(["shared"], UserOnly, IsPublic: true));

        tagged.Items.Should().ContainSingle().Which.Tags.Should().Be("portrait, sdxl, shared");
        tags.Json.Should().Contain("\"tags\":\"portrait, sdxl, shared\"");
        count.Should().Equal(new Dictionary<string, int> { ["shared"] = 1 });

        RunAsUser(User1);
        var unshared = await SendAsync(new SetWorkflowSharingCommand(id, IsPublic: false));
        RunAsUser(User2);

        unshared.Workflow.Json.Should().Contain("\"tags\":\"portrait, sdxl\"");
        (await ListAsync(new WorkflowFilter(UserOnly, Tags: ["shared"], IsPublic: true))).Total.Should().Be(0);
        (await SendAsync(new CountWorkflowsByTagQuery(["shared"], UserOnly, IsPublic: true))).Should().Equal(new Dictionary<string, int> { ["shared"] = 0 });
        RunAsUser(User1);
        (await ListAsync(new WorkflowFilter(UserOnly, Tags: ["sdxl"]))).Items.Should().ContainSingle().Which.Tags.Should().Be("portrait, sdxl");
    }

    /// <summary>
    /// user1: "u1 private" (portrait, sdxl) and "u1 shared" (landscape → landscape, shared);
    /// user2: "u2 private" (anime) and "u2 shared" (flux → flux, shared);
    /// single-user mode before them: "legacy" (vintage), owned by system and shared without the tag.
    /// </summary>
    private async Task<(string U1Private, string U1Shared, string U2Private, string U2Shared, string Legacy)> TwoUsersAndALegacyWorkflowAsync()
    {
        RunInSingleUserMode();
        var legacy = await CreateAsync("legacy", tags: "vintage");
        RunAsUser(User1);
        var u1Private = await CreateAsync("u1 private", tags: "portrait, sdxl");
        var u1Shared = await CreateSharedAsync("u1 shared", tags: "landscape");
        RunAsUser(User2);
        var u2Private = await CreateAsync("u2 private", tags: "anime");
        var u2Shared = await CreateSharedAsync("u2 shared", tags: "flux");
        return (u1Private, u1Shared, u2Private, u2Shared, legacy);
    }

    private static Dictionary<string, int> Counts(int portrait, int anime, int shared, int landscape, int vintage) => new()
    {
        ["portrait"] = portrait,
        ["anime"] = anime,
        ["shared"] = shared,
        ["landscape"] = landscape,
        ["vintage"] = vintage,
    };
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowLibraryIsolationTestsOnSqlite(SqliteTestDatabase database) : WorkflowLibraryIsolationTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowLibraryIsolationTestsOnPostgres(PostgresTestDatabase database) : WorkflowLibraryIsolationTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class WorkflowLibraryIsolationTestsOnSqlServer(SqlServerTestDatabase database) : WorkflowLibraryIsolationTests(database);
