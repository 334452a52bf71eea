using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

public sealed class MediaCookieEndpointTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    [Fact]
    public async Task MediaCookie_WithABearerToken_SetsTheTokenAsCookieForItsRemainingLifetime()
    {
        var account = await factory.NewAccountAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await account.Client.PostAsync("/api/v1/auth/media-cookie", null);

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetRawText().Should().Be("""{"success":true}""");
        var cookie = response.ShouldSetOneMediaCookie();
        cookie.Value.Should().Be(account.Token);
        cookie.HasFlag("HttpOnly").Should().BeTrue();
        cookie.Attribute("Path").Should().Be("/api/v1");
        cookie.MaxAge.Should().BeInRange(1, 86400 - 600);
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }

    [Fact]
    public async Task MediaCookie_WithoutAToken_Is401AuthenticationRequired()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/media-cookie", null);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
        response.Headers.WwwAuthenticate.Should().BeEmpty();
        response.SetCookies().Should().BeEmpty();
    }

    [Fact]
    public async Task MediaCookie_WithOnlyTheCookie_Is401()
    {
        var account = await factory.NewAccountAsync();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/media-cookie");
        request.Headers.Add("Cookie", $"{Cookies.MediaCookie}={account.Token}");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MediaCookie_WithAnInvalidToken_Is401AndSetsNoCookie()
    {
        using var client = factory.ClientWithToken("not-a-jwt");

        using var response = await client.PostAsync("/api/v1/auth/media-cookie", null);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid or expired token");
        response.SetCookies().Should().BeEmpty();
    }

    [Fact]
    public async Task MediaCookie_ForADeactivatedUser_Is401AndSetsNoCookie()
    {
        var account = await factory.NewAccountAsync();
        await factory.ChangeAccountAsync(account, new { is_active = false });

        using var response = await account.Client.PostAsync("/api/v1/auth/media-cookie", null);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("User not found or inactive");
        response.SetCookies().Should().BeEmpty();
    }

    [Fact]
    public async Task MediaCookie_InSingleUserMode_IsASuccessfulNoOp()
    {
        await using var singleUser = new InvokeApiFactory();
        using var client = singleUser.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/media-cookie", null);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("success").GetBoolean().Should().BeTrue();
        response.SetCookies().Should().BeEmpty();
    }
}
