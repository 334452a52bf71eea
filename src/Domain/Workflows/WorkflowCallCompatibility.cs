namespace Invoke.Domain.Workflows;

/// <summary>
/// Whether a saved workflow can be called from another workflow ("call saved workflow"). A callable
/// workflow has exactly one <c>workflow_return</c> node.
/// </summary>
public sealed record WorkflowCallCompatibility(bool IsCallable, string Reason, string? Message)
{
    public static WorkflowCallCompatibility Ok { get; } = new(true, "ok", null);

    public static WorkflowCallCompatibility MissingWorkflowReturn { get; } = new(
        false, "missing_workflow_return", "The workflow must contain exactly one workflow_return node.");

    public static WorkflowCallCompatibility MultipleWorkflowReturn { get; } = new(
        false, "multiple_workflow_return", "The workflow must not contain more than one workflow_return node.");

    public static WorkflowCallCompatibility FromWorkflowReturnNodeCount(int count) => count switch
    {
        1 => Ok,
        0 => MissingWorkflowReturn,
        _ => MultipleWorkflowReturn,
    };
}
