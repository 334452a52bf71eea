using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Rules;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class CreateWorkflowTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Create_InSingleUserMode_IsOwnedBySystemAndPublic()
    {
        var created = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(name: "Portrait")));

        created.UserId.Should().Be("system");
        created.IsPublic.Should().BeTrue();
        created.Name.Should().Be("Portrait");
        created.OpenedAt.Should().BeNull();
        created.CreatedAt.Should().Be("2026-11-27 12:00:00.000");
        Guid.TryParse(created.WorkflowId, out _).Should().BeTrue();
        var stored = JsonDocument.Parse(created.Workflow.Json).RootElement;
        stored.GetProperty("id").GetString().Should().Be(created.WorkflowId);
        stored.GetProperty("name").GetString().Should().Be("Portrait");
    }

    [Fact]
    public async Task Create_InMultiUserMode_IsOwnedByCallerAndPrivate()
    {
        RunAsUser("user-1");

        var created = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create()));

        created.UserId.Should().Be("user-1");
        created.IsPublic.Should().BeFalse();
    }

    [Fact]
    public async Task Create_WhenCategoryIsDefault_IsRefused()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(category: WorkflowCategory.Default)));

        (await act.Should().ThrowAsync<BusinessRuleViolationException>())
            .Which.BrokenRule.Should().BeOfType<DefaultWorkflowsCannotBeCreatedRule>();
    }

    [Fact]
    public async Task Create_WhenMetaVersionIsNotSemver_FailsValidationAtItsLocation()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(metaVersion: "three")));

        var error = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "workflow", "meta", "version");
        error.Msg.Should().Be("Value error, Invalid workflow meta version: three");
    }

    [Fact]
    public async Task Create_WhenAnonymousInMultiUserMode_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create()));

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CreateWorkflowTestsOnSqlite(SqliteTestDatabase database) : CreateWorkflowTests(database);

[Collection(PostgresCollection.Name)]
public sealed class CreateWorkflowTestsOnPostgres(PostgresTestDatabase database) : CreateWorkflowTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class CreateWorkflowTestsOnSqlServer(SqlServerTestDatabase database) : CreateWorkflowTests(database);
