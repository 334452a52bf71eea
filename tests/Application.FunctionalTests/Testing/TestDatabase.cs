using System.Data.Common;
using Invoke.Application.Security;
using Invoke.Application.Users;
using Invoke.Testing;
using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Respawn;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>
/// One real database shared by every test of a collection: migrated once, emptied with Respawn and
/// re-seeded before each test. The server's own composition root builds the services, in
/// single-user and in multi-user mode, over the same database.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private const string ModelsFolder = "models";
    private const string OutsideFolder = "outside";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "invoke-ft-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _singleUser;
    private WebApplication? _multiUser;
    private WebApplication? _strictMultiUser;
    private Respawner? _respawner;

    /// <summary>Why this database cannot be used here, or null when it can.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>What <see cref="Clock"/> reads at the start of every test.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The clock every handler reads; tests move it, and every test starts at <see cref="StartTime"/>.</summary>
    public FakeTimeProvider Clock { get; } = new(StartTime);

    public string Root => _root;

    /// <summary>The server's models directory (the default, under the root).</summary>
    public string ModelsPath => Path.Combine(_root, ModelsFolder);

    /// <summary>A directory outside the models directory, emptied with the database.</summary>
    public string OutsidePath => Path.Combine(_root, OutsideFolder);

    protected abstract string ProviderName { get; }

    public async ValueTask InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        if (connectionString is null)
        {
            return;
        }

        Directory.CreateDirectory(_root);
        _singleUser = BuildHost(connectionString, multiUser: false);
        _multiUser = BuildHost(connectionString, multiUser: true);
        _strictMultiUser = BuildHost(connectionString, multiUser: true, strictPasswordChecking: true);
        await StartupTasks.MigrateAsync(_singleUser.Services, CancellationToken.None);

        await using var connection = await OpenConnectionAsync();
        _respawner = await Respawner.CreateAsync(connection, RespawnOptions());
    }

    public async ValueTask DisposeAsync()
    {
        if (_singleUser is not null)
        {
            await _singleUser.DisposeAsync();
        }

        if (_multiUser is not null)
        {
            await _multiUser.DisposeAsync();
        }

        if (_strictMultiUser is not null)
        {
            await _strictMultiUser.DisposeAsync();
        }

        await DropDatabaseAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The services of a server in the given mode (strict password checking applies to multi-user mode).</summary>
    public IServiceProvider Services(bool multiUser, bool strictPasswordChecking = false) =>
        (multiUser ? (strictPasswordChecking ? _strictMultiUser : _multiUser) : _singleUser)?.Services
        ?? throw new InvalidOperationException(Unavailable ?? "The test database is not initialized.");

    /// <summary>Empties every table and puts back what a fresh installation holds.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = await OpenConnectionAsync())
        {
            await _respawner!.ResetAsync(connection);
        }

        foreach (var files in new[] { "workflow_thumbnails", ModelsFolder, OutsideFolder })
        {
            var path = Path.Combine(_root, files);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        Directory.CreateDirectory(Path.Combine(_root, ModelsFolder));
        Directory.CreateDirectory(Path.Combine(_root, OutsideFolder));

        Clock.AdjustTime(StartTime);
        await StartupTasks.SeedAsync(_singleUser!.Services, CancellationToken.None);
    }

    /// <summary>A new scope acting as <paramref name="user"/> (null: anonymous).</summary>
    public AsyncServiceScope CreateScope(bool multiUser, AuthenticatedUser? user, bool strictPasswordChecking = false)
    {
        var scope = Services(multiUser, strictPasswordChecking).CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = user;
        return scope;
    }

    protected void MarkUnavailable(string reason) => Unavailable = reason;

    /// <summary>Creates an empty database and returns its connection string, or null when unavailable.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    protected abstract RespawnerOptions RespawnOptions();

    protected abstract DbConnection CreateConnection(string connectionString);

    private async Task<DbConnection> OpenConnectionAsync()
    {
        string connectionString;
        await using (var scope = Services(multiUser: false).CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        }

        var connection = CreateConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private WebApplication BuildHost(string connectionString, bool multiUser, bool strictPasswordChecking = false)
    {
        var app = InvokeHost.Build(
        [
            $"--Invoke:Root={_root}",
            $"--Invoke:Database:Provider={ProviderName}",
            $"--Invoke:Database:ConnectionString={connectionString}",
            $"--Invoke:MultiUser={multiUser}",
            $"--Invoke:StrictPasswordChecking={strictPasswordChecking}",
            "--Invoke:Database:MigrateOnStartup=false",
            "--Logging:LogLevel:Default=Warning",
            "--urls=http://127.0.0.1:0",
        ],
        services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IPasswordHasher>(MemoizingPasswordHasher.Instance);
        });
        return app;
    }
}
