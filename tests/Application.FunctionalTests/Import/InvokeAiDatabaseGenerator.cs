using Invoke.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Invoke.Application.FunctionalTests.Import;

/// <summary>
/// A big InvokeAI installation for measuring the import: the shared fixture's database (InvokeAI's
/// own schema, generated columns and triggers, its users) with its user workflows replaced by
/// <c>count</c> workflows made from the shared workflow templates (40% small, 40% medium, 20% large:
/// 5–22 KB), each with its own id and name, owners spread over the fixture's users, 10% shared and
/// 30% opened, as <c>SqliteWorkflowRecordsStorage</c> would have stored them.
/// </summary>
public static class InvokeAiDatabaseGenerator
{
    /// <summary>Fixture users that own the generated workflows.</summary>
    public static readonly string[] Owners =
    [
        "116e575e-6e8d-4334-a867-b98934256a63",
        "6cc4b311-dedb-4be4-a0ba-36a8a3fd7909",
        "2148edb4-147d-432d-99cc-456349b641f0",
        "8a9fe79d-5005-4fde-ae63-75a0216bee19",
    ];

    public sealed record Generated(string Root, int Workflows, int Shared, int Opened);

    public static async Task<Generated> CreateAsync(int count)
    {
        var fixture = SharedArtifacts.InvokeAiRoot;
        var templates = new[] { "small", "medium", "large" }
            .Select(name => File.ReadAllText(SharedArtifacts.Require("fixtures", "workflows", name + ".json")))
            .ToArray();
        var root = Path.Combine(Path.GetTempPath(), "invoke-invokeai-big-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "databases"));
        var database = Path.Combine(root, "databases", "invokeai.db");
        File.Copy(Path.Combine(fixture, "databases", "invokeai.db"), database);
        File.SetAttributes(database, FileAttributes.Normal);

        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM workflow_library WHERE category = 'user'";
            await clear.ExecuteNonQueryAsync();
        }

        int shared = 0, opened = 0;
        await using (var transaction = connection.BeginTransaction())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO workflow_library (workflow_id, workflow, user_id, is_public, created_at, updated_at, opened_at)
                VALUES ($id, json_set($template, '$.id', $id, '$.name', $name, '$.tags', $tags, '$.meta.category', 'user'), $owner, $public, $created, $created, $opened)
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var template = insert.Parameters.Add("$template", SqliteType.Text);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var tags = insert.Parameters.Add("$tags", SqliteType.Text);
            var owner = insert.Parameters.Add("$owner", SqliteType.Text);
            var isPublic = insert.Parameters.Add("$public", SqliteType.Integer);
            var created = insert.Parameters.Add("$created", SqliteType.Text);
            var openedAt = insert.Parameters.Add("$opened", SqliteType.Text);
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < count; i++)
            {
                var share = i % 10 == 0;
                var open = i % 10 is 1 or 2 or 3;
                shared += share ? 1 : 0;
                opened += open ? 1 : 0;
                id.Value = Guid.NewGuid().ToString();
                template.Value = templates[(i % 5) switch { 0 or 1 => 0, 2 or 3 => 1, _ => 2 }];
                name.Value = $"Generated workflow {i:D6}";
                tags.Value = share ? $"generated, batch {i % 7}, shared" : $"generated, batch {i % 7}";
                owner.Value = Owners[i % Owners.Length];
                isPublic.Value = share ? 1 : 0;
                var time = start.AddSeconds(i);
                created.Value = time.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
                openedAt.Value = open ? time.AddDays(1).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) : DBNull.Value;
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return new Generated(root, count, shared, opened);
    }

    public static void Delete(Generated generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        SqliteConnection.ClearAllPools();
        Directory.Delete(generated.Root, recursive: true);
    }
}
