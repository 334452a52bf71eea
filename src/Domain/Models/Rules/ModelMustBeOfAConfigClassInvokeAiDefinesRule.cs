using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

/// <summary>InvokeAI's clients know a model only as one of its config classes; any other combination is refused.</summary>
public sealed class ModelMustBeOfAConfigClassInvokeAiDefinesRule(string type, string format, string modelBase, ModelConfigKind? kind) : IBusinessRule
{
    public string Message => $"InvokeAI has no model config for type '{type}', format '{format}' and base '{modelBase}'";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => kind is null;
}
