using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Security;

/// <summary>
/// The exact 401/403 answers of contract §2.1, for a strict route (<c>GET /api/v1/auth/me</c>,
/// InvokeAI's <c>CurrentUser</c>), a strict administrator route (<c>GET /api/v1/auth/users</c>) and
/// an or-default route (<c>GET /api/v1/workflows/</c>, <c>CurrentUserOrDefault</c>).
/// </summary>
public sealed class AuthenticationFailureTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private const string StrictRoute = "/api/v1/auth/me";
    private const string StrictAdminRoute = "/api/v1/auth/users";
    private const string OrDefaultRoute = "/api/v1/workflows/";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token abc")]
    [InlineData("Bearer")]
    public async Task Request_WithoutAUsableAuthorizationHeader_CountsAsMissingCredentials(string? header)
    {
        using var strict = await SendAsync(StrictRoute, header);
        using var strictAdmin = await SendAsync(StrictAdminRoute, header);
        using var orDefault = await SendAsync(OrDefaultRoute, header);

        await ShouldBeChallengedAsync(strict, "Missing authentication credentials");
        await ShouldBeChallengedAsync(strictAdmin, "Missing authentication credentials");
        (await orDefault.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
        orDefault.Headers.WwwAuthenticate.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Bearer invalid_token")]
    [InlineData("Bearer Bearer invalid_token")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.invalid.signature")]
    [InlineData("Bearer not.a.token")]
    public async Task Request_WithAnUnverifiableToken_IsAnInvalidToken(string header)
    {
        using var strict = await SendAsync(StrictRoute, header);
        using var orDefault = await SendAsync(OrDefaultRoute, header);

        await ShouldBeChallengedAsync(strict, "Invalid or expired authentication token");
        (await orDefault.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid or expired token");
        orDefault.Headers.WwwAuthenticate.Should().BeEmpty();
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("deactivated")]
    public async Task Request_ForAnAccountThatIsGoneOrInactive_IsAnUnavailableUser(string state)
    {
        var admin = await factory.AdministratorAsync();
        var account = await factory.NewAccountAsync();
        if (state == "deleted")
        {
            (await admin.Client.DeleteAsync($"/api/v1/auth/users/{account.UserId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        else
        {
            await factory.ChangeAccountAsync(account, new { is_active = false });
        }

        using var strict = await SendAsync(StrictRoute, "Bearer " + account.Token);
        using var orDefault = await SendAsync(OrDefaultRoute, "Bearer " + account.Token);

        await ShouldBeChallengedAsync(strict, "User account is inactive or does not exist");
        (await orDefault.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("User not found or inactive");
    }

    [Fact]
    public async Task AdminRoute_ForARegularUser_Is403AdminPrivilegesRequired()
    {
        var account = await factory.NewAccountAsync();

        using var response = await SendAsync(StrictAdminRoute, "Bearer " + account.Token);

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Admin privileges required");
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task Request_WithTheSchemeInAnyCase_IsAuthenticated(string scheme)
    {
        var account = await factory.NewAccountAsync();

        using var strict = await SendAsync(StrictRoute, $"{scheme} {account.Token}");
        using var orDefault = await SendAsync(OrDefaultRoute, $"{scheme} {account.Token}");

        strict.StatusCode.Should().Be(HttpStatusCode.OK);
        orDefault.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_WithTheMediaCookieOnly_IsNotAuthenticatedOnWorkflowRoutes()
    {
        var account = await factory.NewAccountAsync();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, OrDefaultRoute);
        request.Headers.Add("Cookie", $"{Cookies.MediaCookie}={account.Token}");

        using var response = await client.SendAsync(request);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Fact]
    public async Task Authentication_IsCheckedBeforeTheBody()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "not-an-email" });

        await ShouldBeChallengedAsync(response, "Missing authentication credentials");
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? authorization)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    private static async Task ShouldBeChallengedAsync(HttpResponseMessage response, string detail)
    {
        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be(detail);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.ToString().Should().Be("Bearer");
    }
}
