using Invoke.Domain.Rules;

namespace Invoke.Domain.Users.Rules;

/// <summary>
/// There is always an active administrator: the last one cannot be deleted, demoted or
/// deactivated. <paramref name="activeAdministrators"/> must be counted under the lock that
/// serializes these changes.
/// </summary>
public sealed class LastAdministratorCannotBeRemovedRule(bool targetIsActiveAdministrator, bool changeRemovesAdministrator, int activeAdministrators)
    : IBusinessRule
{
    public string Message => "Cannot remove the last administrator";

    public RuleViolationKind Kind => RuleViolationKind.Invalid;

    public bool IsBroken() => targetIsActiveAdministrator && changeRemovesAdministrator && activeAdministrators <= 1;
}
