using Invoke.Domain.Users;

namespace Invoke.Domain.UnitTests.Users;

/// <summary>Accounts in the states the rules care about.</summary>
internal static class UserTestData
{
    public static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Not a real bcrypt hash: the aggregate only stores it.</summary>
    public const string Hash = "$2b$12$hash-of-the-first-password-for-tests-only.......";

    public static User Administrator(string email = "admin@example.com") =>
        User.Register(EmailAddress.Parse(email, out _)!, "Admin", Hash, isAdmin: true, Now);

    public static User RegularUser(string email = "user@example.com") =>
        User.Register(EmailAddress.Parse(email, out _)!, "User", Hash, isAdmin: false, Now);

    public static User InactiveAdministrator()
    {
        var admin = Administrator("inactive@example.com");
        admin.SetActive(false, activeAdministrators: 2, Now);
        return admin;
    }

    public static User SystemAccountRow() => User.CreateSystemAccount(Now);
}
