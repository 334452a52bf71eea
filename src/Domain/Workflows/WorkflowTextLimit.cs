namespace Invoke.Domain.Workflows;

/// <summary>A text field of a workflow document, named as in the JSON (<c>meta.version</c>), and its limit.</summary>
public sealed record WorkflowTextLimit(string Field, int MaxLength, Func<WorkflowDocument, string> Value);
