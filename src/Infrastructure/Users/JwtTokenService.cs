using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Invoke.Application.Users;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Invoke.Infrastructure.Users;

/// <summary>
/// HS256 JWTs with exactly InvokeAI's claims (<c>user_id</c>, <c>email</c>, <c>is_admin</c>,
/// <c>remember_me</c>, <c>token_epoch</c>, <c>exp</c>), signed with the UTF-8 bytes of the hex
/// secret in <c>app_settings.jwt_secret</c> — so tokens are interchangeable with InvokeAI's and
/// with every other instance on the same database.
/// </summary>
internal sealed class JwtTokenService(IServiceScopeFactory scopes, TimeProvider time) : ITokenService
{
    /// <summary>At most this many verified tokens are remembered; when that many are, the memory starts again.</summary>
    private const int RememberedTokens = 10_000;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// Tokens whose signature and claims were verified, with their claims. A client sends the same
    /// token with every request, and its signature checks out the same way for as long as the key
    /// is this process's, so it is checked once; the expiry is checked again on every use.
    /// Whether the account still honours the token is not remembered: the caller reads the row.
    /// </summary>
    private readonly ConcurrentDictionary<string, TokenClaims> _verified = new(StringComparer.Ordinal);
    private int _verifiedCount;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private SymmetricSecurityKey? _key;

    public async ValueTask<IssuedToken> IssueAsync(TokenClaims claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["user_id"] = claims.UserId,
            ["email"] = claims.Email,
            ["is_admin"] = claims.IsAdmin,
            ["remember_me"] = claims.RememberMe,
            ["token_epoch"] = claims.TokenEpoch,
            ["exp"] = claims.ExpiresAt.ToUnixTimeSeconds(),
        });
        var credentials = new SigningCredentials(await KeyAsync(cancellationToken), SecurityAlgorithms.HmacSha256);
        var token = _handler.CreateToken(payload, credentials);
        return new IssuedToken(token, TimeSpan.FromSeconds(Math.Round((claims.ExpiresAt - time.GetUtcNow()).TotalSeconds)));
    }

    public async ValueTask<TokenClaims?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 8192)
        {
            return null;
        }

        if (_verified.TryGetValue(token, out var known))
        {
            if (Unexpired(known.ExpiresAt))
            {
                return known;
            }

            _verified.TryRemove(token, out _);
            return null;
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = await KeyAsync(cancellationToken),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = (_, expires, _, _) => expires is { } at && Unexpired(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))),
        };

        var result = await _handler.ValidateTokenAsync(token, parameters);

        // RFC 7515 §4.1.11: a "crit" header names extensions the recipient must understand; this one understands none.
        var claims = result.IsValid && result.SecurityToken is JsonWebToken jwt && !jwt.TryGetHeaderValue<object>("crit", out _)
            ? ReadClaims(jwt)
            : null;
        if (claims is not null)
        {
            Remember(token, claims);
        }

        return claims;
    }

    /// <summary>A token is honoured strictly before its expiry, whether its signature is checked now or was before.</summary>
    private bool Unexpired(DateTimeOffset expiresAt) => time.GetUtcNow() < expiresAt;

    private void Remember(string token, TokenClaims claims)
    {
        if (Interlocked.Increment(ref _verifiedCount) > RememberedTokens)
        {
            _verified.Clear();
            Interlocked.Exchange(ref _verifiedCount, 1);
        }

        _verified.TryAdd(token, claims);
    }

    /// <summary>The claims, when they have the types InvokeAI requires; missing optional claims take their defaults.</summary>
    private static TokenClaims? ReadClaims(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var root = payload.RootElement;
        if (!root.TryGetProperty("user_id", out var userId) || userId.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("email", out var email) || email.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("is_admin", out var isAdmin) || isAdmin.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return null;
        }

        var rememberMe = root.TryGetProperty("remember_me", out var remember) && remember.ValueKind == JsonValueKind.True;
        var epoch = 0;
        if (root.TryGetProperty("token_epoch", out var epochValue)
            && (epochValue.ValueKind != JsonValueKind.Number || !epochValue.TryGetInt32(out epoch)))
        {
            return null;
        }

        // RFC 7519: exp is a NumericDate, never a string.
        if (!root.TryGetProperty("exp", out var expires) || expires.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        return new TokenClaims(userId.GetString()!, email.GetString()!, isAdmin.GetBoolean(), rememberMe, epoch, jwt.ValidTo);
    }

    private async ValueTask<SymmetricSecurityKey> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var secret = await scope.ServiceProvider.GetRequiredService<JwtSecretStore>().GetOrCreateAsync(cancellationToken);
                _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
            }

            return _key;
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>The signing secret: 32 random bytes as 64 hex characters, created once per database.</summary>
internal sealed class JwtSecretStore(AppDbContext db, TimeProvider time)
{
    public async Task<string> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        var existing = await db.AppSettings.AsNoTracking()
            .Where(s => s.Key == AppSetting.JwtSecretKey)
            .Select(s => s.Value)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.AppSettings.Add(new AppSetting
        {
            Key = AppSetting.JwtSecretKey,
            Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            CreatedAt = now,
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance created it first: use theirs.
            db.ChangeTracker.Clear();
        }

        return await db.AppSettings.AsNoTracking()
            .Where(s => s.Key == AppSetting.JwtSecretKey)
            .Select(s => s.Value)
            .FirstAsync(cancellationToken);
    }
}
