using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using static Invoke.Domain.UnitTests.Workflows.TestWorkflows;

namespace Invoke.Domain.UnitTests.Workflows.Specifications;

public sealed class WorkflowsReadableBySpecTests
{
    [Fact]
    public void Owner_CanReadOwnPrivateWorkflow()
    {
        new WorkflowsReadableBySpec(Owner).IsSatisfiedBy(UserWorkflow(Owner)).Should().BeTrue();
    }

    [Fact]
    public void OtherUser_CannotReadAPrivateWorkflow()
    {
        new WorkflowsReadableBySpec(Other).IsSatisfiedBy(UserWorkflow(Owner)).Should().BeFalse();
    }

    [Fact]
    public void OtherUser_CanReadASharedWorkflow()
    {
        new WorkflowsReadableBySpec(Other).IsSatisfiedBy(UserWorkflow(Owner, isPublic: true)).Should().BeTrue();
    }

    [Fact]
    public void OtherUser_CanReadASystemLegacyWorkflow()
    {
        new WorkflowsReadableBySpec(Other).IsSatisfiedBy(UserWorkflow(Actor.SystemAdministrator, isPublic: true)).Should().BeTrue();
    }

    [Fact]
    public void AnyUser_CanReadADefaultWorkflow()
    {
        new WorkflowsReadableBySpec(Other).IsSatisfiedBy(DefaultWorkflow()).Should().BeTrue();
    }

    [Fact]
    public void Administrator_CanReadEveryWorkflow()
    {
        Workflow[] all = [UserWorkflow(Owner), UserWorkflow(Other), UserWorkflow(Other, isPublic: true), DefaultWorkflow()];

        new WorkflowsReadableBySpec(Admin).Evaluate(all).Should().HaveCount(all.Length);
    }

    [Fact]
    public void Evaluate_ForRegularUser_LeavesOutOtherUsersPrivateWorkflows()
    {
        var mine = UserWorkflow(Owner);
        var othersPrivate = UserWorkflow(Other);
        var othersShared = UserWorkflow(Other, isPublic: true);
        var basic = DefaultWorkflow();

        new WorkflowsReadableBySpec(Owner).Evaluate([mine, othersPrivate, othersShared, basic])
            .Should().BeEquivalentTo([mine, othersShared, basic]);
    }
}
