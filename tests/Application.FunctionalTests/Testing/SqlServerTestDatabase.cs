using System.Data.Common;
using Microsoft.Data.SqlClient;
using Respawn;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>
/// A fresh database on the SQL Server named by <c>INVOKE_TEST_SQLSERVER</c>. SQL Server cannot run
/// on the development machines, so without the variable these tests are skipped, not failed.
/// </summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string EnvironmentVariable = "INVOKE_TEST_SQLSERVER";

    private readonly string _databaseName = "invoke_ft_" + Guid.NewGuid().ToString("N")[..12];
    private string? _serverConnectionString;

    protected override string ProviderName => "SqlServer";

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            MarkUnavailable($"{EnvironmentVariable} is not set: SQL Server tests run only where a SQL Server is available.");
            return null;
        }

        await using (var connection = new SqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new SqlCommand($"CREATE DATABASE [{_databaseName}]", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = _databaseName }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new SqlCommand(
            $"ALTER DATABASE [{_databaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_databaseName}]", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected override RespawnerOptions RespawnOptions() => new()
    {
        DbAdapter = DbAdapter.SqlServer,
        TablesToIgnore = ["__EFMigrationsHistory"],
    };

    protected override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);
}
