using Invoke.Domain.Workflows;

namespace Invoke.Domain.UnitTests.Workflows;

public sealed class WorkflowCallCompatibilityTests
{
    [Fact]
    public void FromWorkflowReturnNodeCount_WhenExactlyOne_IsCallable()
    {
        WorkflowCallCompatibility.FromWorkflowReturnNodeCount(1)
            .Should().Be(new WorkflowCallCompatibility(true, "ok", null));
    }

    [Fact]
    public void FromWorkflowReturnNodeCount_WhenNone_IsMissingWorkflowReturn()
    {
        WorkflowCallCompatibility.FromWorkflowReturnNodeCount(0).Should().Be(new WorkflowCallCompatibility(
            false, "missing_workflow_return", "The workflow must contain exactly one workflow_return node."));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void FromWorkflowReturnNodeCount_WhenMoreThanOne_IsMultipleWorkflowReturn(int count)
    {
        WorkflowCallCompatibility.FromWorkflowReturnNodeCount(count).Should().Be(new WorkflowCallCompatibility(
            false, "multiple_workflow_return", "The workflow must not contain more than one workflow_return node."));
    }
}
