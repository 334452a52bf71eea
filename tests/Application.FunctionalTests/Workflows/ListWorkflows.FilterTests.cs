using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>The list's filters, as the database evaluates them.</summary>
public abstract class ListWorkflowsFilterTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task List_WithCategoryUser_LeavesOutDefaults()
    {
        await GivenSingleUserWorkflowsAsync("Mine");

        var items = (await ListAsync(new WorkflowFilter([WorkflowCategory.User]))).Items;

        items.Select(i => i.Name).Should().Equal("Mine");
    }

    [Fact]
    public async Task List_WithCategoryDefault_ListsTheShippedDefaults()
    {
        await GivenSingleUserWorkflowsAsync("Mine");

        var items = (await ListAsync(new WorkflowFilter([WorkflowCategory.Default]))).Items;

        items.Select(i => i.Name).Should().BeEquivalentTo(ShippedDefaults.Select(d => d.Document.Name));
    }

    [Fact]
    public async Task List_WithBothCategoriesOrNone_ListsEverything()
    {
        await GivenSingleUserWorkflowsAsync("Mine");

        var both = await ListAsync(new WorkflowFilter([WorkflowCategory.User, WorkflowCategory.Default]));
        var none = await ListAsync();

        both.Total.Should().Be(ShippedDefaults.Count + 1);
        none.Items.Select(i => i.WorkflowId).Should().Equal(both.Items.Select(i => i.WorkflowId));
    }

    [Fact]
    public async Task List_WithSeveralTags_ListsWorkflowsCarryingAnyOfThem()
    {
        await GivenTaggedWorkflowsAsync();

        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: ["portrait", "landscape"])))
            .Should().Equal("Landscape", "Portrait SD15", "Portrait SDXL");
    }

    [Theory]
    [InlineData("SD", new[] { "Portrait SD15", "Portrait SDXL" })]
    [InlineData("sdxl", new[] { "Portrait SDXL" })]
    [InlineData("  XL ", new[] { "Portrait SDXL" })]
    [InlineData("PORT", new[] { "Portrait SD15", "Portrait SDXL" })]
    [InlineData("anime", new string[0])]
    public async Task List_WithATag_MatchesItAsACaseInsensitiveSubstring(string tag, string[] names)
    {
        await GivenTaggedWorkflowsAsync();

        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: [tag]))).Should().Equal(names);
    }

    [Theory]
    [InlineData("50%", new[] { "Literal" })]
    [InlineData("a_b", new[] { "Literal" })]
    [InlineData("%", new[] { "Literal" })]
    [InlineData("_", new[] { "Literal" })]
    public async Task List_WithLikeWildcardsInATag_MatchesThemLiterally(string tag, string[] names)
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Literal", tags: "50%, a_b"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Lookalike", tags: "500, axb"));

        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: [tag]))).Should().Equal(names);
    }

    [Theory]
    [InlineData("portrait")]
    [InlineData("CLOSE-UP")]
    [InlineData("Big Faces")]
    [InlineData("  faces  ")]
    public async Task List_WithAQuery_MatchesNameDescriptionAndTagsIgnoringCase(string query)
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Portrait", description: "Big faces", tags: "close-up"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Landscape", description: "Mountains", tags: "nature"));

        (await UserWorkflowNamesAsync(new WorkflowFilter(Query: query))).Should().Equal("Portrait");
    }

    [Theory]
    [InlineData("ärger")]
    [InlineData("ÄRGER")]
    [InlineData("ÉTÉ")]
    public async Task List_WithANonAsciiQuery_IgnoresCaseToo(string query)
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Ärger im Été"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Other"));

        (await UserWorkflowNamesAsync(new WorkflowFilter(Query: query))).Should().Equal("Ärger im Été");
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("%")]
    [InlineData("a_b")]
    [InlineData("_")]
    public async Task List_WithLikeWildcardsInTheQuery_MatchesThemLiterally(string query)
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "100% a_b"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "1000 axb"));

        (await UserWorkflowNamesAsync(new WorkflowFilter(Query: query))).Should().Equal("100% a_b");
    }

    /// <summary>
    /// A search over the whole library (here the single-user administrator's) goes through the
    /// database's text index and reads the matches' ids once; pages must still add up.
    /// </summary>
    [Theory]
    [InlineData("lighthouse")]
    [InlineData("100%")]
    [InlineData("say \"hi\"")]
    public async Task List_SearchingPageByPage_ReturnsEveryMatchOnceInOrder(string term)
    {
        var matches = Enumerable.Range(0, 7).Select(i => $"{term} {i:00}").ToList();
        foreach (var name in matches.Concat(Enumerable.Range(0, 5).Select(i => $"other {i:00}")))
        {
            await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: name));
        }

        var pages = new List<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>>();
        for (var page = 0; page < 4; page++)
        {
            pages.Add(await ListAsync(new WorkflowFilter([WorkflowCategory.User], Query: term.ToUpperInvariant()), page: page, perPage: 3));
        }

        pages.SelectMany(p => p.Items).Select(i => i.Name).Should().Equal(matches.Order(StringComparer.Ordinal));
        pages.Should().OnlyContain(p => p.Total == 7 && p.Pages == 3 && p.PerPage == 3);
        pages[3].Items.Should().BeEmpty();
    }

    [Fact]
    public async Task List_WithANulCharacterInQueryOrTags_FindsNothing()
    {
        await GivenSingleUserWorkflowsAsync("A");

        (await UserWorkflowNamesAsync(new WorkflowFilter(Query: "A\u0000"))).Should().BeEmpty();
        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: ["\u0000"]))).Should().BeEmpty();
        (await SendAsync(new CountWorkflowsByTagQuery(["\u0000"])))["\u0000"].Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task List_WithABlankQuery_IgnoresIt(string query)
    {
        await GivenSingleUserWorkflowsAsync("A", "B");

        (await UserWorkflowNamesAsync(new WorkflowFilter(Query: query))).Should().Equal("A", "B");
    }

    [Theory]
    [InlineData(true, new[] { "Opened" })]
    [InlineData(false, new[] { "Never opened" })]
    public async Task List_WithHasBeenOpened_SplitsOpenedFromNeverOpened(bool hasBeenOpened, string[] names)
    {
        var opened = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Opened"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Never opened"));
        await SendAsync(new MarkWorkflowOpenedCommand(opened.WorkflowId));

        (await UserWorkflowNamesAsync(new WorkflowFilter(HasBeenOpened: hasBeenOpened))).Should().Equal(names);
    }

    [Theory]
    [InlineData(true, new[] { "Shared" })]
    [InlineData(false, new[] { "Private" })]
    public async Task List_WithIsPublic_SplitsSharedFromPrivate(bool isPublic, string[] names)
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "Shared"), shared: true);
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "Private"));
        RunAsAdministrator();

        (await UserWorkflowNamesAsync(new WorkflowFilter(IsPublic: isPublic))).Should().Equal(names);
    }

    [Fact]
    public async Task List_WithSeveralFilters_ListsOnlyWorkflowsMatchingAll()
    {
        await GivenTaggedWorkflowsAsync();
        var opened = (await ListAsync(new WorkflowFilter(Query: "Portrait SD15"))).Items.Single();
        await SendAsync(new MarkWorkflowOpenedCommand(opened.WorkflowId));

        (await UserWorkflowNamesAsync(new WorkflowFilter(Tags: ["sd"], Query: "portrait", HasBeenOpened: true)))
            .Should().Equal("Portrait SD15");
    }

    private async Task GivenTaggedWorkflowsAsync()
    {
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Portrait SDXL", tags: "portrait, SDXL"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Portrait SD15", tags: "Portrait,sd15"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Landscape", tags: "landscape"));
        await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Untagged", tags: ""));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListWorkflowsFilterTestsOnSqlite(SqliteTestDatabase database) : ListWorkflowsFilterTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ListWorkflowsFilterTestsOnPostgres(PostgresTestDatabase database) : ListWorkflowsFilterTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ListWorkflowsFilterTestsOnSqlServer(SqlServerTestDatabase database) : ListWorkflowsFilterTests(database);
