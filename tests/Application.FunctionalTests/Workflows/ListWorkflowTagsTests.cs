using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class ListWorkflowTagsTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Tags_Always_AreSplitTrimmedDistinctAndSortedByCodePoint()
    {
        foreach (var tags in new[] { "b, a", " a ,C,,", "", "ä, B", "b" })
        {
            await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: tags));
        }

        var tagList = await SendAsync(new ListWorkflowTagsQuery([WorkflowCategory.User]));

        tagList.Should().Equal("B", "C", "a", "b", "ä");
    }

    [Fact]
    public async Task Tags_WithoutCategories_IncludeTheDefaultWorkflowsTags()
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "mine"));

        var tagList = await SendAsync(new ListWorkflowTagsQuery());

        var expected = ShippedDefaults.SelectMany(d => WorkflowTags.Split(d.Document.Tags)).Append("mine")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        tagList.Should().Equal(expected);
    }

    [Fact]
    public async Task Tags_WhenNoWorkflowHasTags_AreEmpty()
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: ""));

        (await SendAsync(new ListWorkflowTagsQuery([WorkflowCategory.User]))).Should().BeEmpty();
    }

    [Fact]
    public async Task Tags_ForRegularUser_ComeFromOwnWorkflowsOnly()
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "mine"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "theirs-private"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "theirs-shared"), shared: true);
        RunAsUser("user-1");

        (await SendAsync(new ListWorkflowTagsQuery([WorkflowCategory.User]))).Should().Equal("mine");
    }

    [Fact]
    public async Task Tags_ForRegularUserLookingAtShared_ComeFromEverySharedWorkflow()
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "mine"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "theirs-private"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "theirs-shared"), shared: true);
        RunAsUser("user-1");

        (await SendAsync(new ListWorkflowTagsQuery([WorkflowCategory.User], IsPublic: true))).Should().Equal("shared", "theirs-shared");
    }

    [Fact]
    public async Task Tags_ForAdministrator_ComeFromEveryUsersWorkflows()
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "mine"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "theirs-private"));
        RunAsAdministrator();

        (await SendAsync(new ListWorkflowTagsQuery([WorkflowCategory.User]))).Should().Equal("mine", "theirs-private");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListWorkflowTagsTestsOnSqlite(SqliteTestDatabase database) : ListWorkflowTagsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ListWorkflowTagsTestsOnPostgres(PostgresTestDatabase database) : ListWorkflowTagsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ListWorkflowTagsTestsOnSqlServer(SqlServerTestDatabase database) : ListWorkflowTagsTests(database);
