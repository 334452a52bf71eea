using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class MarkWorkflowOpenedTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task MarkOpened_Always_RecordsTheCurrentTime()
    {
        var created = await GivenSingleUserWorkflowAsync();
        Database.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromTicks(4_567)));

        await SendAsync(new MarkWorkflowOpenedCommand(created.WorkflowId));

        var workflow = await SendAsync(new GetWorkflowQuery(created.WorkflowId));
        workflow.OpenedAt.Should().Be("2026-11-27 12:10:00.000");
        workflow.UpdatedAt.Should().Be("2026-11-27 12:10:00.000");
        workflow.CreatedAt.Should().Be("2026-11-27 12:00:00.000");
    }

    [Fact]
    public async Task MarkOpened_Always_PutsTheWorkflowFirstInRecentlyOpened()
    {
        var first = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "First"));
        var second = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Second"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Never"));
        await SendAsync(new MarkWorkflowOpenedCommand(second.WorkflowId));
        Database.Clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(new MarkWorkflowOpenedCommand(first.WorkflowId));

        var recent = await ListAsync(
            new WorkflowFilter([WorkflowCategory.User, WorkflowCategory.Default], HasBeenOpened: true),
            WorkflowOrderBy.OpenedAt,
            SortDirection.Descending,
            perPage: 30);

        recent.Items.Select(i => i.Name).Should().Equal("First", "Second");
    }

    [Fact]
    public async Task MarkOpened_WhenTheWorkflowDoesNotExist_IsNotFound()
    {
        var act = () => SendAsync(new MarkWorkflowOpenedCommand("no-such-workflow"));

        await act.ShouldFailWithAsync<NotFoundException>("Workflow not found");
    }

    [Fact]
    public async Task MarkOpened_ByOwner_Succeeds()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsUser("user-1");

        await SendAsync(new MarkWorkflowOpenedCommand(created.WorkflowId));

        (await StoredWorkflowAsync(created.WorkflowId)).OpenedAt.Should().NotBeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MarkOpened_WhenCallerIsNotOwner_BreaksTheOwnershipRule(bool shared)
    {
        var created = await GivenWorkflowAsync("user-1", shared: shared);
        RunAsUser("user-2");

        var act = () => SendAsync(new MarkWorkflowOpenedCommand(created.WorkflowId));

        await act.ShouldBreakAsync<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        (await StoredWorkflowAsync(created.WorkflowId)).OpenedAt.Should().BeNull();
    }

    [Fact]
    public async Task MarkOpened_OfADefaultByRegularUser_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new MarkWorkflowOpenedCommand(PromptBuilderDefault));

        await act.ShouldBreakAsync<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        (await StoredWorkflowAsync(PromptBuilderDefault)).OpenedAt.Should().BeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MarkOpened_OfADefaultByAdministrator_Succeeds(bool multiUser)
    {
        if (multiUser)
        {
            RunAsAdministrator();
        }

        await SendAsync(new MarkWorkflowOpenedCommand(PromptBuilderDefault));

        (await StoredWorkflowAsync(PromptBuilderDefault)).OpenedAt.Should().Be(Database.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task MarkOpened_ByAdministrator_OfAnotherUsersWorkflow_Succeeds()
    {
        var created = await GivenWorkflowAsync("user-1");
        RunAsAdministrator();

        await SendAsync(new MarkWorkflowOpenedCommand(created.WorkflowId));

        (await StoredWorkflowAsync(created.WorkflowId)).OpenedAt.Should().NotBeNull();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MarkWorkflowOpenedTestsOnSqlite(SqliteTestDatabase database) : MarkWorkflowOpenedTests(database);

[Collection(PostgresCollection.Name)]
public sealed class MarkWorkflowOpenedTestsOnPostgres(PostgresTestDatabase database) : MarkWorkflowOpenedTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class MarkWorkflowOpenedTestsOnSqlServer(SqlServerTestDatabase database) : MarkWorkflowOpenedTests(database);
