using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class SetWorkflowSharingTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Share_ByOwner_MakesItPublicAndAddsTheSharedTag()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "portrait,sdxl"));
        RunAsUser("user-1");
        Database.Clock.Advance(TimeSpan.FromMinutes(1));

        var shared = await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));

        shared.IsPublic.Should().BeTrue();
        shared.UpdatedAt.Should().Be("2026-11-27 12:01:00.000");
        TagsOf(shared).Should().Be("portrait, sdxl, shared");
        var stored = await StoredWorkflowAsync(created.WorkflowId);
        stored.IsPublic.Should().BeTrue();
        stored.Tags.Should().Be("portrait, sdxl, shared");
        stored.Document.Should().Be(shared.Workflow.Json);
    }

    [Fact]
    public async Task Share_Always_KeepsTheRestOfTheDocument()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "Ünïcødé <&>", description: "Faces", tags: "a,b"));
        RunAsUser("user-1");

        var shared = await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));

        shared.Workflow.Json.Should().Be(created.Workflow.Json.Replace("\"tags\":\"a,b\"", "\"tags\":\"a, b, shared\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Share_Always_MakesTheSharedTagFindable()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "To share"));
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "Private"));
        RunAsUser("user-1");

        await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));

        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: ["shared"]))).Should().Equal("To share");
        (await UserWorkflowNamesAsync(new WorkflowFilter(Query: "SHARED"))).Should().Equal("To share");
        (await SendAsync(new ListWorkflowTagsQuery([WorkflowCategory.User]))).Should().Contain("shared");
        (await SendAsync(new CountWorkflowsByTagQuery(["shared"], [WorkflowCategory.User])))["shared"].Should().Be(1);
    }

    [Fact]
    public async Task Share_Always_ShowsTheWorkflowToOtherUsers()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "To share"));
        RunAsUser("user-1");
        await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));

        RunAsUser("user-2");

        (await UserWorkflowNamesAsync(new WorkflowFilter(IsPublic: true))).Should().Equal("To share");
        (await SendAsync(new GetWorkflowQuery(created.WorkflowId))).IsPublic.Should().BeTrue();
    }

    [Fact]
    public async Task Unshare_ByOwner_MakesItPrivateAndRemovesTheSharedTag()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "portrait"), shared: true);
        RunAsUser("user-1");

        var unshared = await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: false));

        unshared.IsPublic.Should().BeFalse();
        TagsOf(unshared).Should().Be("portrait");
        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: ["shared"]))).Should().BeEmpty();
        RunAsUser("user-2");
        var act = () => SendAsync(new GetWorkflowQuery(created.WorkflowId));
        await act.ShouldFailWithAsync<ForbiddenException>("Not authorized to access this workflow");
    }

    [Fact]
    public async Task Share_Never_ChangesTheOwner()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsAdministrator();

        var shared = await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));

        shared.UserId.Should().Be("user-1");
        shared.IsPublic.Should().BeTrue();
    }

    [Fact]
    public async Task Share_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new SetWorkflowSharingCommand("no-such-workflow", IsPublic: true));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task Share_WhenCallerIsNotOwner_BreaksTheOwnershipRule()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "a"));
        RunAsUser("user-2");

        var act = () => SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        var stored = await StoredWorkflowAsync(created.WorkflowId);
        stored.IsPublic.Should().BeFalse();
        stored.Tags.Should().Be("a");
    }

    [Fact]
    public async Task Share_OfADefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var before = await StoredWorkflowAsync(PromptBuilderDefault);

        var act = () => SendAsync(new SetWorkflowSharingCommand(PromptBuilderDefault, IsPublic: true));

        await act.ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        var after = await StoredWorkflowAsync(PromptBuilderDefault);
        after.IsPublic.Should().BeFalse();
        after.Document.Should().Be(before.Document);
    }

    private static string? TagsOf(WorkflowRecordDto record) =>
        JsonDocument.Parse(record.Workflow.Json).RootElement.GetProperty("tags").GetString();
}

[Collection(SqliteCollection.Name)]
public sealed class SetWorkflowSharingTestsOnSqlite(SqliteTestDatabase database) : SetWorkflowSharingTests(database);

[Collection(PostgresCollection.Name)]
public sealed class SetWorkflowSharingTestsOnPostgres(PostgresTestDatabase database) : SetWorkflowSharingTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class SetWorkflowSharingTestsOnSqlServer(SqlServerTestDatabase database) : SetWorkflowSharingTests(database);
