using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>Repeated failed logins per account and per client address get 429 (contract A.2 #8); each test has a server with low limits.</summary>
public sealed class LoginThrottlingTests : IAsyncLifetime
{
    private const string Address = "192.0.2.10";
    private const string OtherAddress = "192.0.2.20";

    private readonly ThrottlingApiFactory _factory = new();
    private Account _user = null!;
    private Account _other = null!;

    public async ValueTask InitializeAsync()
    {
        _user = await _factory.NewAccountAsync();
        _other = await _factory.NewAccountAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Login_AfterTooManyFailuresForAnAccountFromAnAddress_Is429WithRetryAfterEvenWithTheRightPassword()
    {
        await FailAsync(_user.Email, ThrottlingApiFactory.FailuresPerAccount, Address);

        using var response = await LogInAsync(_user.Email, Accounts.Password, Address);

        (await response.ShouldFailWithAsync(HttpStatusCode.TooManyRequests)).Should().Be("Too many failed login attempts. Try again later.");
        response.Headers.RetryAfter!.Delta.Should().Be(ThrottlingApiFactory.Window);
        using var otherAccount = await LogInAsync(_other.Email, Accounts.Password, Address);
        otherAccount.StatusCode.Should().Be(HttpStatusCode.OK, "another account's login from the same address is not affected");
    }

    [Fact]
    public async Task Login_AfterSomeoneElseExhaustedTheirGuesses_StillLetsTheOwnerInFromTheirAddress()
    {
        await FailAsync(_user.Email, ThrottlingApiFactory.FailuresPerAccount, Address);

        using var owner = await LogInAsync(_user.Email, Accounts.Password, OtherAddress);

        owner.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_AfterTheAccountWideLimitFromManyAddresses_Is429FromAnywhere()
    {
        for (var i = 0; i < ThrottlingApiFactory.FailuresPerAccountFromAnywhere; i++)
        {
            await FailAsync(_user.Email, 1, $"198.51.100.{i + 1}");
        }

        using var response = await LogInAsync(_user.Email, Accounts.Password, OtherAddress);

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_AfterTooManyFailuresFromAnAddress_Is429ForEveryAccountFromThere()
    {
        for (var i = 0; i < ThrottlingApiFactory.FailuresPerAddress; i++)
        {
            await FailAsync($"nobody{i}@test.com", 1, Address);
        }

        using var fromThere = await LogInAsync(_user.Email, Accounts.Password, Address);
        using var fromElsewhere = await LogInAsync(_user.Email, Accounts.Password, OtherAddress);

        fromThere.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        fromThere.Headers.RetryAfter.Should().NotBeNull();
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_AfterTheWindowHasPassed_IsAllowedAgain()
    {
        await FailAsync(_user.Email, ThrottlingApiFactory.FailuresPerAccount, Address);
        _factory.Clock.Advance(ThrottlingApiFactory.Window - TimeSpan.FromSeconds(10));
        using var stillBlocked = await LogInAsync(_user.Email, Accounts.Password, Address);
        stillBlocked.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(10));

        _factory.Clock.Advance(TimeSpan.FromSeconds(10));
        using var response = await LogInAsync(_user.Email, Accounts.Password, Address);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_FailuresBelowTheLimit_DoNotBlock()
    {
        await FailAsync(_user.Email, ThrottlingApiFactory.FailuresPerAccount - 1, Address);

        using var response = await LogInAsync(_user.Email, Accounts.Password, Address);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task FailAsync(string email, int times, string address)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await LogInAsync(email, "WrongPass123", address);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    private async Task<HttpResponseMessage> LogInAsync(string email, string password, string address)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
    }
}
