using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class MarkWorkflowOpenedTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MarkOpened_ByOwnerOrAdministrator_RecordsTheTimeToTheMillisecond(bool byAdministrator)
    {
        var workflow = UserWorkflow();
        var openedAt = Now.AddHours(1).AddTicks(45_678);

        workflow.MarkOpened(OwnerOr(byAdministrator), openedAt);

        var expected = Now.AddHours(1).AddMilliseconds(4);
        workflow.OpenedAt.Should().Be(expected);
        workflow.OpenedOrder.Should().Be(expected);
        workflow.UpdatedAt.Should().Be(expected);
        workflow.CreatedAt.Should().Be(Now);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MarkOpened_WhenCallerIsNotOwner_BreaksTheOwnershipRule(bool isPublic)
    {
        var workflow = UserWorkflow(isPublic: isPublic);

        var act = () => workflow.MarkOpened(Other, Now.AddHours(1));

        act.ShouldBreak<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        workflow.OpenedAt.Should().BeNull();
        workflow.OpenedOrder.Should().Be(Workflow.NeverOpened);
    }

    [Fact]
    public void MarkOpened_OfDefaultWorkflowByRegularUser_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var workflow = DefaultWorkflow();

        var act = () => workflow.MarkOpened(Other, Now.AddHours(1));

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        workflow.OpenedAt.Should().BeNull();
    }

    [Fact]
    public void MarkOpened_OfDefaultWorkflowByAdministrator_IsAllowed()
    {
        var workflow = DefaultWorkflow();

        workflow.MarkOpened(Admin, Now.AddHours(1));

        workflow.OpenedAt.Should().Be(Now.AddHours(1));
        workflow.OpenedOrder.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void OpenedOrder_OfNeverOpenedWorkflow_SortsBeforeEveryOpenedOne()
    {
        var never = UserWorkflow();
        var opened = UserWorkflow();
        opened.MarkOpened(Owner, new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        never.OpenedOrder.Should().BeBefore(opened.OpenedOrder);
        never.OpenedOrder.Kind.Should().Be(DateTimeKind.Utc);
    }
}
