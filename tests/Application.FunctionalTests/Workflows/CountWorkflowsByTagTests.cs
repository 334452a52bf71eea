using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;

namespace Invoke.Application.FunctionalTests.Workflows;

public abstract class CountWorkflowsByTagTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Count_ForEachTag_CountsWorkflowsContainingItAsASubstring()
    {
        await GivenTaggedWorkflowsAsync();

        var counts = await SendAsync(new CountWorkflowsByTagQuery(["SD", "sdxl", "portrait", "anime"], [WorkflowCategory.User]));

        counts.Should().Equal(new Dictionary<string, int> { ["SD"] = 2, ["sdxl"] = 1, ["portrait"] = 2, ["anime"] = 0 });
    }

    [Fact]
    public async Task Count_Always_KeysTheCountsByTheTagsAsSent()
    {
        await GivenTaggedWorkflowsAsync();

        var counts = await SendAsync(new CountWorkflowsByTagQuery([" SDXL ", "sdxl", "sdxl"], [WorkflowCategory.User]));

        counts.Should().Equal(new Dictionary<string, int> { [" SDXL "] = 1, ["sdxl"] = 1 });
    }

    [Fact]
    public async Task Count_WithLikeWildcards_MatchesThemLiterally()
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "50%"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "500, a_b"));

        var counts = await SendAsync(new CountWorkflowsByTagQuery(["%", "0%", "_"], [WorkflowCategory.User]));

        counts.Should().Equal(new Dictionary<string, int> { ["%"] = 1, ["0%"] = 1, ["_"] = 1 });
    }

    [Fact]
    public async Task Count_WithoutCategories_CountsDefaultsToo()
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "utility"));
        var shippedUtilities = ShippedDefaults.Count(d => d.Document.Tags.Contains("utility", StringComparison.OrdinalIgnoreCase));

        var counts = await SendAsync(new CountWorkflowsByTagQuery(["utility"]));

        counts["utility"].Should().Be(shippedUtilities + 1);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    public async Task Count_WithHasBeenOpened_CountsOnlyThoseWorkflows(bool hasBeenOpened, int count)
    {
        var opened = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "sdxl"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "sdxl"));
        await SendAsync(new MarkWorkflowOpenedCommand(opened.WorkflowId));

        var counts = await SendAsync(new CountWorkflowsByTagQuery(["sdxl"], [WorkflowCategory.User], HasBeenOpened: hasBeenOpened));

        counts["sdxl"].Should().Be(count);
    }

    [Fact]
    public async Task Count_WithIsPublic_CountsOnlySharedWorkflows()
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "sdxl"), shared: true);
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "sdxl"));
        RunAsAdministrator();

        (await SendAsync(new CountWorkflowsByTagQuery(["sdxl"], [WorkflowCategory.User], IsPublic: true)))["sdxl"].Should().Be(1);
        (await SendAsync(new CountWorkflowsByTagQuery(["sdxl"], [WorkflowCategory.User], IsPublic: false)))["sdxl"].Should().Be(1);
    }

    [Fact]
    public async Task Count_ForRegularUser_CountsOnlyWhatTheirLibraryShows()
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: "sdxl"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "sdxl"));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(tags: "sdxl"), shared: true);
        RunAsUser("user-1");

        (await SendAsync(new CountWorkflowsByTagQuery(["sdxl"], [WorkflowCategory.User])))["sdxl"].Should().Be(1);
        (await SendAsync(new CountWorkflowsByTagQuery(["sdxl"], [WorkflowCategory.User], IsPublic: true)))["sdxl"].Should().Be(1);
    }

    [Fact]
    public async Task Count_WithoutTags_FailsValidationAtQueryTags()
    {
        var act = () => SendAsync(new CountWorkflowsByTagQuery(null!));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("missing");
        error.Loc.Should().Equal("query", "tags");
        error.Msg.Should().Be("Field required");
    }

    private async Task GivenTaggedWorkflowsAsync()
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "portrait, SDXL"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "Portrait,sd15"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(tags: "landscape"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CountWorkflowsByTagTestsOnSqlite(SqliteTestDatabase database) : CountWorkflowsByTagTests(database);

[Collection(PostgresCollection.Name)]
public sealed class CountWorkflowsByTagTestsOnPostgres(PostgresTestDatabase database) : CountWorkflowsByTagTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class CountWorkflowsByTagTestsOnSqlServer(SqlServerTestDatabase database) : CountWorkflowsByTagTests(database);
