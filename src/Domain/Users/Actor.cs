namespace Invoke.Domain.Users;

/// <summary>The user on whose behalf an aggregate is changed, as the aggregate needs to know them.</summary>
public sealed record Actor(string UserId, bool IsAdmin)
{
    /// <summary>The built-in administrator every caller acts as in single-user mode.</summary>
    public static Actor SystemAdministrator { get; } = new(SystemAccount.UserId, IsAdmin: true);
}
