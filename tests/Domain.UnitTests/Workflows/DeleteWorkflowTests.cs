using Invoke.Domain.Users;
using Invoke.Domain.Workflows.Rules;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class DeleteWorkflowTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Delete_ByOwnerOrAdministrator_IsAllowed(bool byAdministrator)
    {
        var workflow = UserWorkflow();

        var act = () => workflow.Delete(OwnerOr(byAdministrator));

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Delete_WhenCallerIsNotOwner_BreaksTheOwnershipRuleWithTheDeleteMessage(bool isPublic)
    {
        var workflow = UserWorkflow(isPublic: isPublic);

        var act = () => workflow.Delete(Other);

        act.ShouldBreak<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to delete this workflow");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Delete_OfDefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule(bool byAdministrator)
    {
        var workflow = DefaultWorkflow();

        var act = () => workflow.Delete(byAdministrator ? Admin : Other);

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
    }

    [Fact]
    public void Delete_OfDefaultWorkflowBySystem_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var workflow = DefaultWorkflow();

        var act = () => workflow.Delete(Actor.SystemAdministrator);

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
    }
}
