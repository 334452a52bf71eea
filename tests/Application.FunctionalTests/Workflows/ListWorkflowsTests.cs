using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>Paging, ordering and the shape of list items.</summary>
public abstract class ListWorkflowsTests(TestDatabase database) : FunctionalTest(database)
{
    private static readonly WorkflowFilter UserWorkflows = new([WorkflowCategory.User]);

    public static TheoryData<WorkflowOrderBy, SortDirection> Orderings() =>
        new(Enum.GetValues<WorkflowOrderBy>().SelectMany(orderBy => Enum.GetValues<SortDirection>().Select(direction => (orderBy, direction))));

    [Fact]
    public async Task List_WithPageSize_CountsPagesAsTheCeilingOfTotal()
    {
        await GivenSingleUserWorkflowsAsync("A", "B", "C", "D", "E");

        var result = await ListAsync(UserWorkflows, page: 0, perPage: 2);

        result.Page.Should().Be(0);
        result.PerPage.Should().Be(2);
        result.Total.Should().Be(5);
        result.Pages.Should().Be(3);
        result.Items.Select(i => i.Name).Should().Equal("A", "B");
    }

    /// <summary>Pages that skip many rows are read in two steps (ids first); they must hold the same rows in the same order.</summary>
    [Fact]
    public async Task List_DeepPages_HoldTheNextWorkflowsInOrder()
    {
        var names = Enumerable.Range(0, ListWorkflowsHandler.DeferredReadOffset + 45).Select(i => $"w{i:0000}").ToArray();
        await GivenSingleUserWorkflowsAsync(names);
        const int pageSize = 30;
        var deepPage = ListWorkflowsHandler.DeferredReadOffset / pageSize;

        var before = await ListAsync(new WorkflowFilter([WorkflowCategory.User]), page: deepPage - 1, perPage: pageSize);
        var deep = await ListAsync(new WorkflowFilter([WorkflowCategory.User]), page: deepPage, perPage: pageSize);
        var last = await ListAsync(new WorkflowFilter([WorkflowCategory.User]), page: deepPage + 1, perPage: pageSize);

        before.Items.Concat(deep.Items).Concat(last.Items).Select(i => i.Name)
            .Should().Equal(names.Skip((deepPage - 1) * pageSize));
        last.Total.Should().Be(names.Length);
        last.Pages.Should().Be(deepPage + 2);
    }

    [Theory]
    [InlineData(1, new[] { "C", "D" })]
    [InlineData(2, new[] { "E" })]
    public async Task List_LaterPage_HoldsTheNextWorkflows(int page, string[] names)
    {
        await GivenSingleUserWorkflowsAsync("A", "B", "C", "D", "E");

        var result = await ListAsync(UserWorkflows, page: page, perPage: 2);

        result.Page.Should().Be(page);
        result.Pages.Should().Be(3);
        result.Total.Should().Be(5);
        result.Items.Select(i => i.Name).Should().Equal(names);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public async Task List_PagePastTheEnd_IsEmptyButStillCounts(int page)
    {
        await GivenSingleUserWorkflowsAsync("A", "B", "C", "D", "E");

        var result = await ListAsync(UserWorkflows, page: page, perPage: 2);

        result.Items.Should().BeEmpty();
        result.Page.Should().Be(page);
        result.Total.Should().Be(5);
        result.Pages.Should().Be(3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task List_WithoutPageSize_ReturnsEverythingOnOnePage(int? perPage)
    {
        await GivenSingleUserWorkflowsAsync("A", "B", "C");

        var result = await ListAsync(UserWorkflows, perPage: perPage);

        result.Items.Select(i => i.Name).Should().Equal("A", "B", "C");
        result.Total.Should().Be(3);
        result.PerPage.Should().Be(3);
        result.Pages.Should().Be(1);
    }

    [Fact]
    public async Task List_WithTheLargestPageSize_CountsOnePage()
    {
        await GivenSingleUserWorkflowsAsync("A", "B");

        var result = await ListAsync(UserWorkflows, perPage: int.MaxValue);

        result.Total.Should().Be(2);
        result.Pages.Should().Be(1);
    }

    [Fact]
    public async Task List_WhenNothingMatchesWithPageSize_HasNoPages()
    {
        var result = await ListAsync(UserWorkflows, perPage: 10);

        result.Total.Should().Be(0);
        result.Pages.Should().Be(0);
        result.PerPage.Should().Be(10);
        result.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task List_WhenNothingMatchesWithoutPageSize_HasOneEmptyPage()
    {
        var result = await ListAsync(UserWorkflows);

        result.Total.Should().Be(0);
        result.Pages.Should().Be(1);
        result.PerPage.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Orderings))]
    public async Task List_InAnyOrder_SortsByTheFieldThenById(WorkflowOrderBy orderBy, SortDirection direction)
    {
        await GivenLibraryWithTiesAsync();

        var ids = (await ListAsync(UserWorkflows, orderBy, direction)).Items.Select(i => i.WorkflowId);

        ids.Should().Equal(await ExpectedOrderAsync(orderBy, direction));
    }

    [Theory]
    [MemberData(nameof(Orderings))]
    public async Task List_PagedInAnyOrder_NeverRepeatsOrSkipsAWorkflow(WorkflowOrderBy orderBy, SortDirection direction)
    {
        await GivenLibraryWithTiesAsync();

        var paged = new List<string>();
        for (var page = 0; page < 4; page++)
        {
            paged.AddRange((await ListAsync(UserWorkflows, orderBy, direction, page, perPage: 2)).Items.Select(i => i.WorkflowId));
        }

        paged.Should().Equal(await ExpectedOrderAsync(orderBy, direction));
    }

    [Fact]
    public async Task List_ByDefault_SortsByNameAscending()
    {
        await GivenSingleUserWorkflowsAsync("b", "c", "a");

        var result = await SendAsync(new ListWorkflowsQuery(UserWorkflows));

        result.Items.Select(i => i.Name).Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task List_Items_CarryTheRecordFieldsWithoutTheDocument()
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Portrait", description: "Faces", tags: "people,sdxl"));

        var item = (await ListAsync(UserWorkflows)).Items.Should().ContainSingle().Subject;

        item.Should().Be(new WorkflowRecordListItemWithThumbnailDto(
            created.WorkflowId,
            "Portrait",
            "2026-11-27 12:00:00.000",
            "2026-11-27 12:00:00.000",
            null,
            "system",
            true,
            "Faces",
            "user",
            "people,sdxl",
            null,
            new WorkflowCallCompatibilityDto(false, "missing_workflow_return", "The workflow must contain exactly one workflow_return node.")));
    }

    [Fact]
    public async Task List_DefaultItems_HaveCategoryDefaultAndTheirThumbnails()
    {
        var items = (await ListAsync(new WorkflowFilter([WorkflowCategory.Default]))).Items;

        items.Select(i => i.WorkflowId).Should().BeEquivalentTo(ShippedDefaults.Select(d => d.Id));
        items.Should().OnlyContain(i => i.Category == "default" && i.UserId == "system" && !i.IsPublic);
        items.Should().OnlyContain(i => i.ThumbnailUrl!.StartsWith($"api/v1/workflows/i/{i.WorkflowId}/thumbnail?", StringComparison.Ordinal));
        items.Single(i => i.WorkflowId == PromptBuilderDefault).CallSavedWorkflowCompatibility!.IsCallable.Should().BeTrue();
    }

    [Fact]
    public async Task List_Callable_CountsOnlyCallableWorkflowsAndPagesAfterFiltering()
    {
        await GivenCallableAndOtherWorkflowsAsync();

        var first = await ListAsync(UserWorkflows with { IsCallable = true }, page: 0, perPage: 2);
        var second = await ListAsync(UserWorkflows with { IsCallable = true }, page: 1, perPage: 2);

        first.Items.Select(i => i.Name).Should().Equal("Callable A", "Callable B");
        second.Items.Select(i => i.Name).Should().Equal("Callable C");
        foreach (var page in new[] { first, second })
        {
            page.Total.Should().Be(3);
            page.Pages.Should().Be(2);
            page.PerPage.Should().Be(2);
            page.Items.Should().OnlyContain(i => i.CallSavedWorkflowCompatibility!.IsCallable);
        }
    }

    [Fact]
    public async Task List_CallableWithoutPageSize_ReturnsEveryCallableWorkflow()
    {
        await GivenCallableAndOtherWorkflowsAsync();

        var result = await ListAsync(UserWorkflows with { IsCallable = true });

        result.Total.Should().Be(3);
        result.PerPage.Should().Be(3);
        result.Pages.Should().Be(1);
    }

    [Fact]
    public async Task List_NotCallable_ReturnsTheOthers()
    {
        await GivenCallableAndOtherWorkflowsAsync();

        var result = await ListAsync(UserWorkflows with { IsCallable = false });

        result.Items.Select(i => i.Name).Should().Equal("Not callable A", "Not callable B");
    }

    [Fact]
    public async Task List_WithNegativePage_FailsValidationAtQueryPage()
    {
        var act = () => ListAsync(page: -1, perPage: 10);

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("greater_than_equal");
        error.Loc.Should().Equal("query", "page");
        error.Msg.Should().Be("Input should be greater than or equal to 0");
        error.Ctx.Should().Contain("ge", 0);
    }

    [Fact]
    public async Task List_WithNegativePageAndPageSize_ReportsBoth()
    {
        var act = () => ListAsync(page: -2, perPage: -1);

        (await act.ShouldFailValidationAsync()).Select(e => string.Join('.', e.Loc)).Should().Equal("query.page", "query.per_page");
    }

    private async Task GivenCallableAndOtherWorkflowsAsync()
    {
        foreach (var (name, returns) in new[] { ("Callable B", 1), ("Not callable A", 0), ("Callable C", 1), ("Callable A", 1), ("Not callable B", 0) })
        {
            await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: name, workflowReturnNodes: returns));
        }
    }

    /// <summary>Six workflows with ties in every field the list sorts on; the test then looks as an administrator.</summary>
    private async Task GivenLibraryWithTiesAsync()
    {
        await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "beta"));
        var alpha = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "alpha"), shared: true);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        var beta2 = await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(name: "beta"), shared: true);
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(name: "gamma"));
        var alpha2 = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(name: "alpha"));
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsAsync(RegularUser("user-1"), new MarkWorkflowOpenedCommand(alpha.WorkflowId));
        await SendAsAsync(RegularUser("user-2"), new MarkWorkflowOpenedCommand(beta2.WorkflowId));
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsAsync(RegularUser("user-1"), new MarkWorkflowOpenedCommand(alpha2.WorkflowId));
        await GivenWorkflowAsync("user-2", WorkflowDocuments.Create(name: "delta"));
        RunAsAdministrator();
    }

    /// <summary>The order InvokeAI defines, worked out from the rows themselves: the field (never-opened first), then the id.</summary>
    private async Task<List<string>> ExpectedOrderAsync(WorkflowOrderBy orderBy, SortDirection direction)
    {
        var items = (await ListAsync(UserWorkflows)).Items;
        items.Should().HaveCount(6);
        Func<WorkflowRecordListItemWithThumbnailDto, string> key = orderBy switch
        {
            WorkflowOrderBy.CreatedAt => i => i.CreatedAt,
            WorkflowOrderBy.UpdatedAt => i => i.UpdatedAt,
            WorkflowOrderBy.OpenedAt => i => i.OpenedAt ?? string.Empty,
            WorkflowOrderBy.Name => i => i.Name,
            WorkflowOrderBy.IsPublic => i => i.IsPublic ? "1" : "0",
            _ => throw new ArgumentOutOfRangeException(nameof(orderBy), orderBy, null),
        };
        items.GroupBy(key).Should().Contain(g => g.Count() > 1, "the ordering must have ties to break");
        var ordered = direction == SortDirection.Ascending
            ? items.OrderBy(key, StringComparer.Ordinal).ThenBy(i => i.WorkflowId, StringComparer.Ordinal)
            : items.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(i => i.WorkflowId, StringComparer.Ordinal);
        return ordered.Select(i => i.WorkflowId).ToList();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListWorkflowsTestsOnSqlite(SqliteTestDatabase database) : ListWorkflowsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ListWorkflowsTestsOnPostgres(PostgresTestDatabase database) : ListWorkflowsTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class ListWorkflowsTestsOnSqlServer(SqlServerTestDatabase database) : ListWorkflowsTests(database);
