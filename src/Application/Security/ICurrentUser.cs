using Invoke.Domain.Users;

namespace Invoke.Application.Security;

/// <summary>
/// Who is making the current request. In single-user mode this is always the <c>system</c>
/// administrator; in multi-user mode it is the user whose token was verified against the database
/// for this request, or nobody.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The caller, or null when the request carries no valid identity.</summary>
    AuthenticatedUser? User { get; }
}

/// <summary>
/// A caller whose identity, role and active flag were read from the database for this request.
/// <paramref name="RememberMe"/> and <paramref name="TokenEpoch"/> come from the token that proved it.
/// </summary>
public sealed record AuthenticatedUser(string UserId, string Email, bool IsAdmin, bool RememberMe = false, int TokenEpoch = 0)
{
    public static AuthenticatedUser SystemAdministrator { get; } = new(SystemAccount.UserId, SystemAccount.Email, IsAdmin: true);

    public Actor ToActor() => new(UserId, IsAdmin);
}

public static class CurrentUserExtensions
{
    /// <summary>The caller as an actor; the authorization behavior has already refused anonymous callers.</summary>
    public static Actor RequireActor(this ICurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        return currentUser.User?.ToActor()
            ?? throw new Errors.UnauthenticatedException(AccessMessages.AuthenticationRequired);
    }
}
