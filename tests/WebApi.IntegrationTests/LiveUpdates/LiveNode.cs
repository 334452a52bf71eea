using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Invoke.Application.Users;
using Invoke.Testing;
using Invoke.WebApi.Hosting;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>
/// One Invoke server on a real Kestrel socket (a free loopback port), started as <c>dotnet run</c>
/// starts it. Several nodes over one root (one SQLite file) or one PostgreSQL database form a cluster.
/// </summary>
public sealed class LiveNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Anonymous = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Anonymous { get; }

    public static async Task<LiveNode> StartAsync(string root, bool multiUser, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var args = new List<string>
        {
            $"--Invoke:Root={root}",
            "--urls=http://127.0.0.1:0",
            $"--Invoke:MultiUser={multiUser}",
            "--Logging:LogLevel:Default=Warning",
        };
        if (postgres is not null)
        {
            args.Add("--Invoke:Database:Provider=Postgres");
            args.Add($"--Invoke:Database:ConnectionString={postgres}");
        }

        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var app = InvokeHost.Build([.. args], services =>
        {
            services.RemoveAll<IPasswordHasher>();
            services.AddSingleton<IPasswordHasher>(MemoizingPasswordHasher.Instance);
        });
        await app.StartAsync();
        return new LiveNode(app, new Uri(app.Urls.Single()));
    }

    /// <summary>Stops the server the way Ctrl+C does.</summary>
    public Task StopAsync() => _app.StopAsync();

    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<Account> SetUpAdministratorAsync(string email = "admin@test.com")
    {
        using var setup = await Anonymous.PostAsJsonAsync("/api/v1/auth/setup", new { email, display_name = "Admin", password = Accounts.Password });
        await setup.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await LogInAsync(email);
    }

    public async Task<Account> CreateAccountAsync(Account admin, string email, bool isAdmin = false)
    {
        ArgumentNullException.ThrowIfNull(admin);
        using var created = await admin.Client.PostAsJsonAsync("/api/v1/auth/users/", new { email, display_name = email.Split('@')[0], password = Accounts.Password, is_admin = isAdmin });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await LogInAsync(email);
    }

    public async Task<Account> LogInAsync(string email)
    {
        using var login = await Anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Accounts.Password, remember_me = false });
        var body = await login.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var token = body.GetProperty("token").GetString()!;
        return new Account(body.GetProperty("user").GetProperty("user_id").GetString()!, email, Accounts.Password, token, ClientWithToken(token));
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A fresh database on the PostgreSQL server named by <c>INVOKE_TEST_POSTGRES</c>, dropped afterwards.</summary>
public sealed class LivePostgresDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "INVOKE_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = "invoke_live_" + Guid.NewGuid().ToString("N")[..12];

    private LivePostgresDatabase(string server) => _server = server;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();

    public static async Task<LivePostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with scripts/test.sh, which starts a throw-away PostgreSQL server.");
        }

        var database = new LivePostgresDatabase(server);
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database._name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Temporary root directories for nodes, removed afterwards.</summary>
public sealed class LiveRoot : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "invoke-live-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

internal static class LiveJson
{
    public static string Id(this JsonElement record) => record.GetProperty("workflow_id").GetString()!;
}
