using System.Globalization;
using System.Text;

namespace Invoke.Domain.Users;

/// <summary>
/// What makes a password acceptable. The strict rule (8+ characters with upper case, lower case
/// and a digit) applies when the server enables strict checking, and always in the admin CLI;
/// otherwise a password only has to be non-empty.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;
    public const string TooShort = "Password must be at least 8 characters long";
    public const string MissingCharacterClasses = "Password must contain uppercase, lowercase, and numbers";
    public const string Empty = "Password cannot be empty";

    /// <summary>The reason the password is refused, or null when it is acceptable.</summary>
    public static string? Check(string? password, bool strict)
    {
        password ??= string.Empty;
        if (!strict)
        {
            return password.Length == 0 ? Empty : null;
        }

        if (CodePoints(password) < MinimumLength)
        {
            return TooShort;
        }

        return HasEveryClass(password) ? null : MissingCharacterClasses;
    }

    /// <summary>For UI feedback: weak (&lt; 8), moderate (8+ but missing a class) or strong.</summary>
    public static PasswordStrength StrengthOf(string? password)
    {
        password ??= string.Empty;
        if (CodePoints(password) < MinimumLength)
        {
            return PasswordStrength.Weak;
        }

        return HasEveryClass(password) ? PasswordStrength.Strong : PasswordStrength.Moderate;
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    private static bool HasEveryClass(string password)
    {
        bool upper = false, lower = false, digit = false;
        foreach (var rune in password.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter:
                    upper = true;
                    break;
                case UnicodeCategory.LowercaseLetter:
                    lower = true;
                    break;
                case UnicodeCategory.DecimalDigitNumber:
                    digit = true;
                    break;
            }
        }

        return upper && lower && digit;
    }
}

public enum PasswordStrength
{
    Weak,
    Moderate,
    Strong,
}
