using System.Data.Common;
using Npgsql;
using Respawn;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>INVOKE_TEST_POSTGRES</c>
/// (<c>scripts/test.sh</c> starts a throw-away server and sets it).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string EnvironmentVariable = "INVOKE_TEST_POSTGRES";

    private readonly string _databaseName = "invoke_ft_" + Guid.NewGuid().ToString("N")[..12];
    private string? _serverConnectionString;

    protected override string ProviderName => "Postgres";

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with scripts/test.sh, which starts a throw-away PostgreSQL server, " +
                $"or set {EnvironmentVariable} to a connection string of a server where databases may be created.");
        }

        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_serverConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected override RespawnerOptions RespawnOptions() => new()
    {
        DbAdapter = DbAdapter.Postgres,
        SchemasToInclude = ["public"],
        TablesToIgnore = ["__EFMigrationsHistory"],
    };

    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);
}
