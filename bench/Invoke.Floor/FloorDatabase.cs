using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Invoke.Floor;

/// <summary>One pooled connection per request, on SQLite or PostgreSQL; the little SQL that differs.</summary>
internal abstract class FloorDatabase : IAsyncDisposable
{
    public static FloorDatabase Create(string provider, string connectionString) => provider.ToUpperInvariant() switch
    {
        "SQLITE" => new Sqlite(connectionString),
        "POSTGRES" or "POSTGRESQL" => new Postgres(connectionString),
        _ => throw new ArgumentException($"Unknown provider '{provider}'.", nameof(provider)),
    };

    /// <summary>SQL for "<paramref name="text"/> contains <paramref name="term"/>".</summary>
    public abstract string Contains(string text, string term);

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>The signing secret Invoke created in <c>app_settings</c>, read once as Invoke does.</summary>
    public async Task<byte[]> JwtSecretAsync()
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM app_settings WHERE key = 'jwt_secret'";
        var secret = await command.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException("The database has no jwt_secret: start Invoke on it once first.");
        return System.Text.Encoding.UTF8.GetBytes(secret);
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (!sql.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private sealed class Sqlite(string connectionString) : FloorDatabase
    {
        public override string Contains(string text, string term) => $"instr({text}, {term}) > 0";

        public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Postgres(string connectionString) : FloorDatabase
    {
        private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

        public override string Contains(string text, string term) => $"strpos({text}, {term}) > 0";

        public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
            await _source.OpenConnectionAsync(cancellationToken);

        public override ValueTask DisposeAsync() => _source.DisposeAsync();
    }
}
