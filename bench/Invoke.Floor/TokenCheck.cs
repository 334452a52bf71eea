using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Invoke.Floor;

/// <summary>The caller as the database describes them now.</summary>
internal sealed record Caller(string UserId, bool IsAdmin);

/// <summary>
/// The same decision as Invoke's token check, by hand: an HS256 JWT signed with the database's secret,
/// unexpired, with InvokeAI's claim types, not naming <c>system</c>, for a user row that exists, is
/// active and has the token's epoch. Role comes from the row.
/// </summary>
internal sealed class TokenCheck(byte[] key)
{
    public async Task<(Caller? Caller, string? Refusal)> AuthenticateAsync(string? authorization, DbConnection connection, CancellationToken cancellationToken)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length == Bearer.Length)
        {
            return (null, "Authentication required");
        }

        if (!TryVerifyOrRefuse(authorization.AsSpan(Bearer.Length).Trim(), out var userId, out var epoch) || userId == "system")
        {
            return (null, userId == "system" ? "User not found or inactive" : "Invalid or expired token");
        }

        await using var command = FloorDatabase.Command(
            connection, "SELECT is_admin, is_active, token_epoch FROM users WHERE user_id = @id", ("@id", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(1) || reader.GetInt32(2) != epoch)
        {
            return (null, "User not found or inactive");
        }

        return (new Caller(userId, reader.GetBoolean(0)), null);
    }

    /// <summary>A token that is not base64url or not JSON where it must be is as invalid as a badly signed one.</summary>
    private bool TryVerifyOrRefuse(ReadOnlySpan<char> token, out string userId, out int epoch)
    {
        try
        {
            return TryVerify(token, out userId, out epoch);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            userId = string.Empty;
            epoch = 0;
            return false;
        }
    }

    private bool TryVerify(ReadOnlySpan<char> token, out string userId, out int epoch)
    {
        userId = string.Empty;
        epoch = 0;
        if (token.Length is 0 or > 8192)
        {
            return false;
        }

        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token[(first + 1)..].IndexOf('.') + first + 1;
        if (first <= 0 || second <= first || token[(second + 1)..].Contains('.'))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[64];
        Span<byte> expected = stackalloc byte[32];
        var signed = Encoding.ASCII.GetBytes(token[..second].ToString());
        if (!Base64Url.TryDecodeFromChars(token[(second + 1)..], signature, out var signatureLength) || signatureLength != 32)
        {
            return false;
        }

        HMACSHA256.HashData(key, signed, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature[..32]))
        {
            return false;
        }

        return HeaderIsHs256(Base64Url.DecodeFromChars(token[..first]))
            && ReadPayload(Base64Url.DecodeFromChars(token[(first + 1)..second]), out userId, out epoch);
    }

    private static bool HeaderIsHs256(byte[] header)
    {
        using var document = JsonDocument.Parse(header);
        var root = document.RootElement;
        return root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String && alg.ValueEquals("HS256")
            && !root.TryGetProperty("crit", out _);
    }

    private static bool ReadPayload(byte[] payload, out string userId, out int epoch)
    {
        userId = string.Empty;
        epoch = 0;
        var reader = new Utf8JsonReader(payload);
        bool hasUser = false, hasEmail = false, hasAdmin = false;
        double? expires = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (!reader.Read())
            {
                return false;
            }

            if (name.SequenceEqual("user_id"u8))
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                userId = reader.GetString()!;
                hasUser = true;
            }
            else if (name.SequenceEqual("email"u8))
            {
                hasEmail = reader.TokenType == JsonTokenType.String;
            }
            else if (name.SequenceEqual("is_admin"u8))
            {
                hasAdmin = reader.TokenType is JsonTokenType.True or JsonTokenType.False;
            }
            else if (name.SequenceEqual("token_epoch"u8))
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out epoch))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("exp"u8))
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return false;
                }

                expires = reader.GetDouble();
            }
            else
            {
                reader.Skip();
            }
        }

        return hasUser && hasEmail && hasAdmin && expires is { } exp && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 < exp;
    }
}
