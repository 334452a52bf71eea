namespace Invoke.Domain.Users;

/// <summary>
/// The built-in <c>system</c> account: owner of everything created in single-user mode and of the
/// default workflows. It is never a login account.
/// </summary>
public static class SystemAccount
{
    public const string UserId = "system";
    public const string Email = "system@system.invokeai";
    public const string DisplayName = "System";
}
