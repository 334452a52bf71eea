using Invoke.Application.Errors;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Behaviors;

/// <summary>What every request goes through before its handler: authentication, then validation.</summary>
public abstract class RequestPipelineTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Send_WhenAnonymousInMultiUserMode_IsUnauthenticatedBeforeAnyValidation()
    {
        RunAsAnonymous();

        var create = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(metaVersion: "not semver", workflowReturnNodes: 2)));
        var list = () => SendAsync(new ListWorkflowsQuery(WorkflowFilter.None, Page: -1, PerPage: -1));
        var count = () => SendAsync(new CountWorkflowsByTagQuery(null!));

        await create.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
        await list.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
        await count.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
    }

    [Fact]
    public async Task Send_WhenAnonymousInMultiUserMode_IsUnauthenticatedBeforeLookingForTheWorkflow()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new GetWorkflowQuery("no-such-workflow"));

        await act.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
    }

    [Fact]
    public async Task Send_AdminRequestByAnonymousCaller_IsUnauthenticated()
    {
        RunAsAnonymous();

        var act = () => SendAsync(new SyncDefaultWorkflowsCommand());

        await act.ShouldFailWithAsync<UnauthenticatedException>("Authentication required");
    }

    [Fact]
    public async Task Send_WhenAuthenticated_ValidatesBeforeTheHandlerRuns()
    {
        RunAsUser("user-1");

        var act = () => SendAsync(new ListWorkflowsQuery(WorkflowFilter.None, Page: -1));

        (await act.ShouldFailValidationAsync()).Should().ContainSingle().Which.Type.Should().Be("greater_than_equal");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RequestPipelineTestsOnSqlite(SqliteTestDatabase database) : RequestPipelineTests(database);

[Collection(PostgresCollection.Name)]
public sealed class RequestPipelineTestsOnPostgres(PostgresTestDatabase database) : RequestPipelineTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class RequestPipelineTestsOnSqlServer(SqlServerTestDatabase database) : RequestPipelineTests(database);
