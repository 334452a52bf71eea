namespace Invoke.Application.LiveUpdates;

public enum WorkflowChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// A saved change to a user's workflow, as the live-update events describe it: who owns it and
/// whether it was shared before and after the change.
/// </summary>
public sealed record WorkflowChange(WorkflowChangeKind Kind, string WorkflowId, string OwnerId, bool WasPublic, bool IsPublic);
