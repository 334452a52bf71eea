using System.Data.Common;
using Microsoft.Data.Sqlite;
using Respawn;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>A real SQLite file in a temporary directory.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    protected override string ProviderName => "Sqlite";

    protected override Task<string?> CreateDatabaseAsync() =>
        Task.FromResult<string?>($"Data Source={Path.Combine(Root, "databases", "functional.db")}");

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    protected override RespawnerOptions RespawnOptions() => new()
    {
        DbAdapter = DbAdapter.Sqlite,
        TablesToIgnore = ["__EFMigrationsHistory"],
    };

    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);
}
