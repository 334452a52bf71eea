using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>Multi-user mode behind a trusted reverse proxy at <see cref="Proxy"/>.</summary>
public sealed class TrustedProxyApiFactory : MultiUserApiFactory
{
    public const string Proxy = "10.0.0.1";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:MultiUser"] = "true",
        ["Invoke:TrustedProxies:0"] = Proxy,
    };
}

/// <summary>
/// Behind a trusted reverse proxy that serves the app under <c>/invoke</c> and strips the prefix,
/// announcing it in <c>X-Forwarded-Prefix</c>; the header from anyone else is ignored.
/// </summary>
public sealed class ProxyPrefixTests(TrustedProxyApiFactory factory) : IClassFixture<TrustedProxyApiFactory>
{
    private const string Prefix = "/invoke";

    [Fact]
    public async Task Login_WithAPrefixFromAnUntrustedClient_IgnoresIt()
    {
        var account = await factory.NewAccountAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Prefix", Prefix);
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "192.0.2.50");

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = Accounts.Password });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.ShouldSetOneMediaCookie().Attribute("Path").Should().Be("/api/v1");
    }

    [Theory]
    [InlineData("/préfixe")]
    [InlineData("invoke")]
    [InlineData("/a;b")]
    [InlineData("//evil.example")]
    [InlineData("/a b")]
    public async Task Login_WithAPrefixThatIsNotAPlainPath_IgnoresItWithoutFailing(string prefix)
    {
        var account = await factory.NewAccountAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, TrustedProxyApiFactory.Proxy);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-Prefix", System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(prefix)));

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = Accounts.Password });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.ShouldSetOneMediaCookie().Attribute("Path").Should().Be("/api/v1");
    }

    [Fact]
    public async Task Login_BehindAPrefix_ScopesTheCookieToThePublicPath()
    {
        var account = await factory.NewAccountAsync();
        using var client = ProxiedClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = Accounts.Password });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.ShouldSetOneMediaCookie().Attribute("Path").Should().Be("/invoke/api/v1");
    }

    [Fact]
    public async Task MediaCookie_BehindAPrefix_ScopesTheCookieToThePublicPath()
    {
        var account = await factory.NewAccountAsync();
        using var client = ProxiedClient(account.Token);

        using var response = await client.PostAsync("/api/v1/auth/media-cookie", null);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.ShouldSetOneMediaCookie().Attribute("Path").Should().Be("/invoke/api/v1");
    }

    [Fact]
    public async Task Logout_BehindAPrefix_DeletesTheCookieThereOnceWithoutReminting()
    {
        var account = await factory.NewAccountAsync();
        using var client = ProxiedClient(account.Token);

        using var response = await client.PostAsync("/api/v1/auth/logout", null);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetRawText().Should().Be("""{"success":true}""");
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
        var cookie = response.ShouldSetOneMediaCookie();
        cookie.Header.Should().StartWith("invokeai_media_token=\"\"");
        cookie.Attribute("Path").Should().Be("/invoke/api/v1");
        cookie.MaxAge.Should().Be(0);
    }

    private HttpClient ProxiedClient(string? token = null)
    {
        var client = token is null ? factory.CreateClient() : factory.ClientWithToken(token);
        client.DefaultRequestHeaders.Add("X-Forwarded-Prefix", Prefix);
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, TrustedProxyApiFactory.Proxy);
        return client;
    }
}
