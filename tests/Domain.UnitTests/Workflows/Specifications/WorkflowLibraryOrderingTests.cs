using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows.Specifications;

/// <summary>Ordering and paging of the library: every field both ways, ties broken by the workflow id.</summary>
public sealed class WorkflowLibraryOrderingTests
{
    private readonly List<Workflow> _workflows = Library();

    public static TheoryData<WorkflowOrderBy, SortDirection> Orderings() =>
        new(Enum.GetValues<WorkflowOrderBy>().SelectMany(orderBy => Enum.GetValues<SortDirection>().Select(direction => (orderBy, direction))));

    [Theory]
    [MemberData(nameof(Orderings))]
    public void OrderedBy_AnyField_SortsByItAndThenById(WorkflowOrderBy orderBy, SortDirection direction)
    {
        var ids = Page(orderBy, direction, page: 0, perPage: null);

        ids.Should().Equal(Expected(orderBy, direction));
    }

    [Theory]
    [MemberData(nameof(Orderings))]
    public void Pages_InAnyOrder_NeverRepeatOrSkipWorkflows(WorkflowOrderBy orderBy, SortDirection direction)
    {
        var paged = Enumerable.Range(0, 4).SelectMany(page => Page(orderBy, direction, page, perPage: 2)).ToList();

        paged.Should().Equal(Expected(orderBy, direction));
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(int.MaxValue, 2)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Page_PastTheLastWorkflow_IsEmpty(int page, int perPage)
    {
        Page(WorkflowOrderBy.Name, SortDirection.Ascending, page, perPage).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Page_WithoutPageSize_HoldsEveryWorkflow(int? perPage)
    {
        Page(WorkflowOrderBy.Name, SortDirection.Ascending, page: 3, perPage).Should().HaveCount(_workflows.Count);
    }

    [Fact]
    public void Library_UsedByTheseTests_HasTiesInEveryField()
    {
        foreach (var orderBy in Enum.GetValues<WorkflowOrderBy>())
        {
            _workflows.GroupBy(w => Key(w, orderBy)).Should().Contain(g => g.Count() > 1, $"ordering by {orderBy} must break ties");
        }
    }

    private List<string> Page(WorkflowOrderBy orderBy, SortDirection direction, int page, int? perPage) =>
        new WorkflowLibraryPageSpec(Admin, WorkflowFilter.None, orderBy, direction, page, perPage)
            .Evaluate(_workflows)
            .Select(w => w.Id)
            .ToList();

    private List<string> Expected(WorkflowOrderBy orderBy, SortDirection direction)
    {
        var ordered = direction == SortDirection.Ascending
            ? _workflows.OrderBy(w => Key(w, orderBy)).ThenBy(w => w.Id, StringComparer.Ordinal)
            : _workflows.OrderByDescending(w => Key(w, orderBy)).ThenByDescending(w => w.Id, StringComparer.Ordinal);
        return ordered.Select(w => w.Id).ToList();
    }

    /// <summary>The sort key InvokeAI uses; never-opened workflows come first ascending, last descending.</summary>
    private static IComparable Key(Workflow workflow, WorkflowOrderBy orderBy) => orderBy switch
    {
        WorkflowOrderBy.CreatedAt => workflow.CreatedAt,
        WorkflowOrderBy.UpdatedAt => workflow.UpdatedAt,
        WorkflowOrderBy.OpenedAt => workflow.OpenedAt ?? DateTime.MinValue,
        WorkflowOrderBy.Name => new OrdinalString(workflow.Name),
        WorkflowOrderBy.IsPublic => workflow.IsPublic,
        _ => throw new ArgumentOutOfRangeException(nameof(orderBy), orderBy, null),
    };

    private static List<Workflow> Library()
    {
        var earlier = Now;
        var later = Now.AddHours(1);
        var beta = UserWorkflow(name: "beta", at: earlier);
        var alpha = UserWorkflow(name: "alpha", isPublic: true, at: earlier);
        var beta2 = UserWorkflow(name: "beta", isPublic: true, at: later);
        var gamma = UserWorkflow(name: "gamma", at: later);
        var alpha2 = UserWorkflow(name: "alpha", at: later);
        alpha.MarkOpened(Owner, Now.AddDays(1));
        beta2.MarkOpened(Owner, Now.AddDays(1));
        alpha2.MarkOpened(Owner, Now.AddDays(2));
        return [beta, alpha, beta2, gamma, alpha2];
    }

    private sealed record OrdinalString(string Value) : IComparable
    {
        public int CompareTo(object? obj) => string.CompareOrdinal(Value, ((OrdinalString)obj!).Value);
    }
}
