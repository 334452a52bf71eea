using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows.Specifications;

/// <summary>Every filter of the library, evaluated in memory as an administrator (no scoping).</summary>
public sealed class WorkflowFilterTests
{
    [Fact]
    public void Categories_WhenUser_KeepsOnlyUserWorkflows()
    {
        var mine = UserWorkflow(name: "Mine");
        var basic = DefaultWorkflow();

        Matching(new WorkflowFilter(Categories: [WorkflowCategory.User]), mine, basic).Should().Equal(mine);
    }

    [Fact]
    public void Categories_WhenDefault_KeepsOnlyDefaultWorkflows()
    {
        var mine = UserWorkflow(name: "Mine");
        var basic = DefaultWorkflow();

        Matching(new WorkflowFilter(Categories: [WorkflowCategory.Default]), mine, basic).Should().Equal(basic);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Categories_WhenBothOrNone_KeepsEverything(bool both)
    {
        var mine = UserWorkflow(name: "Mine");
        var basic = DefaultWorkflow();
        WorkflowCategory[] categories = both ? [WorkflowCategory.User, WorkflowCategory.Default, WorkflowCategory.User] : [];

        Matching(new WorkflowFilter(Categories: categories), mine, basic).Should().BeEquivalentTo([mine, basic]);
    }

    [Fact]
    public void Tags_WhenSeveral_KeepWorkflowsCarryingAnyOfThem()
    {
        var portrait = UserWorkflow(tags: "portrait");
        var landscape = UserWorkflow(tags: "landscape, sdxl");
        var untagged = UserWorkflow(tags: "");

        Matching(new WorkflowFilter(Tags: ["portrait", "landscape"]), portrait, landscape, untagged)
            .Should().BeEquivalentTo([portrait, landscape]);
    }

    [Theory]
    [InlineData("SD", true)]
    [InlineData("sdxl", true)]
    [InlineData(" xl ", true)]
    [InlineData("SDXL, Port", true)]
    [InlineData("sd3", false)]
    public void Tags_Always_MatchAsCaseInsensitiveTrimmedSubstrings(string tag, bool matches)
    {
        var workflow = UserWorkflow(tags: "SDXL, portrait");

        Matching(new WorkflowFilter(Tags: [tag]), workflow).Should().HaveCount(matches ? 1 : 0);
    }

    [Fact]
    public void Tags_WhenOnlySomeCanMatch_StillMatchTheOthers()
    {
        var portrait = UserWorkflow(tags: "portrait");
        var other = UserWorkflow(tags: "other");

        Matching(new WorkflowFilter(Tags: ["\u0000", "portrait"]), portrait, other).Should().Equal(portrait);
        Matching(new WorkflowFilter(Tags: ["\u0000"]), portrait, other).Should().BeEmpty();
    }

    [Theory]
    [InlineData("50%", true)]
    [InlineData("%", true)]
    [InlineData("a_b", true)]
    [InlineData("_", true)]
    [InlineData("5%0", false)]
    public void Tags_WithLikeWildcards_MatchThemLiterally(string tag, bool matches)
    {
        var literal = UserWorkflow(tags: "50%, a_b");
        var lookalike = UserWorkflow(tags: "500, axb");

        Matching(new WorkflowFilter(Tags: [tag]), literal, lookalike).Should().Equal(matches ? [literal] : []);
    }

    [Theory]
    [InlineData("portrait")]
    [InlineData("FACES")]
    [InlineData("sdxl")]
    [InlineData("  Close-Up  ")]
    public void Query_Always_MatchesNameDescriptionAndTagsIgnoringCase(string query)
    {
        var workflow = Workflow.Create(Owner, Document(name: "Portrait", description: "Big faces", tags: "SDXL, close-up"), isPublic: false, Now);
        var other = UserWorkflow(name: "Landscape");

        Matching(new WorkflowFilter(Query: query), workflow, other).Should().Equal(workflow);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Query_WhenBlank_IsIgnored(string? query)
    {
        var first = UserWorkflow(name: "First");
        var second = UserWorkflow(name: "Second");

        Matching(new WorkflowFilter(Query: query), first, second).Should().HaveCount(2);
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("a_b")]
    public void Query_WithLikeWildcards_MatchesThemLiterally(string query)
    {
        var literal = UserWorkflow(name: "100% a_b");
        var lookalike = UserWorkflow(name: "1000 axb");

        Matching(new WorkflowFilter(Query: query), literal, lookalike).Should().Equal(literal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("b\u001fc")]
    public void Query_Never_MatchesAcrossTwoFields(string query)
    {
        var workflow = Workflow.Create(Owner, Document(name: "a", description: "bc", tags: ""), isPublic: false, Now);

        Matching(new WorkflowFilter(Query: query), workflow).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HasBeenOpened_Always_SplitsOpenedFromNeverOpened(bool hasBeenOpened)
    {
        var opened = UserWorkflow(name: "Opened");
        opened.MarkOpened(Owner, Now);
        var never = UserWorkflow(name: "Never");

        Matching(new WorkflowFilter(HasBeenOpened: hasBeenOpened), opened, never).Should().Equal(hasBeenOpened ? opened : never);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IsPublic_Always_SplitsSharedFromPrivate(bool isPublic)
    {
        var shared = UserWorkflow(isPublic: true);
        var priv = UserWorkflow(isPublic: false);

        Matching(new WorkflowFilter(IsPublic: isPublic), shared, priv).Should().Equal(isPublic ? shared : priv);
    }

    [Fact]
    public void IsCallable_WhenTrue_KeepsWorkflowsWithExactlyOneWorkflowReturn()
    {
        var (none, one, two) = ByWorkflowReturnNodes();

        Matching(new WorkflowFilter(IsCallable: true), none, one, two).Should().Equal(one);
    }

    [Fact]
    public void IsCallable_WhenFalse_KeepsEveryOtherWorkflow()
    {
        var (none, one, two) = ByWorkflowReturnNodes();

        Matching(new WorkflowFilter(IsCallable: false), none, one, two).Should().Equal(none, two);
    }

    [Fact]
    public void Filters_WhenCombined_MustAllHold()
    {
        var match = UserWorkflow(name: "Portrait", tags: "sdxl", isPublic: true);
        var wrongTag = UserWorkflow(name: "Portrait", tags: "sd15", isPublic: true);
        var privateOne = UserWorkflow(name: "Portrait", tags: "sdxl", isPublic: false);
        var wrongName = UserWorkflow(name: "Landscape", tags: "sdxl", isPublic: true);

        Matching(new WorkflowFilter([WorkflowCategory.User], ["sdxl"], "portrait", IsPublic: true), match, wrongTag, privateOne, wrongName)
            .Should().Equal(match);
    }

    private static (Workflow None, Workflow One, Workflow Two) ByWorkflowReturnNodes() => (
        Workflow.Create(Owner, Document(name: "a", workflowReturnNodes: 0), isPublic: false, Now),
        Workflow.Create(Owner, Document(name: "b", workflowReturnNodes: 1), isPublic: false, Now),
        Workflow.Create(Owner, Document(name: "c", workflowReturnNodes: 2), isPublic: false, Now));

    /// <summary>What an administrator's library shows with <paramref name="filter"/>, in name order.</summary>
    private static List<Workflow> Matching(WorkflowFilter filter, params Workflow[] workflows) =>
        new WorkflowLibraryPageSpec(Admin, filter, WorkflowOrderBy.Name, SortDirection.Ascending, page: 0, perPage: null)
            .Evaluate(workflows)
            .ToList();
}
