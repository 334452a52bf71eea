using Invoke.Domain.Rules;

namespace Invoke.Domain.Workflows.Rules;

/// <summary>An update cannot turn a user's workflow into a default workflow.</summary>
public sealed class WorkflowCannotBecomeDefaultRule(WorkflowCategory requestedCategory) : IBusinessRule
{
    public string Message => "A workflow cannot be moved into the default category";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => requestedCategory == WorkflowCategory.Default;
}
