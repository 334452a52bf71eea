using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// Two users on one multi-user server (contract §1.3, §4.2, §4.3): user1 keeps one workflow private
/// and shares another; user2 sees only the shared one, cannot change it, and can save a copy of it.
/// </summary>
public abstract class WorkflowSharingScenarioTests(TestDatabase database) : MultiUserWorkflowTest(database)
{
    [Fact]
    public async Task OwnLibrary_OfTheSharingUser_HoldsBothWorkflows_WithOnlyTheSharedOnePublic()
    {
        var (shared, @private) = await User1SharesOneWorkflowAndKeepsOneAsync();
        RunAsUser(User1);

        var own = await ListAsync(new WorkflowFilter([WorkflowCategory.User]));

        own.Total.Should().Be(2);
        own.Items.Select(i => (i.WorkflowId, i.Name, i.IsPublic)).Should().BeEquivalentTo(new[]
        {
            (shared, "user1 workflow shared", true),
            (@private, "user1 workflow private", false),
        });
    }

    [Fact]
    public async Task SharedLibrary_OfEitherUser_HoldsOnlyTheSharedWorkflow()
    {
        var (shared, _) = await User1SharesOneWorkflowAndKeepsOneAsync();

        foreach (var user in new[] { User1, User2 })
        {
            RunAsUser(user);
            var list = await ListAsync(new WorkflowFilter([WorkflowCategory.User], IsPublic: true));

            list.Total.Should().Be(1, "{0} sees every shared workflow and nothing else", user);
            var item = list.Items.Should().ContainSingle().Subject;
            item.WorkflowId.Should().Be(shared);
            item.UserId.Should().Be(User1);
            item.IsPublic.Should().BeTrue();
        }
    }

    [Fact]
    public async Task OwnLibrary_OfTheOtherUser_IsEmpty()
    {
        await User1SharesOneWorkflowAndKeepsOneAsync();
        RunAsUser(User2);

        var own = await SendAsync(new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User]), PerPage: 30));

        own.Total.Should().Be(0);
        own.Pages.Should().Be(0);
        own.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task SharedWorkflow_CanBeReadByTheOtherUser_ButThePrivateOneCannot()
    {
        var (shared, @private) = await User1SharesOneWorkflowAndKeepsOneAsync();
        RunAsUser(User2);

        var read = await SendAsync(new GetWorkflowQuery(shared));
        var readPrivate = () => SendAsync(new GetWorkflowQuery(@private));

        read.Name.Should().Be("user1 workflow shared");
        read.UserId.Should().Be(User1);
        JsonDocument.Parse(read.Workflow.Json).RootElement.GetProperty("nodes").GetArrayLength().Should().Be(2);
        (await readPrivate.Should().ThrowAsync<ForbiddenException>()).Which.Detail.Should().Be("Not authorized to access this workflow");
    }

    [Fact]
    public async Task SharedWorkflow_CannotBeUpdatedSharedOrDeletedByTheOtherUser_AndStaysAsItWas()
    {
        var (shared, _) = await User1SharesOneWorkflowAndKeepsOneAsync();
        var before = await ReadAsAdministratorAsync(shared);
        RunAsUser(User2);

        var update = () => SendAsync(new UpdateWorkflowCommand(shared, shared, WorkflowDocuments.Create(name: "Hijacked")));
        var unshare = () => SendAsync(new SetWorkflowSharingCommand(shared, IsPublic: false));
        var delete = () => SendAsync(new DeleteWorkflowCommand(shared));
        var open = () => SendAsync(new MarkWorkflowOpenedCommand(shared));

        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(update, "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(unshare, "Not authorized to update this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(delete, "Not authorized to delete this workflow");
        await ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>(open, "Not authorized to update this workflow");
        (await ReadAsAdministratorAsync(shared)).Should().BeEquivalentTo(before, IgnoringCacheBuster);
    }

    [Fact]
    public async Task SaveAs_OfASharedWorkflow_ByTheOtherUser_IsAPrivateCopyInTheirOwnLibraryOnly()
    {
        var (shared, @private) = await User1SharesOneWorkflowAndKeepsOneAsync();
        var original = await ReadAsAdministratorAsync(shared);
        RunAsUser(User2);

        // "Save As" in the editor: load the shared workflow, then create a new one from its document.
        var loaded = await SendAsync(new GetWorkflowQuery(shared));
        var copy = await SendAsync(new CreateWorkflowCommand(DocumentOf(loaded.Workflow)));

        copy.WorkflowId.Should().NotBe(shared);
        copy.UserId.Should().Be(User2);
        copy.IsPublic.Should().BeFalse();
        copy.Name.Should().Be("user1 workflow shared");
        JsonDocument.Parse(copy.Workflow.Json).RootElement.GetProperty("id").GetString().Should().Be(copy.WorkflowId);

        (await ListIdsAsync(new WorkflowFilter([WorkflowCategory.User]))).Should().Equal([copy.WorkflowId], "the copy is in user2's own library");
        (await ListIdsAsync(new WorkflowFilter([WorkflowCategory.User], IsPublic: true))).Should().Equal([shared], "the copy is private");

        RunAsUser(User1);
        (await ListIdsAsync(new WorkflowFilter([WorkflowCategory.User]))).Should().BeEquivalentTo([shared, @private], "user1's library does not gain user2's copy");
        var readCopy = () => SendAsync(new GetWorkflowQuery(copy.WorkflowId));
        await readCopy.Should().ThrowAsync<ForbiddenException>();

        (await ReadAsAdministratorAsync(shared)).Should().BeEquivalentTo(original, IgnoringCacheBuster, "the original is untouched");
    }

    [Fact]
    public async Task SaveAs_Copy_CanBeChangedAndSharedByItsNewOwner()
    {
        var (shared, _) = await User1SharesOneWorkflowAndKeepsOneAsync();
        RunAsUser(User2);
        var copy = await SendAsync(new CreateWorkflowCommand(DocumentOf((await SendAsync(new GetWorkflowQuery(shared))).Workflow)));

        var renamed = await SendAsync(new UpdateWorkflowCommand(copy.WorkflowId, null, WorkflowDocuments.Create(name: "user2 copy")));
        var published = await SendAsync(new SetWorkflowSharingCommand(copy.WorkflowId, IsPublic: true));

        renamed.Name.Should().Be("user2 copy");
        published.IsPublic.Should().BeTrue();
        RunAsUser(User1);
        (await ListAsync(new WorkflowFilter([WorkflowCategory.User], IsPublic: true))).Items
            .Select(i => (i.WorkflowId, i.UserId)).Should().BeEquivalentTo(new[] { (shared, User1), (copy.WorkflowId, User2) });
    }

    [Fact]
    public async Task Unsharing_RemovesTheWorkflowFromTheOtherUsersView_AndFromTheirReach()
    {
        var (shared, _) = await User1SharesOneWorkflowAndKeepsOneAsync();
        RunAsUser(User1);
        await SendAsync(new SetWorkflowSharingCommand(shared, IsPublic: false));
        RunAsUser(User2);

        var list = await ListAsync(new WorkflowFilter([WorkflowCategory.User], IsPublic: true));
        var read = () => SendAsync(new GetWorkflowQuery(shared));

        list.Total.Should().Be(0);
        list.Items.Should().BeEmpty();
        await read.Should().ThrowAsync<ForbiddenException>();
    }

    /// <summary>user1 creates "user1 workflow shared" (then shares it) and "user1 workflow private".</summary>
    private async Task<(string Shared, string Private)> User1SharesOneWorkflowAndKeepsOneAsync()
    {
        RunAsUser(User1);
        var shared = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(name: "user1 workflow shared", tags: "portrait")));
        var @private = await CreateAsync("user1 workflow private", tags: "landscape");
        shared.IsPublic.Should().BeFalse("a new workflow is private in multi-user mode");
        (await SendAsync(new SetWorkflowSharingCommand(shared.WorkflowId, IsPublic: true))).IsPublic.Should().BeTrue();
        return (shared.WorkflowId, @private);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowSharingScenarioTestsOnSqlite(SqliteTestDatabase database) : WorkflowSharingScenarioTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowSharingScenarioTestsOnPostgres(PostgresTestDatabase database) : WorkflowSharingScenarioTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class WorkflowSharingScenarioTestsOnSqlServer(SqlServerTestDatabase database) : WorkflowSharingScenarioTests(database);
