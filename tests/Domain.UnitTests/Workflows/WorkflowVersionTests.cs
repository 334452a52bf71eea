using Invoke.Domain.Workflows;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows;

/// <summary>
/// The version is what every save checks and what the ETag names, so every change of the workflow
/// raises it, by exactly one, and a refused change leaves it alone.
/// </summary>
public sealed class WorkflowVersionTests
{
    public static TheoryData<string> Changes => ["update", "share", "unshare", "open", "set thumbnail", "remove thumbnail"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void EveryChange_RaisesTheVersionByOne(string change)
    {
        var workflow = UserWorkflow();
        var before = workflow.Version;

        Apply(workflow, change, Owner);

        workflow.Version.Should().Be(before + 1);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void AChangeRefusedToSomeoneElse_LeavesTheVersion(string change)
    {
        var workflow = UserWorkflow();
        var before = workflow.Version;

        var act = () => Apply(workflow, change, Other);

        act.Should().Throw<Invoke.Domain.Rules.BusinessRuleViolationException>();
        workflow.Version.Should().Be(before);
    }

    [Fact]
    public void RefreshingADefault_RaisesTheVersion_OnlyWhenSomethingChanged()
    {
        var workflow = DefaultWorkflow(name: "Basic");
        var before = workflow.Version;

        workflow.RefreshDefault(Document(name: "Basic", category: WorkflowCategory.Default), hasThumbnail: true, Now).Should().BeFalse();
        var unchanged = workflow.Version;
        workflow.RefreshDefault(Document(name: "Basic v2", category: WorkflowCategory.Default), hasThumbnail: true, Now).Should().BeTrue();

        unchanged.Should().Be(before);
        workflow.Version.Should().Be(before + 1);
    }

    private static void Apply(Workflow workflow, string change, Invoke.Domain.Users.Actor actor)
    {
        switch (change)
        {
            case "update":
                workflow.Update(actor, Document(name: "Changed"), Now);
                break;
            case "share":
                workflow.SetShared(actor, isPublic: true, Now);
                break;
            case "unshare":
                workflow.SetShared(actor, isPublic: false, Now);
                break;
            case "open":
                workflow.MarkOpened(actor, Now);
                break;
            case "set thumbnail":
                workflow.SetThumbnail(actor);
                break;
            default:
                workflow.RemoveThumbnail(actor);
                break;
        }
    }
}
