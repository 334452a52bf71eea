using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>Behind a reverse proxy that serves the app under <c>/invoke</c> and strips the prefix, announcing it in <c>X-Forwarded-Prefix</c>.</summary>
public sealed class ProxyPrefixTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private const string Prefix = "/invoke";

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
        return client;
    }
}
