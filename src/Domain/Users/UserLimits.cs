namespace Invoke.Domain.Users;

public static class UserLimits
{
    /// <summary>User ids are UUIDs, or <c>system</c>.</summary>
    public const int MaxIdLength = 64;

    /// <summary>RFC 5321 caps an address at 254 characters.</summary>
    public const int MaxEmailLength = 254;

    public const int MaxDisplayNameLength = 255;
}
