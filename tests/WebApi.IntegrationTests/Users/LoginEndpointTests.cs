using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

public sealed class LoginEndpointTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private static readonly string[] UserDtoFields =
        ["user_id", "email", "display_name", "is_admin", "is_active", "created_at", "updated_at", "last_login_at", "token_epoch"];

    [Fact]
    public async Task Login_WithTheRightPassword_ReturnsTokenUserAndAMatchingMediaCookie()
    {
        var account = await factory.NewAccountAsync();

        using var response = await factory.PostLoginAsync(account.Email, Accounts.Password);

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.FieldNames().Should().Equal("token", "user", "expires_in");
        body.GetProperty("expires_in").GetInt32().Should().Be(86400);
        var user = body.GetProperty("user");
        user.FieldNames().Should().Equal(UserDtoFields);
        user.GetProperty("email").GetString().Should().Be(account.Email);
        user.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        user.GetProperty("last_login_at").GetString().Should().EndWith("Z");
        var cookie = response.ShouldSetOneMediaCookie();
        cookie.Value.Should().Be(body.GetProperty("token").GetString());
        cookie.HasFlag("HttpOnly").Should().BeTrue();
        cookie.HasFlag("Secure").Should().BeFalse("the request was plain http");
        cookie.Attribute("Path").Should().Be("/api/v1");
        cookie.Attribute("SameSite").Should().BeEquivalentTo("lax");
        cookie.MaxAge.Should().Be(86400);
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }

    [Fact]
    public async Task Login_OverHttps_MarksTheCookieSecure()
    {
        var account = await factory.NewAccountAsync();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = Accounts.Password });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.ShouldSetOneMediaCookie().HasFlag("Secure").Should().BeTrue();
    }

    [Fact]
    public async Task Login_WithRememberMe_LastsAWeek()
    {
        var account = await factory.NewAccountAsync();

        using var response = await factory.PostLoginAsync(account.Email, Accounts.Password, rememberMe: true);

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("expires_in").GetInt32().Should().Be(604800);
        response.ShouldSetOneMediaCookie().MaxAge.Should().Be(604800);
        Jwt.Payload(body.GetProperty("token").GetString()!)["remember_me"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Login_WithTheAddressInAnotherUnicodeForm_FindsTheSameAccount()
    {
        var admin = await factory.AdministratorAsync();
        var composed = $"ren\u00e9-{Guid.NewGuid():N}@test.com";
        (await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = composed, password = Accounts.Password })).EnsureSuccessStatusCode();

        using var response = await factory.PostLoginAsync(composed.Replace("\u00e9", "e\u0301", StringComparison.Ordinal), Accounts.Password);

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("user").GetProperty("email").GetString().Should().Be(composed);
    }

    [Fact]
    public async Task Login_AsAnAdministrator_SaysSoInTheUserAndTheToken()
    {
        var admin = await factory.AdministratorAsync();

        using var response = await factory.PostLoginAsync(admin.Email, Accounts.Password);

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("user").GetProperty("is_admin").GetBoolean().Should().BeTrue();
        var token = body.GetProperty("token").GetString()!;
        Jwt.Header(token)["alg"]!.GetValue<string>().Should().Be("HS256");
        Jwt.Payload(token).Select(p => p.Key).Should().Equal("user_id", "email", "is_admin", "remember_me", "token_epoch", "exp");
        Jwt.Payload(token)["is_admin"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData("unknown-user")]
    [InlineData("system-account")]
    public async Task Login_WithWrongCredentialsOrAsTheSystemAccount_Is401WithABearerChallenge(string attempt)
    {
        var account = await factory.NewAccountAsync();
        var (email, password) = attempt switch
        {
            "wrong-password" => (account.Email, "WrongPass123"),
            "unknown-user" => ("nobody@test.com", Accounts.Password),
            _ => ("system@system.invokeai", ""),
        };

        using var response = await factory.PostLoginAsync(email, password);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Incorrect email or password");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        response.SetCookies().Should().BeEmpty();
    }

    [Fact]
    public async Task Login_WhenTheAccountIsDisabled_Is403()
    {
        var account = await factory.NewAccountAsync();
        await factory.ChangeAccountAsync(account, new { is_active = false });

        using var response = await factory.PostLoginAsync(account.Email, Accounts.Password);

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("User account is disabled");
        response.SetCookies().Should().BeEmpty();
    }

    [Theory]
    [InlineData("admin@test.com' OR '1'='1")]
    [InlineData("admin@test.com'--")]
    [InlineData("' OR 1=1--")]
    [InlineData("admin' OR '1'='1'--@test.com")]
    [InlineData("admin@test.com; DROP TABLE users;--")]
    public async Task Login_WithSqlInjectionAsTheEmail_Is401Or422(string email)
    {
        await factory.AdministratorAsync();

        using var response = await factory.PostLoginAsync(email, Accounts.Password);

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("'; DROP TABLE users;--")]
    [InlineData("\" OR 1=1 --")]
    public async Task Login_WithSqlInjectionAsThePassword_Is401(string password)
    {
        var admin = await factory.AdministratorAsync();

        using var response = await factory.PostLoginAsync(admin.Email, password);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var stillThere = await factory.PostLoginAsync(admin.Email, Accounts.Password);
        stillThere.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("not_an_email", "Email address must contain an @ symbol")]
    [InlineData("../../../etc/passwd", "Email address must contain an @ symbol")]
    [InlineData("@example.com", "Email address must have both local and domain parts")]
    [InlineData("user@", "Email address must have both local and domain parts")]
    [InlineData("user@intranet", "Email domain must contain a dot or be 'localhost'")]
    public async Task Login_WithAMalformedEmail_Is422AtBodyEmailWithTheBareMessage(string email, string message)
    {
        using var response = await factory.PostLoginAsync(email, Accounts.Password);

        var item = (await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0];
        item.GetProperty("type").GetString().Should().Be("value_error");
        item.GetProperty("loc").EnumerateArray().Select(e => e.GetString()).Should().Equal("body", "email");
        item.GetProperty("msg").GetString().Should().Be(message);
    }

    [Theory]
    [InlineData("user @example.com")]
    [InlineData("../../../etc/passwd@example.com")]
    public async Task Login_WithAnAddressTheValidatorRefuses_Is422WithTheValidatorsReason(string email)
    {
        using var response = await factory.PostLoginAsync(email, Accounts.Password);

        var item = (await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0];
        item.GetProperty("msg").GetString().Should().StartWith("Invalid email address: ");
    }

    [Fact]
    public async Task Login_WithAStaleBearerToken_SucceedsButIssuesNoRefreshedToken()
    {
        var account = await factory.NewAccountAsync();
        (await account.Client.PatchAsJsonAsync("/api/v1/auth/me", new { current_password = Accounts.Password, new_password = "NewPass456" }))
            .EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = account.Email, password = "NewPass456" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(request);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }
}
