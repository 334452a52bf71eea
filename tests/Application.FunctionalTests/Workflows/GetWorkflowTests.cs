using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class GetWorkflowTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Get_Always_ReturnsTheRecordAsCreated()
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Portrait"));

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        workflow.WorkflowId.Should().Be(created.WorkflowId);
        workflow.Name.Should().Be("Portrait");
        workflow.CreatedAt.Should().Be(created.CreatedAt);
        workflow.UpdatedAt.Should().Be(created.UpdatedAt);
        workflow.OpenedAt.Should().BeNull();
        workflow.UserId.Should().Be("system");
        workflow.IsPublic.Should().BeTrue();
        workflow.Workflow.Json.Should().Be(created.Workflow.Json);
        workflow.ThumbnailUrl.Should().BeNull();
    }

    [Fact]
    public async Task Get_Never_MarksTheWorkflowOpened()
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        (await StoredWorkflowAsync(created.WorkflowId)).OpenedAt.Should().BeNull();
    }

    [Theory]
    [InlineData(0, false, "missing_workflow_return", "The workflow must contain exactly one workflow_return node.")]
    [InlineData(1, true, "ok", null)]
    public async Task Get_Always_SaysWhetherTheWorkflowIsCallable(int workflowReturnNodes, bool callable, string reason, string? message)
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(workflowReturnNodes: workflowReturnNodes));

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        workflow.CallSavedWorkflowCompatibility.Should().Be(new WorkflowCallCompatibilityDto(callable, reason, message));
    }

    [Fact]
    public async Task Get_WhenTheWorkflowHasAThumbnail_LinksToIt()
    {
        var created = await GivenWorkflowWithThumbnailAsync();

        var first = await SendAsync(new GetWorkflowQuery(created.WorkflowId));
        var second = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        first.ThumbnailUrl.Should().MatchRegex($"^api/v1/workflows/i/{created.WorkflowId}/thumbnail\\?[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$");
        second.ThumbnailUrl.Should().NotBe(first.ThumbnailUrl, "the query string defeats browser caches after a thumbnail changes");
    }

    [Fact]
    public async Task Get_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        var act = () => SendAsync(new GetWorkflowQuery(Guid.NewGuid().ToString()));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task Get_WhenRegularUserAsksForAMissingWorkflow_IsNotFoundRatherThanForbidden()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new GetWorkflowQuery("no-such-workflow"));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task Get_WhenWorkflowIsAnotherUsersPrivateOne_IsForbidden()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsUser("user-2");

        var act = () => SendAsync(new GetWorkflowQuery(created.WorkflowId));

        await act.ShouldFailWithAsync<ForbiddenException>("Not authorized to access this workflow");
    }

    [Fact]
    public async Task Get_ByOwner_ReturnsOwnPrivateWorkflow()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsUser("user-1");

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        workflow.UserId.Should().Be("user-1");
        workflow.IsPublic.Should().BeFalse();
    }

    [Fact]
    public async Task Get_ByAnotherUser_ReturnsASharedWorkflow()
    {
        var created = await GivenWorkflowAsync("user-1", shared: true);
        RunAsUser("user-2");

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        workflow.IsPublic.Should().BeTrue();
    }

    [Fact]
    public async Task Get_ByAnotherUser_ReturnsASystemLegacyWorkflow()
    {
        var created = await GivenSingleUserWorkflowAsync();
        RunAsUser("user-2");

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        workflow.UserId.Should().Be("system");
    }

    [Fact]
    public async Task Get_ByRegularUser_ReturnsADefaultWorkflowWithItsThumbnail()
    {
        RunAsUser("user-1");

        var workflow = await SendAsync(new GetWorkflowQuery(PromptBuilderDefault));

        workflow.UserId.Should().Be("system");
        workflow.IsPublic.Should().BeFalse();
        workflow.ThumbnailUrl.Should().StartWith($"api/v1/workflows/i/{PromptBuilderDefault}/thumbnail?");
        workflow.CallSavedWorkflowCompatibility!.IsCallable.Should().BeTrue();
    }

    [Fact]
    public async Task Get_ByAdministrator_ReturnsAnotherUsersPrivateWorkflow()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsAdministrator();

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));

        workflow.UserId.Should().Be("user-1");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GetWorkflowTestsOnSqlite(SqliteTestDatabase database) : GetWorkflowTests(database);

[Collection(PostgresCollection.Name)]
public sealed class GetWorkflowTestsOnPostgres(PostgresTestDatabase database) : GetWorkflowTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class GetWorkflowTestsOnSqlServer(SqlServerTestDatabase database) : GetWorkflowTests(database);
