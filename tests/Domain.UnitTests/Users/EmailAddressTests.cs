using Invoke.Domain.Users;

namespace Invoke.Domain.UnitTests.Users;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("Jane.Doe@Example.COM", "Jane.Doe@example.com")]
    [InlineData("USER+tag@EXAMPLE.org", "USER+tag@example.org")]
    [InlineData("user@BÜCHER.de", "user@bücher.de")]
    public void Parse_WhenDomainIsOrdinary_LowerCasesTheDomainAndKeepsTheLocalPart(string input, string expected)
    {
        var email = EmailAddress.Parse(input, out var error);

        error.Should().BeNull();
        email!.Value.Should().Be(expected);
        email.ToString().Should().Be(expected);
    }

    [Fact]
    public void Parse_NormalizesToNfcSoThatBothUnicodeFormsAreOneAccount()
    {
        var decomposed = EmailAddress.Parse("Rene\u0301@example.com", out _)!;
        var composed = EmailAddress.Parse("Ren\u00e9@example.com", out _)!;

        decomposed.Value.Should().Be("Ren\u00e9@example.com");
        decomposed.Key.Should().Be(composed.Key);
    }

    [Theory]
    [InlineData("Admin@Server.Local", "admin@server.local")]
    [InlineData("Admin@LOCALHOST", "admin@localhost")]
    [InlineData("QA.Lead@Build.Test", "qa.lead@build.test")]
    [InlineData("  Someone@Intranet.Internal  ", "someone@intranet.internal")]
    [InlineData("Boss@Corp.Example", "boss@corp.example")]
    public void Parse_WhenDomainIsSpecialUse_AcceptsTheWholeAddressLowerCased(string input, string expected)
    {
        var email = EmailAddress.Parse(input, out var error);

        error.Should().BeNull();
        email!.Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("no-at-sign.example.com", "Email address must contain an @ symbol")]
    [InlineData("", "Email address must contain an @ symbol")]
    [InlineData(null, "Email address must contain an @ symbol")]
    [InlineData("@example.com", "Email address must have both local and domain parts")]
    [InlineData("user@", "Email address must have both local and domain parts")]
    [InlineData("user@intranet", "Email domain must contain a dot or be 'localhost'")]
    [InlineData("user@SERVER", "Email domain must contain a dot or be 'localhost'")]
    public void Parse_WhenShapeIsWrong_GivesTheFallbackMessage(string? input, string expected)
    {
        var email = EmailAddress.Parse(input, out var error);

        email.Should().BeNull();
        error.Should().Be(expected);
    }

    [Theory]
    [InlineData("user @example.com")]
    [InlineData(".user@example.com")]
    [InlineData("us..er@example.com")]
    [InlineData("user@exa mple.com")]
    [InlineData("user@example..com")]
    [InlineData("user@-example.com")]
    [InlineData("../../../etc/passwd@example.com")]
    public void Parse_WhenTheValidatorRefusesTheAddress_PrefixesItsReason(string input)
    {
        var email = EmailAddress.Parse(input, out var error);

        email.Should().BeNull();
        error.Should().StartWith("Invalid email address: ");
    }

    [Fact]
    public void Parse_WhenAddressIsTooLong_IsRefused()
    {
        var input = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";

        EmailAddress.Parse(input, out var error).Should().BeNull();

        error.Should().StartWith("Invalid email address: The email address is too long");
    }

    [Fact]
    public void Key_FoldsCaseSoThatAddressesDifferingOnlyInCaseAreOneAccount()
    {
        var upper = EmailAddress.Parse("User@Example.com", out _)!;
        var lower = EmailAddress.Parse("user@example.com", out _)!;

        upper.Value.Should().NotBe(lower.Value);
        upper.Key.Should().Be("user@example.com").And.Be(lower.Key);
    }

    [Fact]
    public void FromTrusted_KeepsTheStoredValue()
    {
        var email = EmailAddress.FromTrusted("Stored@example.com");

        email.Value.Should().Be("Stored@example.com");
        email.Key.Should().Be("stored@example.com");
    }
}
