using Invoke.Application.Users;
using Invoke.Domain.Users;

namespace Invoke.WebApi.Cli;

/// <summary>What the user subcommands print about a user, and the password prompt they share.</summary>
internal static class UserPrompts
{
    /// <summary>A password typed twice that meets the strict policy; null after the user gives up (empty entry).</summary>
    public static string? AskNewPassword(CliConsole console)
    {
        while (true)
        {
            var password = console.AskSecret("Password: ");
            if (string.IsNullOrEmpty(password))
            {
                console.Out.WriteLine("❌ Error: a password is required");
                return null;
            }

            if (PasswordPolicy.Check(password, strict: true) is { } problem)
            {
                console.Out.WriteLine($"❌ {problem}");
                continue;
            }

            if (console.AskSecret("Confirm password: ") != password)
            {
                console.Out.WriteLine("❌ Passwords do not match");
                continue;
            }

            return password;
        }
    }

    public static void Describe(TextWriter output, UserDto user)
    {
        output.WriteLine($"   User ID: {user.UserId}");
        output.WriteLine($"   Email: {user.Email}");
        output.WriteLine($"   Display name: {user.DisplayName ?? "(none)"}");
        output.WriteLine($"   Administrator: {(user.IsAdmin ? "yes" : "no")}");
        output.WriteLine($"   Active: {(user.IsActive ? "yes" : "no")}");
    }
}
