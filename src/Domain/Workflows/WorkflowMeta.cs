namespace Invoke.Domain.Workflows;

/// <summary>The <c>meta</c> object of a workflow document: schema version and category.</summary>
public sealed record WorkflowMeta(string Version, WorkflowCategory Category);
