using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>
/// Decides whether a bearer token is honoured right now: well signed and unexpired, not naming the
/// <c>system</c> account, for an account that exists, is active and has not changed its password
/// since (token epoch). Role and e-mail are taken from the database row, not from the token.
/// </summary>
public sealed class TokenAuthenticator(IAppDbContext db, ITokenService tokens)
{
    /// <summary>The caller's access row, compiled once: this read runs on every authenticated request.</summary>
    private static readonly CompiledQuery<Func<DbContext, string, CancellationToken, Task<AccessRow?>>> ReadAccessRow =
        new(_ => EF.CompileAsyncQuery((DbContext context, string userId, CancellationToken _) => context.Set<User>()
            .AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccessRow(u.Id, u.Email, u.IsAdmin, u.IsActive, u.TokenEpoch))
            .FirstOrDefault()));

    public async Task<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var claims = await tokens.VerifyAsync(token, cancellationToken);
        if (claims is null)
        {
            return TokenAuthentication.InvalidToken;
        }

        if (claims.UserId == SystemAccount.UserId)
        {
            return TokenAuthentication.UserUnavailable;
        }

        var context = db.AsDbContext();
        var row = await ReadAccessRow.For(context)(context, claims.UserId, cancellationToken);
        if (row is null || !row.IsActive || row.TokenEpoch != claims.TokenEpoch)
        {
            return TokenAuthentication.UserUnavailable;
        }

        return new TokenAuthentication(
            TokenAuthenticationOutcome.Authenticated,
            new AuthenticatedUser(row.Id, row.Email, row.IsAdmin, claims.RememberMe, row.TokenEpoch),
            claims.ExpiresAt);
    }
}

internal sealed record AccessRow(string Id, string Email, bool IsAdmin, bool IsActive, int TokenEpoch);

public enum TokenAuthenticationOutcome
{
    Authenticated,

    /// <summary>Malformed, badly signed or expired.</summary>
    InvalidToken,

    /// <summary>Well signed, but the account is gone, inactive, revoked the token, or is <c>system</c>.</summary>
    UserUnavailable,
}

public sealed record TokenAuthentication(TokenAuthenticationOutcome Outcome, AuthenticatedUser? User, DateTimeOffset? ExpiresAt)
{
    public static TokenAuthentication InvalidToken { get; } = new(TokenAuthenticationOutcome.InvalidToken, null, null);

    public static TokenAuthentication UserUnavailable { get; } = new(TokenAuthenticationOutcome.UserUnavailable, null, null);
}
