using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

public sealed class StatusEndpointTests
{
    [Fact]
    public async Task Status_BeforeSetup_RequiresSetup()
    {
        await using var factory = new MultiUserApiFactory();
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().Equal("setup_required", "multiuser_enabled", "strict_password_checking", "admin_email");
        body.GetProperty("setup_required").GetBoolean().Should().BeTrue();
        body.GetProperty("multiuser_enabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Status_AfterSetup_HidesTheAdministratorFromAnonymousCallersAndNamesThemToUsers()
    {
        await using var factory = new MultiUserApiFactory();
        var admin = await factory.AdministratorAsync();
        var user = await factory.NewAccountAsync();
        using var anonymous = factory.CreateClient();

        var forAnonymous = await (await anonymous.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var forUser = await (await user.Client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        forAnonymous.GetProperty("setup_required").GetBoolean().Should().BeFalse();
        forAnonymous.GetProperty("admin_email").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        forUser.GetProperty("admin_email").GetString().Should().Be(admin.Email);
    }

    [Fact]
    public async Task Status_WithAnInvalidToken_TreatsTheCallerAsAnonymous()
    {
        await using var factory = new MultiUserApiFactory();
        await factory.AdministratorAsync();
        using var client = factory.ClientWithToken("not-a-jwt");

        var body = await (await client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("admin_email").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Status_InSingleUserMode_HasNoSetupAndNoAdministratorEmail()
    {
        await using var factory = new InvokeApiFactory();
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("multiuser_enabled").GetBoolean().Should().BeFalse();
        body.GetProperty("setup_required").GetBoolean().Should().BeFalse();
        body.GetProperty("admin_email").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Status_WithStrictPasswordChecking_TellsTheUi()
    {
        await using var factory = new StrictMultiUserApiFactory();
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("strict_password_checking").GetBoolean().Should().BeTrue();
    }
}
