using Invoke.Infrastructure.Users;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>The server's bcrypt hasher itself (contract §2.7 and InvokeAI's password tests), without timing rows.</summary>
public sealed class BcryptPasswordHasherTests
{
    private readonly BcryptPasswordHasher _hasher = new();

    [Fact]
    public void Hash_OfOnePasswordTwice_GivesTwoSaltedHashesInInvokeAisFormat()
    {
        var first = _hasher.Hash("TestPass123");
        var second = _hasher.Hash("TestPass123");

        first.Should().NotBe(second).And.NotBe("TestPass123");
        first.Should().StartWith("$2b$12$").And.HaveLength(60);
        _hasher.Verify("TestPass123", second).Should().BeTrue();
    }

    [Theory]
    [InlineData("P@ss!#$%^&*()_+-=[]{}|;:',.<>?/~`\"\\", "P@ss!#$%^&*()_+-=[]{}|;:',.<>?/~`\"\\x")]
    [InlineData("Test密码123パスワード", "Test密码123パスワーF")]
    [InlineData("line one\nline two\r\n", "line one\nline two\n")]
    [InlineData("", " ")]
    [InlineData("CaseSensitive1", "casesensitive1")]
    [InlineData("Inner Space1", "InnerSpace1")]
    [InlineData("Trailing1", "Trailing1 ")]
    public void Verify_AcceptsExactlyThePasswordThatWasHashed(string password, string other)
    {
        var hash = _hasher.Hash(password);

        _hasher.Verify(password, hash).Should().BeTrue();
        _hasher.Verify(other, hash).Should().BeFalse();
    }

    [Fact]
    public void Verify_IgnoresBytesBeyondTheFirst72()
    {
        var hash = _hasher.Hash(new string('A', 100));

        _hasher.Verify(new string('A', 72), hash).Should().BeTrue();
        _hasher.Verify(new string('A', 72) + "different tail", hash).Should().BeTrue();
        _hasher.Verify(new string('A', 71), hash).Should().BeFalse();
    }

    [Fact]
    public void Truncate_DropsACharacterSplitByThe72ByteLimit()
    {
        // 71 ASCII bytes, then a three-byte character that would straddle the limit.
        var password = new string('a', 71) + "€" + "tail";

        BcryptPasswordHasher.Truncate(password).Should().Be(new string('a', 71));
    }

    [Theory]
    [InlineData("not_a_valid_hash")]
    [InlineData("")]
    [InlineData("$2b$12$tooShort")]
    [InlineData("$9z$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234")]
    public void Verify_AgainstAMalformedHash_IsFalseAndNeverThrows(string hash)
    {
        _hasher.Verify("TestPass123", hash).Should().BeFalse();
    }
}
