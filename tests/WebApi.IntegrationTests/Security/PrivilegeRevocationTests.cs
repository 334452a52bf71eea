using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Security;

/// <summary>
/// Authorization is read from the database on every request, password changes revoke older
/// tokens, and the sliding window (<c>X-Refreshed-Token</c>) re-mints from the current row.
/// </summary>
public sealed class PrivilegeRevocationTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private const string Refreshed = "X-Refreshed-Token";

    [Fact]
    public async Task DemotedAdministrator_WithTheOldToken_Gets403AndNoRefreshOrCookie()
    {
        var demoted = await factory.NewAccountAsync(isAdmin: true);
        await factory.ChangeAccountAsync(demoted, new { is_admin = false });

        using var response = await demoted.Client.PostAsJsonAsync("/api/v1/auth/users/", NewUserBody());

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Admin privileges required");
        response.Headers.Contains(Refreshed).Should().BeFalse();
        response.SetCookies().Should().BeEmpty();
    }

    [Fact]
    public async Task PromotedUser_WithTheOldToken_GainsAdministration()
    {
        var user = await factory.NewAccountAsync();
        (await user.Client.GetAsync("/api/v1/auth/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await factory.ChangeAccountAsync(user, new { is_admin = true });

        (await user.Client.GetAsync("/api/v1/auth/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdministratorMutation_IsRefreshedWithTheAdminClaimAndTheRefreshedTokenWorks()
    {
        var admin = await factory.NewAccountAsync(isAdmin: true);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", NewUserBody());

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var refreshed = response.Headers.GetValues(Refreshed).Single();
        refreshed.Should().NotBe(admin.Token);
        var claims = Jwt.Payload(refreshed);
        claims["is_admin"]!.GetValue<bool>().Should().BeTrue();
        claims["user_id"]!.GetValue<string>().Should().Be(admin.UserId);
        claims["remember_me"]!.GetValue<bool>().Should().BeFalse();
        claims["exp"]!.GetValue<long>().Should().Be(factory.Clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        using var client = factory.ClientWithToken(refreshed);
        (await client.GetAsync("/api/v1/auth/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DemotedAdministrator_AllowedMutation_IsRefreshedWithTheDemotedClaim()
    {
        var demoted = await factory.NewAccountAsync(isAdmin: true);
        await factory.ChangeAccountAsync(demoted, new { is_admin = false });

        using var response = await demoted.Client.PatchAsJsonAsync("/api/v1/auth/me", new { display_name = "Demoted" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Jwt.Payload(response.Headers.GetValues(Refreshed).Single())["is_admin"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task RememberMeSession_IsRefreshedForAnotherWeek()
    {
        var account = await factory.NewAccountAsync();
        var remembered = await factory.LogInAsync(account.Email, Accounts.Password, rememberMe: true);

        using var response = await remembered.Client.PatchAsJsonAsync("/api/v1/auth/me", new { display_name = "Remembered" });

        var claims = Jwt.Payload(response.Headers.GetValues(Refreshed).Single());
        claims["remember_me"]!.GetValue<bool>().Should().BeTrue();
        claims["exp"]!.GetValue<long>().Should().Be(factory.Clock.GetUtcNow().AddDays(7).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Deletion_IsRefreshedLikeAnyOtherMutation()
    {
        var admin = await factory.NewAccountAsync(isAdmin: true);
        var user = await factory.NewAccountAsync();

        using var response = await admin.Client.DeleteAsync($"/api/v1/auth/users/{user.UserId}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Jwt.Payload(response.Headers.GetValues(Refreshed).Single())["user_id"]!.GetValue<string>().Should().Be(admin.UserId);
    }

    [Fact]
    public async Task Mutation_WithALowerCaseScheme_IsAuthenticatedButNotRefreshed()
    {
        var account = await factory.NewAccountAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + account.Token);

        using var response = await client.PatchAsJsonAsync("/api/v1/auth/me", new { display_name = "Lower" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains(Refreshed).Should().BeFalse("InvokeAI refreshes only a header starting exactly with \"Bearer \"");
    }

    [Fact]
    public async Task Reads_AreNeverRefreshed()
    {
        var account = await factory.NewAccountAsync();

        using var me = await account.Client.GetAsync("/api/v1/auth/me");
        using var workflows = await account.Client.GetAsync("/api/v1/workflows/");

        me.Headers.Contains(Refreshed).Should().BeFalse();
        workflows.Headers.Contains(Refreshed).Should().BeFalse();
    }

    [Fact]
    public async Task DeactivatedOrDeletedUser_WithTheOldToken_Gets401()
    {
        var admin = await factory.AdministratorAsync();
        var deactivated = await factory.NewAccountAsync();
        var deleted = await factory.NewAccountAsync();
        await factory.ChangeAccountAsync(deactivated, new { is_active = false });
        (await admin.Client.DeleteAsync($"/api/v1/auth/users/{deleted.UserId}")).EnsureSuccessStatusCode();

        (await deactivated.Client.GetAsync("/api/v1/workflows/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await deleted.Client.GetAsync("/api/v1/workflows/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await deactivated.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_RevokesOtherSessionsAndHandsTheCallerAWorkingReplacement()
    {
        var session = await factory.NewAccountAsync();
        var otherSession = await factory.LogInAsync(session.Email, Accounts.Password);

        using var response = await session.Client.PatchAsJsonAsync("/api/v1/auth/me", new { current_password = Accounts.Password, new_password = "NewPass456" });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("token_epoch").GetInt32().Should().Be(1);
        var replacement = response.Headers.GetValues(Refreshed).Single();
        response.ShouldSetOneMediaCookie().Value.Should().Be(replacement);
        Jwt.Payload(replacement)["token_epoch"]!.GetValue<int>().Should().Be(1);
        (await otherSession.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await session.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var client = factory.ClientWithToken(replacement);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await otherSession.Client.GetAsync("/api/v1/workflows/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ProfileRename_RevokesNothing()
    {
        var session = await factory.NewAccountAsync();
        var otherSession = await factory.LogInAsync(session.Email, Accounts.Password);

        (await session.Client.PatchAsJsonAsync("/api/v1/auth/me", new { display_name = "Renamed" })).EnsureSuccessStatusCode();

        (await otherSession.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdministratorResettingAnotherUsersPassword_RevokesThatUsersTokens()
    {
        var admin = await factory.NewAccountAsync(isAdmin: true);
        var user = await factory.NewAccountAsync();

        using var response = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{user.UserId}", new { password = "ResetPass789" });

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("token_epoch").GetInt32().Should().Be(1);
        response.SetCookies().Should().BeEmpty("the administrator's own session is not replaced");
        Jwt.Payload(response.Headers.GetValues(Refreshed).Single())["user_id"]!.GetValue<string>().Should().Be(admin.UserId);
        (await user.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.LogInAsync(user.Email, "ResetPass789")).Token.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AdministratorResettingTheirOwnPassword_GetsAWorkingReplacement()
    {
        var admin = await factory.NewAccountAsync(isAdmin: true);

        using var response = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{admin.UserId}", new { password = "OwnPass789" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var replacement = response.Headers.GetValues(Refreshed).Single();
        response.ShouldSetOneMediaCookie().Value.Should().Be(replacement);
        (await admin.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var client = factory.ClientWithToken(replacement);
        (await client.GetAsync("/api/v1/auth/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static object NewUserBody() => new { email = $"new-{Guid.NewGuid():N}@test.com", password = Accounts.Password };
}
