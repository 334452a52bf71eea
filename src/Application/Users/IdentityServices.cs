namespace Invoke.Application.Users;

/// <summary>bcrypt, compatible with the hashes InvokeAI stores.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>False for a wrong password and for an empty or malformed hash; never throws.</summary>
    bool Verify(string password, string hash);
}

/// <summary>What a token says about its bearer (InvokeAI's claims).</summary>
public sealed record TokenClaims(string UserId, string Email, bool IsAdmin, bool RememberMe, int TokenEpoch, DateTimeOffset ExpiresAt);

/// <summary>A signed token and how long it lives.</summary>
public sealed record IssuedToken(string Token, TimeSpan Lifetime);

/// <summary>HS256 JWTs signed with the secret kept in the database.</summary>
public interface ITokenService
{
    ValueTask<IssuedToken> IssueAsync(TokenClaims claims, CancellationToken cancellationToken);

    /// <summary>The claims of a well-signed, unexpired token, or null.</summary>
    ValueTask<TokenClaims?> VerifyAsync(string token, CancellationToken cancellationToken);
}

/// <summary>
/// Serializes changes that must see a consistent set of administrators (setup, demotion,
/// deactivation, deletion), across connections and server instances.
/// </summary>
public interface IUserAdministrationLock
{
    /// <summary>Begins a transaction holding the lock; changes saved inside it commit with <see cref="IUserAdministrationTransaction.CommitAsync"/>.</summary>
    Task<IUserAdministrationTransaction> AcquireAsync(CancellationToken cancellationToken);
}

public interface IUserAdministrationTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>Counts failed logins per account and per client address and blocks further attempts for a while.</summary>
public interface ILoginThrottle
{
    /// <summary>How long the caller must wait, or null when they may try now.</summary>
    Task<TimeSpan?> RetryAfterAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken);

    Task RecordFailureAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken);

    /// <summary>A successful login clears the account's failures.</summary>
    Task RecordSuccessAsync(string accountKey, CancellationToken cancellationToken);
}
