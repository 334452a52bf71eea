using System.Text.Json;
using Invoke.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Invoke.WebApi.IntegrationTests.Import;

/// <summary>
/// The shared InvokeAI installation (<c>shared/fixtures/invokeai-root</c>) and what its description
/// (<c>invokeai-root.expected.json</c>) says InvokeAI holds and shows. The fixture is read-only:
/// tests work on a copy.
/// </summary>
public sealed class InvokeAiFixture
{
    private InvokeAiFixture(JsonElement expected) => Expected = expected;

    public JsonElement Expected { get; }

    public IEnumerable<JsonElement> Users => Expected.GetProperty("users").EnumerateArray().Where(u => !u.GetProperty("deleted").GetBoolean());

    public IEnumerable<JsonElement> UserWorkflows => Expected.GetProperty("workflows").EnumerateArray().Where(w => w.GetProperty("category").GetString() == "user");

    public JsonElement Listing(string userRef) => Expected.GetProperty("listings").GetProperty(userRef);

    /// <summary>Loads the description; skips the calling test, loudly, when the shared fixture is absent.</summary>
    public static InvokeAiFixture Load()
    {
        var root = SharedArtifacts.InvokeAiRoot;
        using var stream = File.OpenRead(root + ".expected.json");
        using var json = JsonDocument.Parse(stream);
        return new InvokeAiFixture(json.RootElement.Clone());
    }

    /// <summary>A writable copy of the installation in a new temporary folder.</summary>
    public static string CopyRoot()
    {
        var source = SharedArtifacts.InvokeAiRoot;
        var target = Path.Combine(Path.GetTempPath(), "invoke-invokeai-" + Guid.NewGuid().ToString("N"));
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            File.Copy(file, copy);
            File.SetAttributes(copy, FileAttributes.Normal);
        }

        return target;
    }

    /// <summary>The stored <c>workflow</c> column of every workflow in the copy's database.</summary>
    public static async Task<Dictionary<string, string>> StoredDocumentsAsync(string invokeAiRoot)
    {
        await using var connection = await OpenAsync(invokeAiRoot);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT workflow_id, workflow FROM workflow_library";
        await using var reader = await command.ExecuteReaderAsync();
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            documents[reader.GetString(0)] = reader.GetString(1);
        }

        return documents;
    }

    /// <summary>Runs a statement against the copy's database (to make variants of the installation).</summary>
    public static async Task ExecuteAsync(string invokeAiRoot, string sql)
    {
        await using var connection = await OpenAsync(invokeAiRoot, SqliteOpenMode.ReadWrite);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string invokeAiRoot, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(invokeAiRoot, "databases", "invokeai.db"),
            Mode = mode,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
