using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>A logged-in account and an HTTP client that sends its token.</summary>
public sealed record Account(string UserId, string Email, string Password, string Token, HttpClient Client);

/// <summary>Accounts on a multi-user server, made the way a real deployment makes them: setup, then the admin API, then login.</summary>
public static class Accounts
{
    public const string Password = "TestPass123";

    /// <summary>The first administrator (through <c>POST /api/v1/auth/setup</c>), logged in.</summary>
    public static async Task<Account> SetUpAdministratorAsync(this InvokeApiFactory factory, string email = "admin@test.com")
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var anonymous = factory.CreateClient();
        var setup = await anonymous.PostAsJsonAsync("/api/v1/auth/setup", new { email, display_name = "Admin", password = Password });
        await setup.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await factory.LogInAsync(email, Password);
    }

    /// <summary>A new account created by <paramref name="admin"/>, logged in.</summary>
    public static async Task<Account> CreateAccountAsync(this InvokeApiFactory factory, Account admin, string email, bool isAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(admin);
        var created = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email, display_name = email.Split('@')[0], password = Password, is_admin = isAdmin });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await factory.LogInAsync(email, Password);
    }

    /// <summary>A new account with a unique address, created by the factory's administrator and logged in.</summary>
    public static async Task<Account> NewAccountAsync(this MultiUserApiFactory factory, bool isAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var admin = await factory.AdministratorAsync();
        return await factory.CreateAccountAsync(admin, $"user-{Guid.NewGuid():N}@test.com", isAdmin);
    }

    /// <summary>The factory's administrator changes <paramref name="account"/> through <c>PATCH /api/v1/auth/users/{id}</c>.</summary>
    public static async Task ChangeAccountAsync(this MultiUserApiFactory factory, Account account, object changes)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(account);
        var admin = await factory.AdministratorAsync();
        using var response = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{account.UserId}", changes);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    public static async Task<Account> LogInAsync(this InvokeApiFactory factory, string email, string password, bool rememberMe = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var login = await factory.PostLoginAsync(email, password, rememberMe);
        var body = await login.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var token = body.GetProperty("token").GetString()!;
        return new Account(body.GetProperty("user").GetProperty("user_id").GetString()!, email, password, token, factory.ClientWithToken(token));
    }

    /// <summary>A login attempt without any token, as the login page sends it.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(this InvokeApiFactory factory, string email, string password, bool rememberMe = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var anonymous = factory.CreateClient();
        return await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password, remember_me = rememberMe });
    }

    /// <summary>A client that sends <c>Authorization: Bearer &lt;token&gt;</c> on every request.</summary>
    public static HttpClient ClientWithToken(this InvokeApiFactory factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
