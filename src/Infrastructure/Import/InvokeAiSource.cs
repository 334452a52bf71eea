using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Invoke.Infrastructure.Import;

/// <summary>
/// An InvokeAI installation, read without ever being changed (see <see cref="ReadOnlyConnectionString"/>):
/// a normal read-only open of a WAL database would need a writable folder for SQLite's <c>-shm</c>
/// file, and <c>immutable=1</c> alone would silently miss changes still in a WAL file.
/// The migrator's own <c>invokeai_backup_*.db</c> copies are never read.
/// </summary>
public sealed class InvokeAiSource : IDisposable
{
    public const string DatabaseRelativePath = "databases/invokeai.db";

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    private static readonly string[] RequiredWorkflowColumns = ["workflow_id", "workflow", "created_at", "updated_at", "opened_at", "user_id", "is_public"];
    private static readonly string[] RequiredUserColumns = ["user_id", "email", "display_name", "password_hash", "is_admin", "is_active", "created_at", "updated_at", "last_login_at"];

    private readonly string _copyDirectory;

    private InvokeAiSource(string root, string databaseFile, string copyDirectory, SqliteConnection connection, bool hasTokenEpoch, bool hasClientState)
    {
        HasClientState = hasClientState;
        Root = root;
        DatabaseFile = databaseFile;
        _copyDirectory = copyDirectory;
        Connection = connection;
        HasTokenEpoch = hasTokenEpoch;
        ModelsDirectory = ReadModelsDirectory(root);
    }

    public string Root { get; }

    public string DatabaseFile { get; }

    /// <summary>InvokeAI's models directory: <c>models_dir</c> of <c>invokeai.yaml</c>, else <c>&lt;root&gt;/models</c>.</summary>
    public string ModelsDirectory { get; }

    public string ThumbnailsDirectory => Path.Combine(Root, "workflow_thumbnails");

    /// <summary>The migrator's backups beside the database, which an import ignores.</summary>
    public IReadOnlyList<string> IgnoredBackups =>
        Directory.GetFiles(Path.GetDirectoryName(DatabaseFile)!, "invokeai_backup_*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    internal SqliteConnection Connection { get; }

    internal bool HasTokenEpoch { get; }

    /// <summary>Whether the database has InvokeAI's per-user <c>client_state</c> table (migration 27 made it).</summary>
    internal bool HasClientState { get; }

    /// <summary>Copies and opens the installation's database, refusing anything that is not a readable InvokeAI database.</summary>
    public static InvokeAiSource Open(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new InvokeAiImportException($"{fullRoot} does not exist: --from must name the root folder of an InvokeAI installation.");
        }

        var database = Path.Combine(fullRoot, "databases", "invokeai.db");
        if (!File.Exists(database))
        {
            throw new InvokeAiImportException($"{fullRoot} is not an InvokeAI root: {DatabaseRelativePath} was not found.");
        }

        CheckHeader(database);
        var copyDirectory = Path.Combine(Path.GetTempPath(), "invoke-import-" + Guid.NewGuid().ToString("N"));
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(ReadOnlyConnectionString(database, copyDirectory));
            connection.Open();
            CheckIntegrity(connection, database);
            var hasTokenEpoch = CheckSchema(connection, database);
            var hasClientState = HasClientStateTable(connection);
            return new InvokeAiSource(fullRoot, database, copyDirectory, connection, hasTokenEpoch, hasClientState);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            DeleteCopy(copyDirectory);
            throw new InvokeAiImportException($"{database} cannot be read as an InvokeAI database: {e.Message}");
        }
        catch
        {
            connection?.Dispose();
            DeleteCopy(copyDirectory);
            throw;
        }
    }

    /// <summary>
    /// Without a <c>-wal</c> file (InvokeAI checkpoints it when it stops) every committed change is
    /// in the database file, which is then opened in place as <c>immutable</c>: read-only, no
    /// <c>-shm</c>, no locks, no copy of a large library. With one, the database and its WAL are
    /// copied into <paramref name="copyDirectory"/> and the copy is opened read-only, so that SQLite
    /// can read the WAL without touching InvokeAI's folder.
    /// </summary>
    private static string ReadOnlyConnectionString(string database, string copyDirectory)
    {
        var wal = database + "-wal";
        if (!File.Exists(wal) || new FileInfo(wal).Length == 0)
        {
            return new SqliteConnectionStringBuilder
            {
                DataSource = new Uri(database).AbsoluteUri + "?immutable=1",
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString();
        }

        Directory.CreateDirectory(copyDirectory);
        var copy = Path.Combine(copyDirectory, "invokeai.db");
        File.Copy(database, copy);
        File.Copy(wal, copy + "-wal");
        return new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
    }

    /// <summary>A time as InvokeAI stores it (<c>YYYY-MM-DD HH:MM:SS.SSS</c> UTC, or ISO-8601 with an offset), as UTC.</summary>
    internal static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public void Dispose()
    {
        Connection.Dispose();
        DeleteCopy(_copyDirectory);
    }

    private static void CheckHeader(string database)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        using (var stream = File.OpenRead(database))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new InvokeAiImportException($"{database} is not an SQLite database: the file is damaged or is not InvokeAI's database.");
        }
    }

    private static void CheckIntegrity(SqliteConnection connection, string database)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        var result = command.ExecuteScalar() as string;
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new InvokeAiImportException($"{database} is damaged (SQLite's integrity check says: {result}); repair it or import a backup.");
        }
    }

    /// <summary>The tables and columns the import reads; whether <c>users.token_epoch</c> exists.</summary>
    private static bool CheckSchema(SqliteConnection connection, string database)
    {
        var workflowColumns = Columns(connection, "workflow_library");
        if (workflowColumns.Count == 0)
        {
            throw new InvokeAiImportException($"{database} is not an InvokeAI database: it has no workflow_library table.");
        }

        var userColumns = Columns(connection, "users");
        if (userColumns.Count == 0 || RequiredWorkflowColumns.Any(c => !workflowColumns.Contains(c)))
        {
            throw new InvokeAiImportException(
                $"{database} was made by an InvokeAI without multi-user support (no users table or workflow owners). " +
                "Start it once with a current InvokeAI, which migrates the database, then import again.");
        }

        if (RequiredUserColumns.FirstOrDefault(c => !userColumns.Contains(c)) is { } missing)
        {
            throw new InvokeAiImportException($"{database} is not an InvokeAI database this import knows: users.{missing} is missing.");
        }

        if (Columns(connection, "app_settings").Count == 0 || Columns(connection, "models").Count == 0)
        {
            throw new InvokeAiImportException($"{database} is not an InvokeAI database this import knows: app_settings or models is missing.");
        }

        return userColumns.Contains("token_epoch");
    }

    private static bool HasClientStateTable(SqliteConnection connection)
    {
        var columns = Columns(connection, "client_state");
        return columns.Contains("user_id") && columns.Contains("key") && columns.Contains("value") && columns.Contains("updated_at");
    }

    private static HashSet<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_xinfo($table)";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var columns = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>The one setting of <c>invokeai.yaml</c> the import needs, read without a YAML library.</summary>
    private static string ReadModelsDirectory(string root)
    {
        var configured = "models";
        var yaml = Path.Combine(root, "invokeai.yaml");
        if (File.Exists(yaml))
        {
            foreach (var line in File.ReadLines(yaml))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("models_dir:", StringComparison.Ordinal))
                {
                    var value = trimmed["models_dir:".Length..].Trim().Trim('"', '\'');
                    if (value.Length > 0)
                    {
                        configured = value;
                    }
                }
            }
        }

        return Path.GetFullPath(configured, root);
    }

    private static void DeleteCopy(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary copy left behind is harmless; the original was never touched.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
