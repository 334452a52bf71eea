using Invoke.Application.Security;
using Invoke.WebApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Benchmarks;

/// <summary>Where a benchmark's database is: provider name as the server's configuration spells it.</summary>
public sealed record BenchDatabase(string Provider, string ConnectionString, string Root)
{
    public bool IsSqlite => string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public string Label => IsSqlite ? "SQLite" : "PostgreSQL";
}

/// <summary>
/// The server's own composition root (<see cref="InvokeHost.Build"/>) over a benchmark database,
/// in multi-user mode, not listening: requests go through <c>ISender</c> in a scope, as the API sends them.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public BenchHost(BenchDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        _app = InvokeHost.Build(
        [
            $"--Invoke:Root={database.Root}",
            $"--Invoke:Database:Provider={database.Provider}",
            $"--Invoke:Database:ConnectionString={database.ConnectionString}",
            "--Invoke:MultiUser=true",
            "--Invoke:Database:MigrateOnStartup=false",
            "--Logging:LogLevel:Default=Warning",
            "--urls=http://127.0.0.1:0",
        ]);
    }

    public BenchDatabase Database { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Migrates and seeds, as the server does at start.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await StartupTasks.MigrateAsync(Services, cancellationToken);
        await StartupTasks.SeedAsync(Services, cancellationToken);
    }

    /// <summary>A request scope acting as <paramref name="user"/>.</summary>
    public AsyncServiceScope Scope(AuthenticatedUser user)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().User = user;
        return scope;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
