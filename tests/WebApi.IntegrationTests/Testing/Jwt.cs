using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>
/// Reads and makes tokens the way another InvokeAI server (or an attacker) would: compact JWS,
/// HS256 over the UTF-8 bytes of the hex secret in <c>app_settings.jwt_secret</c>.
/// </summary>
public static class Jwt
{
    public const string Hs256Header = """{"alg":"HS256","typ":"JWT"}""";

    public static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    public static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    /// <summary>The signing secret the server keeps in its database.</summary>
    public static async Task<string> SecretAsync(this InvokeApiFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AppSettings.Where(s => s.Key == "jwt_secret").Select(s => s.Value).SingleAsync();
    }

    /// <summary>A token with the given payload, signed with HS256 and <paramref name="secret"/>.</summary>
    public static string Sign(JsonObject payload, string secret, string header = Hs256Header)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var signingInput = Encode(Encoding.UTF8.GetBytes(header)) + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Encode(signature);
    }

    /// <summary>InvokeAI's claims for an account, expiring <paramref name="expiresIn"/> after <paramref name="now"/>.</summary>
    public static JsonObject Claims(string userId, string email, bool isAdmin, DateTimeOffset now, TimeSpan expiresIn, int? tokenEpoch = 0)
    {
        var claims = new JsonObject
        {
            ["user_id"] = userId,
            ["email"] = email,
            ["is_admin"] = isAdmin,
            ["remember_me"] = false,
        };
        if (tokenEpoch is { } epoch)
        {
            claims["token_epoch"] = epoch;
        }

        claims["exp"] = (now + expiresIn).ToUnixTimeSeconds();
        return claims;
    }

    /// <summary>The token with its payload replaced, keeping the original header and signature.</summary>
    public static string WithPayload(string token, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(payload);
        var parts = token.Split('.');
        return parts[0] + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }

    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject Decode(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        return JsonNode.Parse(Convert.FromBase64String(base64))!.AsObject();
    }
}
