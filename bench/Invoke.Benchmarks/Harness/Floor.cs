using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Invoke.Benchmarks.Harness;

/// <summary>A list row as a hand-written query reads it.</summary>
public sealed record FloorRow(
    string WorkflowId,
    string Name,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? OpenedAt,
    string UserId,
    bool IsPublic,
    string Description,
    string Category,
    string Tags,
    bool HasThumbnail,
    int WorkflowReturnNodes);

/// <summary>
/// The floor: hand-written SQL through plain ADO.NET on the same database and the same connection
/// string (so the same pooling and per-connection pragmas) as the application, one pooled
/// connection per operation as a request would open it.
/// </summary>
public sealed class Floor(bool sqlite, string connectionString)
{
    public const string ListColumns =
        "workflow_id, name, created_at, updated_at, opened_at, user_id, is_public, description, category, tags, has_thumbnail, workflow_return_nodes";

    public bool IsSqlite { get; } = sqlite;

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static DbCommand Command(DbConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public async Task<long> ScalarAsync(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every column of the first row, as numbers.</summary>
    public async Task<long[]> NumbersAsync(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var values = new long[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }

    public async Task<List<string>> StringsAsync(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>A page: the count, then the rows unless the page is past the end.</summary>
    public async Task<(long Total, List<FloorRow> Rows)> PageAsync(
        string countSql, string pageSql, IReadOnlyDictionary<string, object?> parameters, long offset)
    {
        await using var connection = await OpenAsync();
        long total;
        await using (var count = Command(connection, countSql, parameters))
        {
            total = Convert.ToInt64(await count.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }

        var rows = new List<FloorRow>(30);
        if (offset >= total)
        {
            return (total, rows);
        }

        await using var page = Command(connection, pageSql, parameters);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(ReadRow(reader));
        }

        return (total, rows);
    }

    public static FloorRow ReadRow(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new FloorRow(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetDateTime(2),
            reader.GetDateTime(3),
            reader.IsDBNull(4) ? null : reader.GetDateTime(4),
            reader.GetString(5),
            reader.GetBoolean(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetBoolean(10),
            reader.GetInt32(11));
    }
}
