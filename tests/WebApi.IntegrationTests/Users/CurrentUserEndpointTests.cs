using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary><c>/auth/me</c>, <c>/auth/logout</c> and <c>/auth/generate-password</c>: what any user does with their own account.</summary>
public sealed class CurrentUserEndpointTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    [Fact]
    public async Task Me_WithAToken_ReturnsTheCallersAccount()
    {
        var admin = await factory.AdministratorAsync();
        using var created = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "test.user@test.com", display_name = "Test User", password = Accounts.Password });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var account = await factory.LogInAsync("test.user@test.com", Accounts.Password);

        var me = await (await account.Client.GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        me.GetProperty("email").GetString().Should().Be("test.user@test.com");
        me.GetProperty("display_name").GetString().Should().Be("Test User");
        me.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        me.GetProperty("token_epoch").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Me_WhenRead_NeverRefreshesTheToken()
    {
        var account = await factory.NewAccountAsync();

        using var response = await account.Client.GetAsync("/api/v1/auth/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }

    [Fact]
    public async Task UpdateMe_WithAWrongCurrentPassword_Is400AndRefreshesNothing()
    {
        var account = await factory.NewAccountAsync();

        using var response = await account.Client.PatchAsJsonAsync("/api/v1/auth/me", new { current_password = "WrongPass123", new_password = "NewPass456" });

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Current password is incorrect");
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }

    [Fact]
    public async Task UpdateMe_WithANewPasswordButNoCurrentOne_Is400()
    {
        var account = await factory.NewAccountAsync();

        using var response = await account.Client.PatchAsJsonAsync("/api/v1/auth/me", new { new_password = "NewPass456" });

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Current password is required to set a new password");
    }

    [Fact]
    public async Task UpdateMe_WithRoleOrEmailFields_IgnoresThem()
    {
        var account = await factory.NewAccountAsync();

        using var response = await account.Client.PatchAsJsonAsync("/api/v1/auth/me", new { display_name = "Me", is_admin = true, email = "other@test.com", is_active = false });

        var me = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        me.GetProperty("display_name").GetString().Should().Be("Me");
        me.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        me.GetProperty("email").GetString().Should().Be(account.Email);
        me.GetProperty("is_active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Logout_WithAToken_SucceedsAndDeletesTheCookie()
    {
        var account = await factory.NewAccountAsync();

        using var response = await account.Client.PostAsync("/api/v1/auth/logout", null);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetRawText().Should().Be("""{"success":true}""");
        var cookie = response.ShouldSetOneMediaCookie();
        cookie.Value.Should().Be("\"\"");
        cookie.MaxAge.Should().Be(0);
        cookie.Attribute("Path").Should().Be("/api/v1");
        (await account.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK, "logging out revokes nothing on the server");
    }

    [Fact]
    public async Task GeneratePassword_ForAnyUser_GivesSixteenCharacters()
    {
        var account = await factory.NewAccountAsync();

        var body = await (await account.Client.GetAsync("/api/v1/auth/generate-password")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().Equal("password");
        var password = body.GetProperty("password").GetString()!;
        password.Should().HaveLength(16);
        password.Should().Match(p => p.Any(char.IsAsciiLetterUpper) && p.Any(char.IsAsciiLetterLower) && p.Any(char.IsAsciiDigit));
    }

    [Theory]
    [InlineData("GET", "/api/v1/auth/me")]
    [InlineData("PATCH", "/api/v1/auth/me")]
    [InlineData("POST", "/api/v1/auth/logout")]
    [InlineData("GET", "/api/v1/auth/generate-password")]
    public async Task StrictRoutes_InSingleUserModeWithoutAToken_Are401(string method, string path)
    {
        await using var singleUser = new InvokeApiFactory();
        using var client = singleUser.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Missing authentication credentials");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
    }
}
