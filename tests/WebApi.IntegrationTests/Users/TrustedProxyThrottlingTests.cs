using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>
/// Behind a trusted reverse proxy the per-address login limit counts the clients the proxy names in
/// <c>X-Forwarded-For</c>, so one client's failures do not lock out everyone behind the proxy; from
/// anywhere else the header is ignored and cannot be used to dodge the limit.
/// </summary>
public sealed class TrustedProxyThrottlingTests : IAsyncLifetime
{
    private const string Client = "203.0.113.5";
    private const string OtherClient = "203.0.113.6";

    private readonly ProxiedThrottlingApiFactory _factory = new();
    private Account _user = null!;

    public async ValueTask InitializeAsync() => _user = await _factory.NewAccountAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Login_ThroughATrustedProxy_IsThrottledPerForwardedClient()
    {
        await FailAsync(ProxiedThrottlingApiFactory.Proxy, Client);

        using var blocked = await LogInAsync(ProxiedThrottlingApiFactory.Proxy, Client, Accounts.Password);
        using var otherClient = await LogInAsync(ProxiedThrottlingApiFactory.Proxy, OtherClient, Accounts.Password);

        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        otherClient.StatusCode.Should().Be(HttpStatusCode.OK, "another client behind the same proxy is not locked out");
    }

    [Fact]
    public async Task Login_FromAnUntrustedAddress_IgnoresForwardedFor()
    {
        const string untrusted = "198.51.100.7";
        await FailAsync(untrusted, Client);

        using var response = await LogInAsync(untrusted, OtherClient, Accounts.Password);

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a forged X-Forwarded-For from an untrusted peer does not reset the count");
    }

    private async Task FailAsync(string peer, string forwardedFor)
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await LogInAsync(peer, forwardedFor, "WrongPass123");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    private async Task<HttpResponseMessage> LogInAsync(string peer, string forwardedFor, string password)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { email = _user.Email, password });
    }
}
