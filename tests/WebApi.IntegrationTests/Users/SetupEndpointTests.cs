using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>Each test starts its own server: setup is about what a fresh installation does.</summary>
public sealed class SetupEndpointTests
{
    [Fact]
    public async Task Setup_TheFirstTime_Returns200WithTheAdministratorButNoTokenOrCookie()
    {
        await using var factory = new MultiUserApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "Admin@Test.com", display_name = "Admin", password = Accounts.Password });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.FieldNames().Should().Equal("success", "user");
        body.GetProperty("success").GetBoolean().Should().BeTrue();
        body.GetProperty("user").GetProperty("email").GetString().Should().Be("Admin@test.com");
        body.GetProperty("user").GetProperty("is_admin").GetBoolean().Should().BeTrue();
        response.SetCookies().Should().BeEmpty();
        body.TryGetProperty("token", out _).Should().BeFalse();
        (await factory.LogInAsync("admin@test.com", Accounts.Password)).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Setup_WhenAnAdministratorExists_Is400AlreadyConfigured()
    {
        await using var factory = new MultiUserApiFactory();
        await factory.AdministratorAsync();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "other@test.com", password = Accounts.Password });

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Administrator account already configured");
    }

    [Fact]
    public async Task Setup_WhenStrictAndThePasswordIsWeak_Is400WithThePolicyMessage()
    {
        await using var factory = new StrictMultiUserApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "admin@test.com", password = "weak" });

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Password must be at least 8 characters long");
    }

    [Fact]
    public async Task Setup_WhenNotStrictAndThePasswordIsWeak_Succeeds()
    {
        await using var factory = new MultiUserApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "admin@test.com", password = "weak" });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("success").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Setup_InSingleUserMode_Is403()
    {
        await using var factory = new InvokeApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "admin@test.com", password = Accounts.Password });

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden))
            .Should().Be("Multiuser mode is disabled. Admin setup is not required in single-user mode.");
    }

    [Fact]
    public async Task Login_InSingleUserMode_Is403()
    {
        await using var factory = new InvokeApiFactory();

        using var response = await factory.PostLoginAsync("admin@test.com", Accounts.Password);

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden))
            .Should().Be("Multiuser mode is disabled. Authentication is not required in single-user mode.");
    }

    [Fact]
    public async Task Setup_AfterARejectedSelfDemotion_StaysClosed()
    {
        await using var factory = new MultiUserApiFactory();
        var admin = await factory.AdministratorAsync();
        using var demotion = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{admin.UserId}", new { is_admin = false });
        (await demotion.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Cannot remove the last administrator");
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "intruder@test.com", password = Accounts.Password });

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Administrator account already configured");
    }

    [Fact]
    public async Task Setup_WithoutAPassword_Is422()
    {
        await using var factory = new MultiUserApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { email = "admin@test.com" });

        var item = (await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0];
        item.GetProperty("type").GetString().Should().Be("missing");
        item.GetProperty("loc").EnumerateArray().Select(e => e.GetString()).Should().Equal("body", "password");
    }
}
