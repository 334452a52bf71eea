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
        // The full-text index follows workflow_library through its triggers; its own tables must not be emptied behind its back.
        TablesToIgnore =
        [
            "__EFMigrationsHistory", "workflow_library_search", "workflow_library_search_data", "workflow_library_search_idx",
            "workflow_library_search_docsize", "workflow_library_search_config",
        ],
    };

    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);
}
