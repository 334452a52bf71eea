using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Security;

/// <summary>Tokens made or altered outside the server: only a correctly signed, unexpired token for a real account is honoured.</summary>
public sealed class ForgedTokenTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    [Fact]
    public async Task Token_WithThePayloadReencodedToClaimAdmin_Is401()
    {
        var account = await factory.NewAccountAsync();
        var payload = Jwt.Payload(account.Token);
        payload["is_admin"] = true;
        var forged = Jwt.WithPayload(account.Token, payload);

        await ShouldBeRefusedAsync(forged, "Invalid or expired authentication token");
    }

    [Fact]
    public async Task Token_WithAChangedSignature_Is401()
    {
        var account = await factory.NewAccountAsync();
        var parts = account.Token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';

        await ShouldBeRefusedAsync($"{parts[0]}.{parts[1]}.{new string(signature)}", "Invalid or expired authentication token");
    }

    [Fact]
    public async Task Token_WithAlgorithmNone_Is401()
    {
        var account = await factory.NewAccountAsync();
        var header = Jwt.Encode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        var payload = Jwt.Payload(account.Token);
        payload["is_admin"] = true;
        var unsigned = header + "." + Jwt.WithPayload(account.Token, payload).Split('.')[1] + ".";

        await ShouldBeRefusedAsync(unsigned, "Invalid or expired authentication token");
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_Is401()
    {
        var account = await factory.NewAccountAsync();
        var token = Jwt.Sign(Jwt.Payload(account.Token), new string('0', 64));

        await ShouldBeRefusedAsync(token, "Invalid or expired authentication token");
    }

    [Fact]
    public async Task Token_SignedWithTheServersSecretAsHexText_IsHonouredLikeInvokeAis()
    {
        var account = await factory.NewAccountAsync();
        var secret = await factory.SecretAsync();
        var token = Jwt.Sign(Jwt.Claims(account.UserId, account.Email, false, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1)), secret);

        using var client = factory.ClientWithToken(token);
        var me = await (await client.GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        secret.Should().MatchRegex("^[0-9a-f]{64}$");
        me.GetProperty("user_id").GetString().Should().Be(account.UserId);
    }

    [Fact]
    public async Task Token_WithoutATokenEpochClaim_StillWorks()
    {
        var account = await factory.NewAccountAsync();
        var claims = Jwt.Claims(account.UserId, account.Email, false, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1), tokenEpoch: null);
        var token = Jwt.Sign(claims, await factory.SecretAsync());

        using var client = factory.ClientWithToken(token);

        (await client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Token_NamingTheSystemAccount_Is401EverywhereAndNeverRefreshed(bool isAdmin)
    {
        await factory.AdministratorAsync();
        var claims = Jwt.Claims("system", "system@system.invokeai", isAdmin, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1));
        var token = Jwt.Sign(claims, await factory.SecretAsync());
        using var client = factory.ClientWithToken(token);

        using var me = await client.GetAsync("/api/v1/auth/me");
        using var createUser = await client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "planted@test.com", password = Accounts.Password, is_admin = true });
        using var createWorkflow = await client.PostAsJsonAsync("/api/v1/workflows/", WorkflowBodies.Wrap(WorkflowBodies.Document()));

        (await me.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("User account is inactive or does not exist");
        (await createUser.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("User account is inactive or does not exist");
        (await createWorkflow.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("User not found or inactive");
        createWorkflow.Headers.Contains("X-Refreshed-Token").Should().BeFalse();
    }

    [Fact]
    public async Task Token_WithAWrongClaimType_Is401()
    {
        var account = await factory.NewAccountAsync();
        var claims = Jwt.Claims(account.UserId, account.Email, false, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1));
        claims["is_admin"] = "false";

        await ShouldBeRefusedAsync(Jwt.Sign(claims, await factory.SecretAsync()), "Invalid or expired authentication token");
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("null")]
    [InlineData("[0]")]
    public async Task Token_WithANonIntegerTokenEpoch_Is401(string epoch)
    {
        var account = await factory.NewAccountAsync();
        var claims = Jwt.Claims(account.UserId, account.Email, false, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1));
        claims["token_epoch"] = System.Text.Json.Nodes.JsonNode.Parse(epoch);

        await ShouldBeRefusedAsync(Jwt.Sign(claims, await factory.SecretAsync()), "Invalid or expired authentication token");
    }

    [Fact]
    public async Task Token_WithItsExpiryAsAString_Is401()
    {
        var account = await factory.NewAccountAsync();
        var claims = Jwt.Claims(account.UserId, account.Email, false, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1));
        claims["exp"] = claims["exp"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        await ShouldBeRefusedAsync(Jwt.Sign(claims, await factory.SecretAsync()), "Invalid or expired authentication token");
    }

    [Fact]
    public async Task Token_WithAnUnknownCriticalHeader_Is401()
    {
        var account = await factory.NewAccountAsync();
        var claims = Jwt.Claims(account.UserId, account.Email, false, factory.Clock.GetUtcNow(), TimeSpan.FromHours(1));

        var token = Jwt.Sign(claims, await factory.SecretAsync(), """{"alg":"HS256","typ":"JWT","crit":["x-unknown"],"x-unknown":1}""");

        await ShouldBeRefusedAsync(token, "Invalid or expired authentication token");
    }

    private async Task ShouldBeRefusedAsync(string token, string detail)
    {
        using var client = factory.ClientWithToken(token);
        using var response = await client.GetAsync("/api/v1/auth/me");
        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be(detail);
    }
}

/// <summary>Token lifetimes, on a server of their own because the tests move its clock a day ahead.</summary>
public sealed class ExpiredTokenTests
{
    [Fact]
    public async Task Token_AfterItsExpiry_Is401()
    {
        await using var factory = new MultiUserApiFactory();
        var account = await factory.NewAccountAsync();
        var expiry = DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(account.Token)["exp"]!.GetValue<long>());

        factory.Clock.Advance(expiry - factory.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        (await account.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await account.Client.GetAsync("/api/v1/auth/me");

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid or expired authentication token");
    }

    [Fact]
    public async Task RememberMeToken_OutlivesADayButNotAWeek()
    {
        await using var factory = new MultiUserApiFactory();
        var admin = await factory.AdministratorAsync();
        var remembered = await factory.LogInAsync(admin.Email, Accounts.Password, rememberMe: true);

        factory.Clock.Advance(TimeSpan.FromDays(2));
        (await remembered.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        factory.Clock.Advance(TimeSpan.FromDays(5));

        (await remembered.Client.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
