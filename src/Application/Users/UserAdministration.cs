using Invoke.Application.Errors;
using Invoke.Application.Security;
using Invoke.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>Lookups shared by the user use cases.</summary>
internal static class UserAdministration
{
    /// <summary>Administrators who can still act; read under the user-administration lock when it matters.</summary>
    public static Task<int> CountActiveAdministratorsAsync(this DbSet<User> users, CancellationToken cancellationToken) =>
        users.CountAsync(u => u.IsAdmin && u.IsActive, cancellationToken);

    public static async Task<User> GetAsync(this DbSet<User> users, string userId, CancellationToken cancellationToken) =>
        await users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
        ?? throw new NotFoundException(UserMessages.UserNotFound);

    public static Task<bool> EmailTakenAsync(this DbSet<User> users, EmailAddress email, CancellationToken cancellationToken) =>
        users.AnyAsync(u => u.EmailKey == email.Key, cancellationToken);

    /// <summary>The password policy the server enforces (strict when configured, and always from the admin CLI).</summary>
    public static void CheckPassword(string? password, bool strict)
    {
        if (PasswordPolicy.Check(password, strict) is { } problem)
        {
            throw new BadRequestException(problem);
        }
    }

    /// <summary>A token like the caller's (same "remember me") for the caller's current row.</summary>
    public static ValueTask<IssuedToken> IssueReplacementTokenAsync(
        this ITokenService tokens, User user, bool rememberMe, TimeProvider time, CancellationToken cancellationToken) =>
        tokens.IssueAsync(TokenLifetimes.ClaimsFor(user, rememberMe, time), cancellationToken);
}

/// <summary>How long tokens live: a day, or a week with "remember me".</summary>
public static class TokenLifetimes
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(1);
    public static readonly TimeSpan RememberMe = TimeSpan.FromDays(7);

    public static TimeSpan For(bool rememberMe) => rememberMe ? RememberMe : Default;

    /// <summary>A fresh token's claims for a caller whose row was read for this request (sliding refresh).</summary>
    public static TokenClaims ClaimsFor(AuthenticatedUser user, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        return new TokenClaims(user.UserId, user.Email, user.IsAdmin, user.RememberMe, user.TokenEpoch, time.GetUtcNow() + For(user.RememberMe));
    }

    public static TokenClaims ClaimsFor(User user, bool rememberMe, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        return new TokenClaims(user.Id, user.Email, user.IsAdmin, rememberMe, user.TokenEpoch, time.GetUtcNow() + For(rememberMe));
    }
}
