using Invoke.Domain.Rules;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class UpdateWorkflowTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Update_ByOwnerOrAdministrator_ReplacesTheDocument(bool byAdministrator)
    {
        var workflow = UserWorkflow(name: "Before", tags: "old");

        workflow.Update(OwnerOr(byAdministrator), Document(name: "After", description: "New text", tags: "new", workflowReturnNodes: 1), Now.AddMinutes(1));

        workflow.Name.Should().Be("After");
        workflow.Description.Should().Be("New text");
        workflow.Tags.Should().Be("new");
        workflow.TagSearchText.Should().Be("new");
        workflow.SearchText.Should().Contain("after");
        workflow.WorkflowReturnNodeCount.Should().Be(1);
        var stored = workflow.StoredDocument();
        stored.GetProperty("name").GetString().Should().Be("After");
        stored.GetProperty("id").GetString().Should().Be(workflow.Id);
    }

    [Fact]
    public void Update_Always_KeepsOwnerSharingAndCreationTime()
    {
        var workflow = UserWorkflow(isPublic: true);

        workflow.Update(Admin, Document(name: "After"), Now.AddMinutes(1));

        workflow.OwnerId.Should().Be("owner");
        workflow.IsPublic.Should().BeTrue();
        workflow.CreatedAt.Should().Be(Now);
        workflow.Category.Should().Be(WorkflowCategory.User);
    }

    [Fact]
    public void Update_Always_BumpsUpdatedAtToTheMillisecond()
    {
        var workflow = UserWorkflow();

        workflow.Update(Owner, Document(), Now.AddSeconds(5).AddTicks(9_999));

        workflow.UpdatedAt.Should().Be(Now.AddSeconds(5));
        workflow.CreatedAt.Should().Be(Now);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Update_WhenCallerIsNotOwner_BreaksTheOwnershipRule(bool isPublic)
    {
        var workflow = UserWorkflow(name: "Mine", isPublic: isPublic);

        var act = () => workflow.Update(Other, Document(name: "Hijacked"), Now);

        act.ShouldBreak<WorkflowCanBeModifiedOnlyByOwnerRule>("Not authorized to update this workflow")
            .Kind.Should().Be(RuleViolationKind.Forbidden);
        workflow.Name.Should().Be("Mine");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Update_OfDefaultWorkflow_BreaksDefaultWorkflowsAreReadOnlyRule(bool byAdministrator)
    {
        var workflow = DefaultWorkflow(name: "Basic");

        var act = () => workflow.Update(byAdministrator ? Admin : Other, Document(name: "Changed"), Now);

        act.ShouldBreak<DefaultWorkflowsAreReadOnlyRule>("Default workflows are read-only")
            .Kind.Should().Be(RuleViolationKind.Forbidden);
        workflow.Name.Should().Be("Basic");
    }

    [Fact]
    public void Update_IntoDefaultCategory_BreaksWorkflowCannotBecomeDefaultRule()
    {
        var workflow = UserWorkflow(name: "Mine");

        var act = () => workflow.Update(Admin, Document(name: "Promoted", category: WorkflowCategory.Default), Now);

        act.ShouldBreak<WorkflowCannotBecomeDefaultRule>("A workflow cannot be moved into the default category")
            .Kind.Should().Be(RuleViolationKind.Invalid);
        workflow.Name.Should().Be("Mine");
        workflow.Category.Should().Be(WorkflowCategory.User);
    }
}
