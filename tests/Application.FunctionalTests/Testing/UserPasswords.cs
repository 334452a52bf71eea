namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>Passwords the tests give accounts.</summary>
public static class UserPasswords
{
    /// <summary>Meets the strict policy.</summary>
    public const string Default = "TestPass123";

    public const string Other = "OtherPass456";
}
