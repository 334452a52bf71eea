using System.Net;
using System.Net.Http.Json;
using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>Stored hashes are InvokeAI's bcrypt (<c>$2b$</c>, cost 12), so databases and accounts move between the two servers.</summary>
public sealed class PasswordHashingTests(RealBcryptApiFactory factory) : IClassFixture<RealBcryptApiFactory>
{
    [Fact]
    public async Task CreatedAccounts_StoreSaltedBcryptHashesAtCost12()
    {
        var first = await factory.NewAccountAsync();
        var second = await factory.NewAccountAsync();

        var firstHash = await StoredHashAsync(first.UserId);
        var secondHash = await StoredHashAsync(second.UserId);

        firstHash.Should().StartWith("$2b$12$").And.HaveLength(60);
        secondHash.Should().StartWith("$2b$12$").And.HaveLength(60);
        firstHash.Should().NotBe(secondHash, "the same password gets a different salt each time");
        firstHash.Should().NotContain(Accounts.Password);
    }

    [Theory]
    [InlineData("Kk4DQuMMfZL9o", "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm")]
    [InlineData("9IeRXmnGxMYbs", "$2b$04$pQ7gRO7e6wx/936oXhNjrOUNOHL1D0h1N2IDbJZYs.1ppzSof6SPy")]
    public async Task Login_WithAHashMadeByPythonsBcrypt_Succeeds(string password, string hash)
    {
        // Test vectors of pyca/bcrypt, the library InvokeAI's passlib uses.
        var account = await factory.NewAccountAsync();
        await SetStoredHashAsync(account.UserId, hash);

        using var right = await factory.PostLoginAsync(account.Email, password);
        using var wrong = await factory.PostLoginAsync(account.Email, password.ToUpperInvariant());

        right.StatusCode.Should().Be(HttpStatusCode.OK);
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_IgnoresWhatComesAfterTheFirst72Bytes()
    {
        var admin = await factory.AdministratorAsync();
        var email = $"long-{Guid.NewGuid():N}@test.com";
        (await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email, password = new string('A', 100) })).EnsureSuccessStatusCode();

        using var first72 = await factory.PostLoginAsync(email, new string('A', 72));
        using var first71 = await factory.PostLoginAsync(email, new string('A', 71));

        first72.StatusCode.Should().Be(HttpStatusCode.OK);
        first71.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WithAUnicodePassword_MatchesItExactly()
    {
        var admin = await factory.AdministratorAsync();
        var email = $"unicode-{Guid.NewGuid():N}@test.com";
        (await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email, password = "Test密码123パスワード" })).EnsureSuccessStatusCode();

        using var right = await factory.PostLoginAsync(email, "Test密码123パスワード");
        using var wrong = await factory.PostLoginAsync(email, "Test密码123パスワーF");

        right.StatusCode.Should().Be(HttpStatusCode.OK);
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not_a_valid_hash")]
    [InlineData("")]
    public async Task Login_AgainstAMalformedStoredHash_IsA401NotA500(string hash)
    {
        var account = await factory.NewAccountAsync();
        await SetStoredHashAsync(account.UserId, hash);

        using var response = await factory.PostLoginAsync(account.Email, Accounts.Password);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> StoredHashAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync();
    }

    private async Task SetStoredHashAsync(string userId, string hash)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash));
    }
}
