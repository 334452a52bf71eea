using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

public sealed class RemovedPathMustExistRule(string realPath) : IBusinessRule
{
    public string Message => "path does not exist";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => !Path.Exists(realPath);
}
