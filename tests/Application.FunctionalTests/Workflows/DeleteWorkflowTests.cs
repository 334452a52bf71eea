using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class DeleteWorkflowTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Delete_Always_RemovesTheRow()
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SendAsync(new DeleteWorkflowCommand(created.WorkflowId));

        (await FindWorkflowAsync(created.WorkflowId)).Should().BeNull();
        var act = () => SendAsync(new GetWorkflowQuery(created.WorkflowId));
        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task Delete_OfAWorkflowWithAThumbnail_RemovesItsThumbnail()
    {
        var created = await GivenWorkflowWithThumbnailAsync();
        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeTrue();

        await SendAsync(new DeleteWorkflowCommand(created.WorkflowId));

        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_Always_LeavesOtherWorkflowsAlone()
    {
        var doomed = await GivenSingleUserWorkflowAsync();
        var kept = await GivenSingleUserWorkflowAsync();

        await SendAsync(new DeleteWorkflowCommand(doomed.WorkflowId));

        (await FindWorkflowAsync(kept.WorkflowId)).Should().NotBeNull();
    }

    [Fact]
    public async Task Delete_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new DeleteWorkflowCommand("no-such-workflow"));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delete_WhenCallerIsNotOwner_BreaksTheOwnershipRule(bool shared)
    {
        var created = await GivenWorkflowAsync("user-1", shared: shared);
        RunAsUser("user-2");

        var act = () => SendAsync(new DeleteWorkflowCommand(created.WorkflowId));

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to delete this workflow");
        (await FindWorkflowAsync(created.WorkflowId)).Should().NotBeNull();
    }

    [Fact]
    public async Task Delete_ByOwnerInMultiUserMode_RemovesTheWorkflow()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsUser("user-1");

        await SendAsync(new DeleteWorkflowCommand(created.WorkflowId));

        (await FindWorkflowAsync(created.WorkflowId)).Should().BeNull();
    }

    [Fact]
    public async Task Delete_ByAdministrator_RemovesAnotherUsersWorkflow()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsAdministrator();

        await SendAsync(new DeleteWorkflowCommand(created.WorkflowId));

        (await FindWorkflowAsync(created.WorkflowId)).Should().BeNull();
    }

    [Fact]
    public async Task Delete_OfADefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRuleAndKeepsItsThumbnail()
    {
        var act = () => SendAsync(new DeleteWorkflowCommand(PromptBuilderDefault));

        await act.ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        (await FindWorkflowAsync(PromptBuilderDefault)).Should().NotBeNull();
        var thumbnail = await SendAsync(new GetWorkflowThumbnailQuery(PromptBuilderDefault));
        await thumbnail.Content.DisposeAsync();
        thumbnail.ContentType.Should().Be("image/png");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeleteWorkflowTestsOnSqlite(SqliteTestDatabase database) : DeleteWorkflowTests(database);

[Collection(PostgresCollection.Name)]
public sealed class DeleteWorkflowTestsOnPostgres(PostgresTestDatabase database) : DeleteWorkflowTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class DeleteWorkflowTestsOnSqlServer(SqlServerTestDatabase database) : DeleteWorkflowTests(database);
