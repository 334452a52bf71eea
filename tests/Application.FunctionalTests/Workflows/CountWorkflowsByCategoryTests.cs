using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class CountWorkflowsByCategoryTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Count_ForEachCategory_CountsItsWorkflows()
    {
        await GivenSingleUserWorkflowsAsync("A", "B");

        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.Default]));

        counts.Should().Equal(new Dictionary<string, int> { ["user"] = 2, ["default"] = ShippedDefaults.Count });
    }

    [Fact]
    public async Task Count_Always_HasOneKeyPerRequestedCategory()
    {
        await GivenSingleUserWorkflowsAsync("A");

        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.User]));

        counts.Should().Equal(new Dictionary<string, int> { ["user"] = 1 });
    }

    [Fact]
    public async Task Count_WithHasBeenOpened_CountsRecentlyOpenedWorkflows()
    {
        var opened = await GivenSingleUserWorkflowAsync();
        await GivenSingleUserWorkflowAsync();
        await SendAsync(new MarkWorkflowOpenedCommand(opened.WorkflowId));
        await SendAsync(new MarkWorkflowOpenedCommand(PromptBuilderDefault));

        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.Default], HasBeenOpened: true));

        counts.Should().Equal(new Dictionary<string, int> { ["user"] = 1, ["default"] = 1 });
    }

    [Fact]
    public async Task Count_ForRegularUser_CountsOwnUserWorkflowsAndEveryDefault()
    {
        await GivenWorkflowAsync("user-1");
        await GivenWorkflowAsync("user-2");
        await GivenWorkflowAsync("user-2", shared: true);
        RunAsUser("user-1");

        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User, WorkflowCategory.Default]));

        counts.Should().Equal(new Dictionary<string, int> { ["user"] = 1, ["default"] = ShippedDefaults.Count });
    }

    [Fact]
    public async Task Count_ForRegularUserLookingAtShared_CountsEverySharedWorkflow()
    {
        await GivenWorkflowAsync("user-1", shared: true);
        await GivenWorkflowAsync("user-2");
        await GivenWorkflowAsync("user-2", shared: true);
        RunAsUser("user-1");

        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User], IsPublic: true));

        counts["user"].Should().Be(2);
    }

    [Fact]
    public async Task Count_ForAdministrator_CountsEveryUsersWorkflows()
    {
        await GivenWorkflowAsync("user-1");
        await GivenWorkflowAsync("user-2");
        RunAsAdministrator();

        (await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User])))["user"].Should().Be(2);
    }

    [Fact]
    public async Task Count_WithoutCategories_FailsValidationAtQueryCategories()
    {
        var act = () => SendAsync(new CountWorkflowsByCategoryQuery(null!));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("missing");
        error.Loc.Should().Equal("query", "categories");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CountWorkflowsByCategoryTestsOnSqlite(SqliteTestDatabase database) : CountWorkflowsByCategoryTests(database);

[Collection(PostgresCollection.Name)]
public sealed class CountWorkflowsByCategoryTestsOnPostgres(PostgresTestDatabase database) : CountWorkflowsByCategoryTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class CountWorkflowsByCategoryTestsOnSqlServer(SqlServerTestDatabase database) : CountWorkflowsByCategoryTests(database);
