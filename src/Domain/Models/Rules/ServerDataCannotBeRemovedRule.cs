using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

/// <summary>
/// Whatever the models directory is set to (the server's root included), the server's own data —
/// the root, the database, thumbnails, configuration — is never removed, nor a folder holding it.
/// </summary>
public sealed class ServerDataCannotBeRemovedRule(ModelsDirectory directory, string realPath) : IBusinessRule
{
    public string Message => "path holds the server's own data";

    public RuleViolationKind Kind => RuleViolationKind.Forbidden;

    public bool IsBroken() => directory.HoldsServerData(realPath);
}
