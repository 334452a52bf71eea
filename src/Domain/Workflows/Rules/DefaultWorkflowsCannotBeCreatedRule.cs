using Invoke.Domain.Rules;

namespace Invoke.Domain.Workflows.Rules;

/// <summary>Only the server's own default-workflow sync creates workflows of the <c>default</c> category.</summary>
public sealed class DefaultWorkflowsCannotBeCreatedRule(WorkflowCategory requestedCategory) : IBusinessRule
{
    public string Message => "Default workflows cannot be created";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => requestedCategory == WorkflowCategory.Default;
}
