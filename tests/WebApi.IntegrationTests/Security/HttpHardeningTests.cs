using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Security;

/// <summary>Host validation, response headers and the logout spelling, on a default (loopback, single-user) server.</summary>
public sealed class HttpHardeningTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:9090")]
    [InlineData("[::1]:9090")]
    [InlineData("app.localhost")]
    public async Task Request_WithALoopbackHostName_IsServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/app/version");
        request.Headers.Host = host;

        using var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("localhost.attacker.example")]
    [InlineData("127.0.0.2.nip.io")]
    public async Task Request_WithAnotherHostName_IsRefusedAgainstDnsRebinding(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/app/version");
        request.Headers.Host = host;

        using var response = await factory.CreateClient().SendAsync(request);

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Invalid host header");
    }

    [Fact]
    public async Task ApiResponse_CarriesTheUsualSecurityHeaders_AndNoServerHeader()
    {
        using var response = await factory.CreateClient().GetAsync("/api/v1/app/version");

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("SAMEORIGIN");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("frame-ancestors 'self'");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Contains("Server").Should().BeFalse();
    }

    [Fact]
    public async Task ErrorResponse_IsNotCachedEither()
    {
        using var response = await factory.CreateClient().GetAsync("/api/v1/workflows/i/nope");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }
}

/// <summary>A server configured with <c>Invoke:AllowedHosts</c>.</summary>
public sealed class ConfiguredHostsApiFactory : InvokeApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:AllowedHosts:0"] = "invoke.example.org",
        ["Invoke:AllowedHosts:1"] = "localhost",
    };
}

public sealed class ConfiguredHostsTests(ConfiguredHostsApiFactory factory) : IClassFixture<ConfiguredHostsApiFactory>
{
    [Theory]
    [InlineData("invoke.example.org", HttpStatusCode.OK)]
    [InlineData("INVOKE.example.org:443", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.BadRequest)]
    [InlineData("other.example.org", HttpStatusCode.BadRequest)]
    public async Task Request_IsServedOnlyForTheConfiguredHosts(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/app/version");
        request.Headers.Host = host;

        using var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(expected);
    }
}

public sealed class LogoutSpellingTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    [Theory]
    [InlineData("/API/V1/AUTH/LOGOUT")]
    [InlineData("/api/v1/Auth/Logout/")]
    public async Task Logout_InAnyCase_ReturnsNoRefreshedToken(string path)
    {
        var account = await factory.NewAccountAsync();

        using var response = await account.Client.PostAsync(path, null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }
}
