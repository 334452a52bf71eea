using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class DeleteWorkflowThumbnailTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task DeleteThumbnail_Always_RemovesTheStoredImageAndTheLink()
    {
        var created = await GivenWorkflowWithThumbnailAsync();

        await SendAsync(new DeleteWorkflowThumbnailCommand(created.WorkflowId));

        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeFalse();
        (await StoredWorkflowAsync(created.WorkflowId)).HasThumbnail.Should().BeFalse();
        (await SendAsync(new GetWorkflowQuery(created.WorkflowId))).ThumbnailUrl.Should().BeNull();
        var act = () => SendAsync(new GetWorkflowThumbnailQuery(created.WorkflowId));
        await act.ShouldFailWithAsync<NotFoundException>("Thumbnail not found");
    }

    [Fact]
    public async Task DeleteThumbnail_WhenThereIsNone_Succeeds()
    {
        var created = await GivenSingleUserWorkflowAsync();

        await SendAsync(new DeleteWorkflowThumbnailCommand(created.WorkflowId));

        (await StoredWorkflowAsync(created.WorkflowId)).HasThumbnail.Should().BeFalse();
    }

    [Fact]
    public async Task DeleteThumbnail_Twice_Succeeds()
    {
        var created = await GivenWorkflowWithThumbnailAsync();

        await SendAsync(new DeleteWorkflowThumbnailCommand(created.WorkflowId));
        await SendAsync(new DeleteWorkflowThumbnailCommand(created.WorkflowId));

        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteThumbnail_Always_LeavesOtherThumbnailsAlone()
    {
        var first = await GivenWorkflowWithThumbnailAsync();
        var second = await GivenWorkflowWithThumbnailAsync();

        await SendAsync(new DeleteWorkflowThumbnailCommand(first.WorkflowId));

        (await HasStoredThumbnailAsync(second.WorkflowId)).Should().BeTrue();
    }

    [Fact]
    public async Task DeleteThumbnail_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        var act = () => SendAsync(new DeleteWorkflowThumbnailCommand("no-such-workflow"));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task DeleteThumbnail_WhenCallerIsNotOwner_BreaksTheOwnershipRule()
    {
        var created = await GivenWorkflowWithThumbnailAsync(ownerId: "user-1");
        RunAsUser("user-2");

        var act = () => SendAsync(new DeleteWorkflowThumbnailCommand(created.WorkflowId));

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeTrue();
    }

    [Fact]
    public async Task DeleteThumbnail_ByAdministrator_RemovesAnotherUsersThumbnail()
    {
        var created = await GivenWorkflowWithThumbnailAsync(ownerId: "user-1");
        RunAsAdministrator();

        await SendAsync(new DeleteWorkflowThumbnailCommand(created.WorkflowId));

        (await HasStoredThumbnailAsync(created.WorkflowId)).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteThumbnail_OfADefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var act = () => SendAsync(new DeleteWorkflowThumbnailCommand(PromptBuilderDefault));

        await act.ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        (await StoredWorkflowAsync(PromptBuilderDefault)).HasThumbnail.Should().BeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeleteWorkflowThumbnailTestsOnSqlite(SqliteTestDatabase database) : DeleteWorkflowThumbnailTests(database);

[Collection(PostgresCollection.Name)]
public sealed class DeleteWorkflowThumbnailTestsOnPostgres(PostgresTestDatabase database) : DeleteWorkflowThumbnailTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class DeleteWorkflowThumbnailTestsOnSqlServer(SqlServerTestDatabase database) : DeleteWorkflowThumbnailTests(database);
