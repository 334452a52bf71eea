using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows.Specifications;

/// <summary>The scoping rule of contract §4.3: what each library screen shows a regular user and an administrator.</summary>
public sealed class WorkflowLibraryScopingTests
{
    private readonly Workflow _minePrivate = UserWorkflow(Owner, "mine private");
    private readonly Workflow _mineShared = UserWorkflow(Owner, "mine shared", isPublic: true);
    private readonly Workflow _othersPrivate = UserWorkflow(Other, "other private");
    private readonly Workflow _othersShared = UserWorkflow(Other, "other shared", isPublic: true);
    private readonly Workflow _systemLegacy = UserWorkflow(Actor.SystemAdministrator, "system legacy", isPublic: true);
    private readonly Workflow _default = DefaultWorkflow();

    [Fact]
    public void RegularUser_WithCategoryUser_SeesOnlyOwnWorkflows()
    {
        Library(Owner, new WorkflowFilter([WorkflowCategory.User])).Should().BeEquivalentTo([_minePrivate, _mineShared]);
    }

    [Fact]
    public void RegularUser_WithCategoryUserAndIsPublic_SeesEverySharedUserWorkflow()
    {
        Library(Owner, new WorkflowFilter([WorkflowCategory.User], IsPublic: true))
            .Should().BeEquivalentTo([_mineShared, _othersShared, _systemLegacy]);
    }

    [Fact]
    public void RegularUser_WithCategoryUserAndIsPublicFalse_SeesOwnPrivateWorkflows()
    {
        Library(Owner, new WorkflowFilter([WorkflowCategory.User], IsPublic: false)).Should().BeEquivalentTo([_minePrivate]);
    }

    [Fact]
    public void RegularUser_WithoutCategories_SeesOwnWorkflowsAndDefaults()
    {
        Library(Owner, WorkflowFilter.None).Should().BeEquivalentTo([_minePrivate, _mineShared, _default]);
    }

    [Fact]
    public void RegularUser_WithBothCategories_SeesOwnWorkflowsAndDefaults()
    {
        Library(Owner, new WorkflowFilter([WorkflowCategory.User, WorkflowCategory.Default]))
            .Should().BeEquivalentTo([_minePrivate, _mineShared, _default]);
    }

    [Fact]
    public void RegularUser_WithCategoryDefault_SeesEveryDefault()
    {
        Library(Owner, new WorkflowFilter([WorkflowCategory.Default])).Should().BeEquivalentTo([_default]);
    }

    [Fact]
    public void Administrator_WithCategoryUser_SeesEveryUsersWorkflows()
    {
        Library(Admin, new WorkflowFilter([WorkflowCategory.User]))
            .Should().BeEquivalentTo([_minePrivate, _mineShared, _othersPrivate, _othersShared, _systemLegacy]);
    }

    [Fact]
    public void Administrator_WithoutCategories_SeesEverything()
    {
        Library(Admin, WorkflowFilter.None)
            .Should().BeEquivalentTo([_minePrivate, _mineShared, _othersPrivate, _othersShared, _systemLegacy, _default]);
    }

    [Fact]
    public void InLibrarySpec_Always_ScopesLikeThePagedList()
    {
        var filter = new WorkflowFilter([WorkflowCategory.User]);

        new WorkflowsInLibrarySpec(Other, filter).Evaluate(All()).Should().BeEquivalentTo([_othersPrivate, _othersShared]);
    }

    public static TheoryData<WorkflowFilter> FiltersThatMustNotUnscope() =>
    [
        new WorkflowFilter(Categories: []),
        new WorkflowFilter(Categories: [], IsPublic: false),
        new WorkflowFilter(Categories: [], IsPublic: null, HasBeenOpened: false),
        new WorkflowFilter(Categories: [WorkflowCategory.User, WorkflowCategory.User]),
        new WorkflowFilter(Categories: [WorkflowCategory.Default, WorkflowCategory.User]),
        new WorkflowFilter(Categories: [(WorkflowCategory)42, WorkflowCategory.User]),
        new WorkflowFilter(Tags: []),
        new WorkflowFilter(Tags: [""], Query: ""),
        new WorkflowFilter(IsPublic: false),
    ];

    [Theory]
    [MemberData(nameof(FiltersThatMustNotUnscope))]
    public void RegularUser_WithEmptyOrOddFilters_NeverSeesAnotherUsersPrivateWorkflow(WorkflowFilter filter)
    {
        filter.IsScopedFor(Owner).Should().BeTrue();
        Library(Owner, filter).Should().NotContain(_othersPrivate);
        new WorkflowsInLibrarySpec(Owner, filter).Evaluate(All()).Should().NotContain(_othersPrivate);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public void RegularUser_WithOnlyUnknownCategories_SeesNothing(int category)
    {
        var filter = new WorkflowFilter(Categories: [(WorkflowCategory)category]);

        Library(Owner, filter).Should().BeEmpty();
    }

    private List<Workflow> Library(Actor actor, WorkflowFilter filter) =>
        new WorkflowLibraryPageSpec(actor, filter, WorkflowOrderBy.Name, SortDirection.Ascending, page: 0, perPage: null)
            .Evaluate(All())
            .ToList();

    private Workflow[] All() => [_minePrivate, _mineShared, _othersPrivate, _othersShared, _systemLegacy, _default];
}
