using Invoke.Domain.Rules;

namespace Invoke.Domain.Workflows.Rules;

/// <summary>Default workflows ship with the server: nobody changes or deletes them through the API.</summary>
public sealed class DefaultWorkflowsAreReadOnlyRule(WorkflowCategory category) : IBusinessRule
{
    public string Message => "Default workflows are read-only";

    public RuleViolationKind Kind => RuleViolationKind.Forbidden;

    public bool IsBroken() => category == WorkflowCategory.Default;
}
