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

/// <summary>
/// Limits password guesses. Every check of a password (a login, a <c>current_password</c>) first
/// reserves an attempt, atomically, against three budgets — per account and client address, per
/// account across addresses, per client address across accounts — so that concurrent guesses never
/// exceed a limit. A reservation is kept as a failure unless the password turns out right.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>Reserves one attempt: null when the caller may check the password now, else how long to wait.</summary>
    Task<TimeSpan?> TryReserveAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken);

    /// <summary>The reserved attempt was a wrong password: it stays counted.</summary>
    Task RecordFailureAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken);

    /// <summary>The reserved attempt was right: the account's failures (from this address and overall) are cleared.</summary>
    Task RecordSuccessAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken);
}
