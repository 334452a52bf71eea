using System.Text.Json.Nodes;
using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

/// <summary>A setting sent for a model must be a value its config class accepts (an SDXL model has no <c>dev</c> variant).</summary>
public sealed class ModelSettingMustSuitItsConfigClassRule(ModelConfigField setting, JsonNode? value) : IBusinessRule
{
    public string Message => $"The model's {setting.Name} must be {setting.Expected}";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => !setting.Accepts(value);
}
