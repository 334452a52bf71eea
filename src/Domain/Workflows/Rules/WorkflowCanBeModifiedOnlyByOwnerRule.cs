using Invoke.Domain.Rules;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Rules;

/// <summary>Only the workflow's owner or an administrator may change or delete it.</summary>
public sealed class WorkflowCanBeModifiedOnlyByOwnerRule(string ownerId, Actor actor, WorkflowModification modification)
    : IBusinessRule
{
    public string Message => modification == WorkflowModification.Delete
        ? "Not authorized to delete this workflow"
        : "Not authorized to update this workflow";

    public RuleViolationKind Kind => RuleViolationKind.Forbidden;

    public bool IsBroken() => !actor.IsAdmin && !string.Equals(ownerId, actor.UserId, StringComparison.Ordinal);
}

public enum WorkflowModification
{
    Update,
    Delete,
}
