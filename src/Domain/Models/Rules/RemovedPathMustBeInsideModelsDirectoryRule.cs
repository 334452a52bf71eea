using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

/// <summary>
/// The server removes nothing outside the models directory: not through <c>..</c>, not through an
/// absolute path elsewhere, not through a symbolic link that leads out.
/// </summary>
public sealed class RemovedPathMustBeInsideModelsDirectoryRule(ModelsDirectory directory, string? realPath) : IBusinessRule
{
    public string Message => "path is not under models directory";

    public RuleViolationKind Kind => RuleViolationKind.Forbidden;

    public bool IsBroken() => realPath is null || !directory.Contains(realPath);
}
