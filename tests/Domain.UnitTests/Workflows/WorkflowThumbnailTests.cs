using Invoke.Domain.Workflows.Rules;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class WorkflowThumbnailTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SetThumbnail_ByOwnerOrAdministrator_GivesTheWorkflowAThumbnail(bool byAdministrator)
    {
        var workflow = UserWorkflow();

        workflow.SetThumbnail(OwnerOr(byAdministrator));

        workflow.HasThumbnail.Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RemoveThumbnail_ByOwnerOrAdministrator_TakesTheThumbnailAway(bool byAdministrator)
    {
        var workflow = UserWorkflow();
        workflow.SetThumbnail(Owner);

        workflow.RemoveThumbnail(OwnerOr(byAdministrator));

        workflow.HasThumbnail.Should().BeFalse();
    }

    [Fact]
    public void SetThumbnail_WhenCallerIsNotOwner_BreaksTheOwnershipRule()
    {
        var workflow = UserWorkflow(isPublic: true);

        var act = () => workflow.SetThumbnail(Other);

        act.ShouldBreak<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        workflow.HasThumbnail.Should().BeFalse();
    }

    [Fact]
    public void RemoveThumbnail_WhenCallerIsNotOwner_BreaksTheOwnershipRule()
    {
        var workflow = UserWorkflow(isPublic: true);
        workflow.SetThumbnail(Owner);

        var act = () => workflow.RemoveThumbnail(Other);

        act.ShouldBreak<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow");
        workflow.HasThumbnail.Should().BeTrue();
    }

    [Fact]
    public void SetThumbnail_OfDefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var workflow = DefaultWorkflow();

        var act = () => workflow.SetThumbnail(Admin);

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
    }

    [Fact]
    public void RemoveThumbnail_OfDefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule()
    {
        var workflow = DefaultWorkflow();

        var act = () => workflow.RemoveThumbnail(Admin);

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only");
        workflow.HasThumbnail.Should().BeTrue();
    }
}
