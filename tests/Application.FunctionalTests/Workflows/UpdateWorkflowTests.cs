using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class UpdateWorkflowTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Update_Always_ReplacesTheWholeDocument()
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Before", description: "Old", tags: "old"));
        Database.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = WorkflowDocuments.Create(name: "After", description: "New", tags: "new, tags", workflowReturnNodes: 1);

        var updated = await SendAsync(new UpdateWorkflowCommand(created.WorkflowId, created.WorkflowId, changed));

        updated.WorkflowId.Should().Be(created.WorkflowId);
        updated.Name.Should().Be("After");
        updated.CreatedAt.Should().Be("2026-11-27 12:00:00.000");
        updated.UpdatedAt.Should().Be("2026-11-27 12:05:00.000");
        updated.Workflow.Json.Should().Be(changed.ToJson(created.WorkflowId));
        var stored = await StoredWorkflowAsync(created.WorkflowId);
        stored.Document.Should().Be(updated.Workflow.Json);
        stored.Description.Should().Be("New");
        stored.Tags.Should().Be("new, tags");
        (await SendAsync(new GetWorkflowQuery(created.WorkflowId))).CallSavedWorkflowCompatibility!.IsCallable.Should().BeTrue();
    }

    [Fact]
    public async Task Update_WithoutIdInBody_UpdatesTheWorkflowNamedInTheUrl()
    {
        var created = await GivenSingleUserWorkflowAsync();

        var updated = await SendAsync(new UpdateWorkflowCommand(created.WorkflowId, null, WorkflowDocuments.Create(name: "Renamed")));

        updated.Name.Should().Be("Renamed");
        JsonDocument.Parse(updated.Workflow.Json).RootElement.GetProperty("id").GetString().Should().Be(created.WorkflowId);
    }

    [Fact]
    public async Task Update_WhenIdInBodyDiffersFromUrl_IsBadRequestAndChangesNothing()
    {
        var target = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Target"));
        var other = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Other"));

        var act = () => SendAsync(new UpdateWorkflowCommand(target.WorkflowId, other.WorkflowId, WorkflowDocuments.Create(name: "Changed")));

        await act.ShouldFailWithAsync<BadRequestException>("Workflow id in body does not match the URL");
        (await StoredWorkflowAsync(target.WorkflowId)).Name.Should().Be("Target");
        (await StoredWorkflowAsync(other.WorkflowId)).Name.Should().Be("Other");
    }

    [Fact]
    public async Task Update_Never_ChangesOwnerOrSharing()
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "portrait"), shared: true);
        RunAsAdministrator();

        var updated = await SendAsync(new UpdateWorkflowCommand(created.WorkflowId, created.WorkflowId, WorkflowDocuments.Create(tags: "portrait")));

        updated.UserId.Should().Be("user-1");
        updated.IsPublic.Should().BeTrue();
        updated.Workflow.Json.Should().Contain("\"tags\":\"portrait\"", "an update may drop the shared tag; nothing puts it back");
    }

    [Fact]
    public async Task Update_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new UpdateWorkflowCommand("no-such-workflow", null, WorkflowDocuments.Create()));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_WhenCallerIsNotOwner_BreaksTheOwnershipRule(bool shared)
    {
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "Mine"), shared);
        RunAsUser("user-2");

        var act = () => SendAsync(new UpdateWorkflowCommand(created.WorkflowId, created.WorkflowId, WorkflowDocuments.Create(name: "Hijacked")));

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        (await StoredWorkflowAsync(created.WorkflowId)).Name.Should().Be("Mine");
    }

    [Fact]
    public async Task Update_WhenRegularUserChangesASystemLegacyWorkflow_BreaksTheOwnershipRule()
    {
        var created = await GivenSingleUserWorkflowAsync();
        RunAsUser("user-1");

        var act = () => SendAsync(new UpdateWorkflowCommand(created.WorkflowId, null, WorkflowDocuments.Create(name: "Hijacked")));

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
    }

    [Fact]
    public async Task Update_ByOwnerInMultiUserMode_Succeeds()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsUser("user-1");

        var updated = await SendAsync(new UpdateWorkflowCommand(created.WorkflowId, null, WorkflowDocuments.Create(name: "Renamed")));

        updated.Name.Should().Be("Renamed");
    }

    [Fact]
    public async Task Update_ByAdministrator_ChangesAnotherUsersPrivateWorkflow()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsAdministrator();

        var updated = await SendAsync(new UpdateWorkflowCommand(created.WorkflowId, null, WorkflowDocuments.Create(name: "Fixed by admin")));

        updated.Name.Should().Be("Fixed by admin");
        updated.UserId.Should().Be("user-1");
    }

    [Fact]
    public async Task Update_OfADefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var before = await StoredWorkflowAsync(PromptBuilderDefault);

        var act = () => SendAsync(new UpdateWorkflowCommand(PromptBuilderDefault, PromptBuilderDefault, WorkflowDocuments.Create(name: "Changed")));

        await act.ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        (await StoredWorkflowAsync(PromptBuilderDefault)).Document.Should().Be(before.Document);
    }

    [Fact]
    public async Task Update_IntoTheDefaultCategory_BreaksWorkflowCannotBecomeDefaultRule()
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Mine"));

        var act = () => SendAsync(new UpdateWorkflowCommand(
            created.WorkflowId, null, WorkflowDocuments.Create(name: "Promoted", category: WorkflowCategory.Default)));

        await act.ShouldBreakAsync<WorkflowCannotBecomeDefaultRule>("A workflow cannot be moved into the default category");
        var stored = await StoredWorkflowAsync(created.WorkflowId);
        stored.Category.Should().Be(WorkflowCategory.User);
        stored.Name.Should().Be("Mine");
    }

    [Fact]
    public async Task Update_WithANulCharacterInTheName_FailsValidationAndChangesNothing()
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Before"));

        var act = () => SendAsync(new UpdateWorkflowCommand(created.WorkflowId, null, WorkflowDocuments.Create(name: "nul\u0000")));

        (await act.ShouldFailValidationAsync()).Should().ContainSingle().Which.Loc.Should().Equal("body", "workflow", "name");
        (await StoredWorkflowAsync(created.WorkflowId)).Name.Should().Be("Before");
    }

    [Fact]
    public async Task Update_WithAnInvalidDocument_FailsValidationAtItsLocation()
    {
        var created = await GivenSingleUserWorkflowAsync();

        var act = () => SendAsync(new UpdateWorkflowCommand(created.WorkflowId, null, WorkflowDocuments.Create(metaVersion: "latest")));

        (await act.ShouldFailValidationAsync()).Should().ContainSingle()
            .Which.Loc.Should().Equal("body", "workflow", "meta", "version");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UpdateWorkflowTestsOnSqlite(SqliteTestDatabase database) : UpdateWorkflowTests(database);

[Collection(PostgresCollection.Name)]
public sealed class UpdateWorkflowTestsOnPostgres(PostgresTestDatabase database) : UpdateWorkflowTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class UpdateWorkflowTestsOnSqlServer(SqlServerTestDatabase database) : UpdateWorkflowTests(database);
