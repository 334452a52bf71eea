using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Rules;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using Invoke.Domain.Workflows.Specifications;

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
        created.UpdatedAt.Should().Be(created.CreatedAt);
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
    public async Task Create_AsAdministratorInMultiUserMode_IsPrivateToo()
    {
        RunAsAdministrator("boss");

        var created = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create()));

        created.UserId.Should().Be("boss");
        created.IsPublic.Should().BeFalse();
    }

    [Fact]
    public async Task Create_Always_StoresTheDocumentItReturns()
    {
        var created = await SendAsync(new CreateWorkflowCommand(
            WorkflowDocuments.Create(name: "Portrait", description: "Faces", tags: "people,SDXL", workflowReturnNodes: 1)));

        var stored = await StoredWorkflowAsync(created.WorkflowId);
        stored.Document.Should().Be(created.Workflow.Json);
        stored.Name.Should().Be("Portrait");
        stored.Description.Should().Be("Faces");
        stored.Tags.Should().Be("people,SDXL", "the tags are stored as sent, without the shared tag even in single-user mode");
        stored.WorkflowReturnNodeCount.Should().Be(1);
        stored.HasThumbnail.Should().BeFalse();
        stored.OpenedAt.Should().BeNull();
    }

    [Fact]
    public async Task Create_WithControlCharactersInItsText_StoresThemAsSent()
    {
        var created = await SendAsync(new CreateWorkflowCommand(
            WorkflowDocuments.Create(name: "tab\tname\u0001", description: "line\nbreak\u001f", tags: "a\u0007b")));

        var stored = await StoredWorkflowAsync(created.WorkflowId);
        stored.Name.Should().Be("tab\tname\u0001");
        stored.Description.Should().Be("line\nbreak\u001f");
        stored.Tags.Should().Be("a\u0007b");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("description")]
    [InlineData("tags")]
    public async Task Create_WithANulCharacterInAnIndexedField_FailsValidationOnEveryDatabase(string field)
    {
        var text = "before\u0000after";
        var document = field switch
        {
            "name" => WorkflowDocuments.Create(name: text),
            "description" => WorkflowDocuments.Create(description: text),
            _ => WorkflowDocuments.Create(tags: text),
        };

        var act = () => SendAsync(new CreateWorkflowCommand(document));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "workflow", field);
        error.Msg.Should().Be("Value error, Text may not contain the NUL character (\\u0000)");
    }

    [Fact]
    public async Task Create_WhenClockHasSubMillisecondPrecision_StoresMilliseconds()
    {
        Database.Clock.Advance(TimeSpan.FromTicks(1_239_999));

        var created = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create()));

        created.CreatedAt.Should().Be("2026-11-27 12:00:00.123");
        (await SendAsync(new GetWorkflowQuery(created.WorkflowId))).CreatedAt.Should().Be("2026-11-27 12:00:00.123");
    }

    [Fact]
    public async Task Create_WhenCategoryIsDefault_IsRefused()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(category: WorkflowCategory.Default)));

        (await act.ShouldBreakAsync<DefaultWorkflowsCannotBeCreatedRule>("Default workflows cannot be created"))
            .Kind.Should().Be(RuleViolationKind.Invalid);
    }

    [Fact]
    public async Task Create_WhenMetaVersionIsNotSemver_FailsValidationAtItsLocation()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(metaVersion: "three")));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "workflow", "meta", "version");
        error.Msg.Should().Be("Value error, Invalid workflow meta version: three");
        error.Ctx.Should().Contain("error", "Invalid workflow meta version: three");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("")]
    public async Task Create_WhenMetaVersionIsAnyNonSemver_FailsValidation(string version)
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(metaVersion: version)));

        (await act.ShouldFailValidationAsync()).Should().ContainSingle(e => e.Type == "value_error");
    }

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("1.2.3-beta.1+build.5")]
    public async Task Create_WhenMetaVersionIsSemver_Succeeds(string version)
    {
        var created = await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(metaVersion: version)));

        JsonDocument.Parse(created.Workflow.Json).RootElement.GetProperty("meta").GetProperty("version").GetString().Should().Be(version);
    }

    [Fact]
    public async Task Create_WithTwoWorkflowReturnNodes_FailsValidationOnTheDocument()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(workflowReturnNodes: 2)));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "workflow");
        error.Msg.Should().Be("Value error, A workflow may not contain more than one workflow_return node.");
    }

    [Fact]
    public async Task Create_WhenNameIsLongerThan255Characters_FailsValidation()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(name: new string('n', 256))));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("string_too_long");
        error.Loc.Should().Equal("body", "workflow", "name");
        error.Ctx.Should().Contain("max_length", 255);
        (await FindAllUserWorkflowsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Create_WhenAnonymousInMultiUserMode_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create()));

        await act.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
    }

    private async Task<IReadOnlyList<WorkflowRecordListItemWithThumbnailDto>> FindAllUserWorkflowsAsync() =>
        (await SendAsync(new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User])))).Items;
}

[Collection(SqliteCollection.Name)]
public sealed class CreateWorkflowTestsOnSqlite(SqliteTestDatabase database) : CreateWorkflowTests(database);

[Collection(PostgresCollection.Name)]
public sealed class CreateWorkflowTestsOnPostgres(PostgresTestDatabase database) : CreateWorkflowTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class CreateWorkflowTestsOnSqlServer(SqlServerTestDatabase database) : CreateWorkflowTests(database);
