namespace Invoke.Infrastructure.Users;

/// <summary>A server-wide setting kept in the database (<c>app_settings</c>), such as the JWT signing secret.</summary>
internal sealed class AppSetting
{
    public const string JwtSecretKey = "jwt_secret";

    public required string Key { get; init; }

    public required string Value { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Failed logins counted for one account or one client address (<c>login_throttle</c>).</summary>
internal sealed class LoginThrottleEntry
{
    public required string ScopeKey { get; init; }

    public int Failures { get; set; }

    public DateTime WindowStartedAt { get; set; }

    public DateTime? BlockedUntil { get; set; }
}
