using System.Net;
using System.Net.Http.Json;
using Invoke.Domain.Users;
using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.WebApi.IntegrationTests.Users;

/// <summary><c>/api/v1/auth/users…</c> for administrators (contract §3.1).</summary>
public sealed class UserManagementEndpointTests(MultiUserApiFactory factory) : IClassFixture<MultiUserApiFactory>
{
    private static readonly string[] UserDtoFields =
        ["user_id", "email", "display_name", "is_admin", "is_active", "created_at", "updated_at", "last_login_at", "token_epoch"];

    [Fact]
    public async Task Create_Returns201WithTheNewAccount()
    {
        var admin = await factory.AdministratorAsync();

        using var response = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "Created.User@Test.com", display_name = "Created", password = Accounts.Password });

        var user = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        user.FieldNames().Should().Equal(UserDtoFields);
        user.GetProperty("email").GetString().Should().Be("Created.User@test.com");
        user.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        user.GetProperty("is_active").GetBoolean().Should().BeTrue();
        user.GetProperty("token_epoch").GetInt32().Should().Be(0);
        Guid.TryParse(user.GetProperty("user_id").GetString(), out _).Should().BeTrue();
    }

    [Fact]
    public async Task Create_WithAnEmailTakenInAnotherCase_Is400()
    {
        var admin = await factory.AdministratorAsync();
        var existing = await factory.NewAccountAsync();

        using var response = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = existing.Email.ToUpperInvariant(), password = Accounts.Password });

        var expected = $"User with email {existing.Email.ToUpperInvariant().Replace("@TEST.COM", "@test.com", StringComparison.Ordinal)} already exists";
        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be(expected);
    }

    [Fact]
    public async Task Create_WithAnEmptyPassword_Is400()
    {
        var admin = await factory.AdministratorAsync();

        using var response = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "empty@test.com", password = "" });

        (await response.ShouldFailWithAsync(HttpStatusCode.BadRequest)).Should().Be("Password cannot be empty");
    }

    [Fact]
    public async Task Create_WithAnInvalidEmailOrNoPassword_Is422()
    {
        var admin = await factory.AdministratorAsync();

        using var badEmail = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "user@intranet", password = Accounts.Password });
        using var noPassword = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email = "user@test.com" });

        (await badEmail.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0].GetProperty("msg").GetString()
            .Should().Be("Email domain must contain a dot or be 'localhost'");
        (await noPassword.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail")[0].GetProperty("type").GetString()
            .Should().Be("missing");
    }

    [Fact]
    public async Task List_ReturnsEveryUserButHidesTheSystemAccount()
    {
        var admin = await factory.AdministratorAsync();
        var hash = BCrypt.Net.BCrypt.HashPassword("unused", 4);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = 0; i < 105; i++)
            {
                db.Users.Add(User.Register(EmailAddress.Parse($"bulk{i:D3}@test.com", out _)!, null, hash, false, factory.Clock.GetUtcNow().UtcDateTime));
            }

            await db.SaveChangesAsync();
        }

        var users = await (await admin.Client.GetAsync("/api/v1/auth/users")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var emails = users.EnumerateArray().Select(u => u.GetProperty("email").GetString()).ToList();
        emails.Should().HaveCountGreaterThan(105).And.Contain(admin.Email).And.Contain("bulk000@test.com").And.Contain("bulk104@test.com");
        emails.Should().NotContain("system@system.invokeai");
        users[0].FieldNames().Should().Equal(UserDtoFields);
    }

    [Fact]
    public async Task Get_TheSystemAccount_IsVisibleById()
    {
        var admin = await factory.AdministratorAsync();

        var system = await (await admin.Client.GetAsync("/api/v1/auth/users/system")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        system.GetProperty("email").GetString().Should().Be("system@system.invokeai");
        system.GetProperty("is_admin").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task GetPatchDelete_OfAnUnknownId_Are404()
    {
        var admin = await factory.AdministratorAsync();

        using var get = await admin.Client.GetAsync("/api/v1/auth/users/does-not-exist");
        using var patch = await admin.Client.PatchAsJsonAsync("/api/v1/auth/users/does-not-exist", new { display_name = "x" });
        using var delete = await admin.Client.DeleteAsync("/api/v1/auth/users/does-not-exist");

        (await get.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("User not found");
        (await patch.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("User not found");
        (await delete.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("User not found");
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheGivenFields()
    {
        var admin = await factory.AdministratorAsync();
        var user = await factory.NewAccountAsync();

        using var response = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{user.UserId}", new { display_name = "<b>Bold</b>", is_admin = (bool?)null });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("display_name").GetString().Should().Be("<b>Bold</b>");
        body.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        body.GetProperty("is_active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Delete_Returns204AndTheAccountIsGone()
    {
        var admin = await factory.AdministratorAsync();
        var user = await factory.NewAccountAsync();

        using var response = await admin.Client.DeleteAsync($"/api/v1/auth/users/{user.UserId}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        (await admin.Client.GetAsync($"/api/v1/auth/users/{user.UserId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.PostLoginAsync(user.Email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/api/v1/auth/users")]
    [InlineData("POST", "/api/v1/auth/users/")]
    [InlineData("GET", "/api/v1/auth/users/system")]
    [InlineData("PATCH", "/api/v1/auth/users/system")]
    [InlineData("DELETE", "/api/v1/auth/users/system")]
    public async Task EveryUserRoute_ForARegularUser_Is403AndWithoutAToken_Is401(string method, string path)
    {
        var user = await factory.NewAccountAsync();
        using var anonymous = factory.CreateClient();

        using var asUser = await user.Client.SendAsync(Request(method, path));
        using var withoutToken = await anonymous.SendAsync(Request(method, path));

        (await asUser.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Admin privileges required");
        (await withoutToken.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Missing authentication credentials");
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = JsonContent.Create(new { email = "x@test.com", password = Accounts.Password, is_admin = true }) };
}
