using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

/// <summary>Removing "everything" is never what a sync means.</summary>
public sealed class ModelsDirectoryItselfCannotBeRemovedRule(ModelsDirectory directory, string realPath) : IBusinessRule
{
    public string Message => "cannot delete the models directory";

    public RuleViolationKind Kind => RuleViolationKind.Forbidden;

    public bool IsBroken() => directory.IsRoot(realPath);
}
