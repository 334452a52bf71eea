using Invoke.Domain.Users;

namespace Invoke.Domain.UnitTests.Users;

public sealed class PasswordPolicyTests
{
    private const string TooShort = "Password must be at least 8 characters long";
    private const string MissingClasses = "Password must contain uppercase, lowercase, and numbers";

    [Theory]
    [InlineData("ValidPass123")]
    [InlineData("StrongPass123")]
    [InlineData("Pass123A")]
    [InlineData("Passwor1")]
    [InlineData("Pass!@#$123")]
    [InlineData("Password123")]
    [InlineData("Pass Word 123")]
    [InlineData("密码Pass123")]
    [InlineData("ÄrgerÖl12")]
    [InlineData("Пароль12345")]
    [InlineData("Passwort٣٤")]
    public void Check_WhenStrictAndEveryClassIsPresent_Accepts(string password)
    {
        PasswordPolicy.Check(password, strict: true).Should().BeNull();
    }

    [Fact]
    public void Check_WhenStrictAndVeryLong_Accepts()
    {
        var password = string.Concat(Enumerable.Repeat("Abc1", 38))[..150];

        PasswordPolicy.Check(password, strict: true).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Pass1")]
    [InlineData("Short1")]
    [InlineData("weak")]
    [InlineData("Ab1defg")]
    public void Check_WhenStrictAndShorterThanEight_IsTooShort(string? password)
    {
        PasswordPolicy.Check(password, strict: true).Should().Be(TooShort);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("lowercase123")]
    [InlineData("PASSWORD123")]
    [InlineData("UPPERCASE123")]
    [InlineData("PasswordTest")]
    [InlineData("NoDigitsHere")]
    [InlineData("12345678")]
    [InlineData("密码密码密码密码1")]
    public void Check_WhenStrictAndAClassIsMissing_GivesTheSingleClassesMessage(string password)
    {
        PasswordPolicy.Check(password, strict: true).Should().Be(MissingClasses);
    }

    [Fact]
    public void Check_CountsCodePointsNotUtf16Units()
    {
        // Each emoji is two UTF-16 units but one character, as Python's len() counts.
        PasswordPolicy.Check("Aa1😀😀😀😀", strict: true).Should().Be(TooShort);
        PasswordPolicy.Check("Aa1😀😀😀😀😀", strict: true).Should().BeNull();
    }

    [Theory]
    [InlineData("weak")]
    [InlineData("x")]
    [InlineData("password")]
    [InlineData(" ")]
    public void Check_WhenNotStrict_AcceptsAnyNonEmptyPassword(string password)
    {
        PasswordPolicy.Check(password, strict: false).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Check_WhenNotStrictAndEmpty_IsRefused(string? password)
    {
        PasswordPolicy.Check(password, strict: false).Should().Be("Password cannot be empty");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ab1")]
    [InlineData("Abc1")]
    [InlineData("Ab1defg")]
    public void StrengthOf_WhenShorterThanEight_IsWeak(string password)
    {
        PasswordPolicy.StrengthOf(password).Should().Be(PasswordStrength.Weak);
    }

    [Theory]
    [InlineData("lowercase1")]
    [InlineData("UPPERCASE1")]
    [InlineData("NoDigitsHere")]
    [InlineData("pass123a")]
    [InlineData("abcdefgh")]
    public void StrengthOf_WhenLongEnoughButMissingAClass_IsModerate(string password)
    {
        PasswordPolicy.StrengthOf(password).Should().Be(PasswordStrength.Moderate);
    }

    [Theory]
    [InlineData("StrongPass1")]
    [InlineData("Pass123A")]
    [InlineData("Pass!@#$123")]
    [InlineData("Abcdefg1")]
    public void StrengthOf_WhenLongEnoughWithEveryClass_IsStrong(string password)
    {
        PasswordPolicy.StrengthOf(password).Should().Be(PasswordStrength.Strong);
    }
}
