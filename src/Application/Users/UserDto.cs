using System.Globalization;
using Invoke.Domain.Users;

namespace Invoke.Application.Users;

/// <summary>InvokeAI's <c>UserDTO</c>, fields in its order.</summary>
public sealed record UserDto(
    string UserId,
    string Email,
    string? DisplayName,
    bool IsAdmin,
    bool IsActive,
    string CreatedAt,
    string UpdatedAt,
    string? LastLoginAt,
    int TokenEpoch)
{
    /// <summary>Created/updated times are naive ISO-8601 and the last login is UTC with a Z, as Pydantic renders them.</summary>
    public static UserDto From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserDto(
            user.Id,
            user.Email,
            user.DisplayName,
            user.IsAdmin,
            user.IsActive,
            Naive(user.CreatedAt),
            Naive(user.UpdatedAt),
            user.LastLoginAt is { } login ? Naive(login) + "Z" : null,
            user.TokenEpoch);
    }

    private static string Naive(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}

/// <summary>A user change that may hand the caller a replacement token (after changing their own password).</summary>
public sealed record UserChangeResult(UserDto User, IssuedToken? ReplacementToken);
