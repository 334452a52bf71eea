using Invoke.Application.FunctionalTests.Testing;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>The multi-user scoping rule of contract §4.3: which library screen shows whom what.</summary>
public abstract class ListWorkflowsScopingTests(TestDatabase database) : FunctionalTest(database)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "u1 private"));
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "u1 shared"), shared: true);
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(name: "u2 private"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(name: "u2 shared"), shared: true);
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "system legacy"));
    }

    [Fact]
    public async Task List_ForRegularUserWithCategoryUser_ShowsOnlyOwnWorkflows()
    {
        RunAsUser("user-1");

        (await NamesAsync(new WorkflowFilter([WorkflowCategory.User]))).Should().Equal("u1 private", "u1 shared");
    }

    [Fact]
    public async Task List_ForRegularUserWithCategoryUserAndIsPublic_ShowsEverySharedWorkflow()
    {
        RunAsUser("user-1");

        (await NamesAsync(new WorkflowFilter([WorkflowCategory.User], IsPublic: true)))
            .Should().Equal("system legacy", "u1 shared", "u2 shared");
    }

    [Fact]
    public async Task List_ForRegularUserWithoutCategories_ShowsOwnWorkflowsAndDefaults()
    {
        RunAsUser("user-1");

        (await NamesAsync(WorkflowFilter.None)).Should().BeEquivalentTo(
            ShippedDefaults.Select(d => d.Document.Name).Append("u1 private").Append("u1 shared"));
    }

    [Fact]
    public async Task List_ForRegularUserWithCategoryDefault_ShowsEveryDefault()
    {
        RunAsUser("user-1");

        (await NamesAsync(new WorkflowFilter([WorkflowCategory.Default])))
            .Should().BeEquivalentTo(ShippedDefaults.Select(d => d.Document.Name));
    }

    [Fact]
    public async Task List_ForAnotherRegularUser_ShowsThatUsersOwnWorkflows()
    {
        RunAsUser("user-2");

        (await NamesAsync(new WorkflowFilter([WorkflowCategory.User]))).Should().Equal("u2 private", "u2 shared");
    }

    [Fact]
    public async Task List_ForUserWithoutWorkflows_ShowsNothingOfOthers()
    {
        RunAsUser("newcomer");

        var result = await ListAsync(new WorkflowFilter([WorkflowCategory.User]), perPage: 30);

        result.Total.Should().Be(0);
        result.Pages.Should().Be(0);
    }

    [Fact]
    public async Task List_ForAdministratorWithCategoryUser_ShowsEveryUsersWorkflows()
    {
        RunAsAdministrator();

        (await NamesAsync(new WorkflowFilter([WorkflowCategory.User])))
            .Should().Equal("system legacy", "u1 private", "u1 shared", "u2 private", "u2 shared");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task List_TheSameScreenPagedForTwoUsers_ShowsEachOnlyTheirOwn(bool withDefaults)
    {
        // One screen (filter, order, page size) read for one user and then another: the second answer
        // holds nothing of the first user's, however the read is prepared for the next caller.
        var filter = withDefaults ? WorkflowFilter.None : new WorkflowFilter([WorkflowCategory.User]);
        var defaults = withDefaults ? ShippedDefaults.Select(d => d.Document.Name).ToArray() : [];

        RunAsUser("user-1");
        var first = await ListAsync(filter, perPage: 30);
        RunAsUser("user-2");
        var second = await ListAsync(filter, perPage: 30);
        RunAsUser("user-1");
        var again = await ListAsync(filter, perPage: 30);

        first.Items.Select(i => i.Name).Should().BeEquivalentTo(defaults.Append("u1 private").Append("u1 shared"));
        first.Total.Should().Be(defaults.Length + 2);
        second.Items.Select(i => i.Name).Should().BeEquivalentTo(defaults.Append("u2 private").Append("u2 shared"));
        second.Total.Should().Be(defaults.Length + 2);
        again.Items.Select(i => i.Name).Should().Equal(first.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task List_InSingleUserMode_ShowsEverything()
    {
        RunInSingleUserMode();

        (await ListAsync()).Total.Should().Be(ShippedDefaults.Count + 5);
    }

    private async Task<List<string>> NamesAsync(WorkflowFilter filter) =>
        (await ListAsync(filter)).Items.Select(i => i.Name).ToList();
}

[Collection(SqliteCollection.Name)]
public sealed class ListWorkflowsScopingTestsOnSqlite(SqliteTestDatabase database) : ListWorkflowsScopingTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ListWorkflowsScopingTestsOnPostgres(PostgresTestDatabase database) : ListWorkflowsScopingTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ListWorkflowsScopingTestsOnSqlServer(SqlServerTestDatabase database) : ListWorkflowsScopingTests(database);
