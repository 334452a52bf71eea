using Invoke.Domain.Rules;

namespace Invoke.Domain.Users.Rules;

/// <summary>
/// The <c>system</c> account owns legacy and default data; it can be renamed, but never deleted,
/// deactivated, promoted or given a password (so it can never log in).
/// </summary>
public sealed class SystemAccountIsProtectedRule(string userId, bool changeIsRefusedForSystem) : IBusinessRule
{
    public string Message => "The system user cannot be deleted, deactivated, promoted to administrator, or given a password";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => changeIsRefusedForSystem && userId == SystemAccount.UserId;
}
