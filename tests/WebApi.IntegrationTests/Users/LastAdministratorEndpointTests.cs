using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary>The last-administrator invariant and the system account's protection over HTTP; each test has a server with exactly one administrator.</summary>
public sealed class LastAdministratorEndpointTests : IAsyncLifetime
{
    private const string SystemMessage = "The system user cannot be deleted, deactivated, promoted to administrator, or given a password";
    private const string LastAdminMessage = "Cannot remove the last administrator";

    private readonly MultiUserApiFactory _factory = new();
    private Account _admin = null!;

    public async ValueTask InitializeAsync() => _admin = await _factory.AdministratorAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("{\"is_admin\": false}")]
    [InlineData("{\"is_active\": false}")]
    public async Task Patch_RemovingTheLastAdministrator_Is400AndLeavesOneAdministrator(string body)
    {
        using var response = await PatchAsync(_admin.UserId, body);

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(LastAdminMessage);
        (await ActiveAdministratorsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Delete_TheLastAdministrator_Is400()
    {
        using var response = await _admin.Client.DeleteAsync($"/api/v1/auth/users/{_admin.UserId}");

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(LastAdminMessage);
        (await ActiveAdministratorsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Patch_RenamingTheLastAdministrator_Succeeds()
    {
        using var response = await PatchAsync(_admin.UserId, "{\"display_name\": \"Renamed\"}");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("display_name").GetString().Should().Be("Renamed");
    }

    [Fact]
    public async Task Patch_DemotingAnAdministratorWhenAnotherExists_Succeeds()
    {
        var second = await _factory.NewAccountAsync(isAdmin: true);

        using var response = await PatchAsync(second.UserId, "{\"is_admin\": false}");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("is_admin").GetBoolean().Should().BeFalse();
        (await ActiveAdministratorsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Patch_PromotingTheSystemAccount_Is400AndCannotLaunderAwayTheLastAdministrator()
    {
        using var promote = await PatchAsync("system", "{\"is_admin\": true}");
        using var demote = await PatchAsync(_admin.UserId, "{\"is_admin\": false}");

        (await promote.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(SystemMessage);
        (await demote.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(LastAdminMessage);
    }

    [Fact]
    public async Task Patch_GivingTheSystemAccountAPassword_Is400AndItStillCannotLogIn()
    {
        using var response = await PatchAsync("system", "{\"password\": \"SystemPass123\"}");

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(SystemMessage);
        (await _factory.PostLoginAsync("system@system.invokeai", "SystemPass123")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteAndDeactivate_TheSystemAccount_Are400AndTheRowSurvivesActive()
    {
        using var delete = await _admin.Client.DeleteAsync("/api/v1/auth/users/system");
        using var deactivate = await PatchAsync("system", "{\"is_active\": false}");

        (await delete.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(SystemMessage);
        (await deactivate.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(SystemMessage);
        var system = await (await _admin.Client.GetAsync("/api/v1/auth/users/system")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        system.GetProperty("is_active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Patch_RenamingTheSystemAccount_Succeeds()
    {
        using var response = await PatchAsync("system", "{\"display_name\": \"Legacy\"}");

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("display_name").GetString().Should().Be("Legacy");
    }

    [Fact]
    public async Task Delete_AnOrdinaryUser_Still204()
    {
        var user = await _factory.NewAccountAsync();

        using var response = await _admin.Client.DeleteAsync($"/api/v1/auth/users/{user.UserId}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    private Task<HttpResponseMessage> PatchAsync(string userId, string json) =>
        _admin.Client.PatchAsync($"/api/v1/auth/users/{userId}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    private async Task<int> ActiveAdministratorsAsync()
    {
        var users = await (await _admin.Client.GetAsync("/api/v1/auth/users")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return users.EnumerateArray().Count(u => u.GetProperty("is_admin").GetBoolean() && u.GetProperty("is_active").GetBoolean());
    }
}
