using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using static Invoke.WebApi.IntegrationTests.Testing.AdminCommandLine;

namespace Invoke.WebApi.IntegrationTests.Import;

/// <summary><c>import-invokeai</c> run as the real executable on copies of the shared InvokeAI installation.</summary>
public sealed class ImportInvokeAiCliTests : IDisposable
{
    private const string AliceNeon = "72c20249-2bff-47e1-b8c2-40102626f7fc";

    private readonly List<string> _folders = [];

    [Fact]
    public async Task DryRun_OnANewRoot_ReportsEverythingAndCreatesNothing()
    {
        var (invokeAi, target) = NewSourceAndTarget();

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi, "--dry-run");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("Dry run").And.Contain("users: 4 new").And.Contain("workflows: 20 new").And.Contain("thumbnails: 5 new").And.Contain("models: 3 new");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_WhenTheTargetHoldsDifferentData_IsRefusedUnlessOverwriteIsGiven()
    {
        var (invokeAi, target) = NewSourceAndTarget();
        (await RunAsync(target, null, "import-invokeai", "--from", invokeAi)).ExitCode.Should().Be(0);
        var imported = await TargetDocumentAsync(target, AliceNeon);
        await InvokeAiFixture.ExecuteAsync(invokeAi, $"UPDATE workflow_library SET workflow = json_set(workflow, '$.name', 'Neon City FLUX v2') WHERE workflow_id = '{AliceNeon}'");

        var refused = await RunAsync(target, null, "import-invokeai", "--from", invokeAi);
        var dryRun = await RunAsync(target, null, "import-invokeai", "--from", invokeAi, "--overwrite", "--dry-run");
        var afterDryRun = await TargetDocumentAsync(target, AliceNeon);
        var overwritten = await RunAsync(target, null, "import-invokeai", "--from", invokeAi, "--overwrite");

        refused.ExitCode.Should().Be(1);
        refused.Output.Should().Contain($"workflow {AliceNeon} ('Neon City FLUX v2') already exists here with a different document").And.Contain("nothing was written");
        dryRun.ExitCode.Should().Be(0, dryRun.Output);
        dryRun.Output.Should().Contain("1 replaced");
        afterDryRun.Should().Be(imported);
        overwritten.ExitCode.Should().Be(0, overwritten.Output);
        (await TargetDocumentAsync(target, AliceNeon)).Should().Be((await InvokeAiFixture.StoredDocumentsAsync(invokeAi))[AliceNeon]);
    }

    [Fact]
    public async Task Import_OfADamagedDatabase_IsRefusedAndWritesNothing()
    {
        var (invokeAi, target) = NewSourceAndTarget();
        var database = Path.Combine(invokeAi, "databases", "invokeai.db");
        var bytes = await File.ReadAllBytesAsync(database);
        await File.WriteAllBytesAsync(database, bytes[..(bytes.Length / 3)]);

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("❌ Error:").And.Contain(database).And.MatchRegex("damaged|cannot be read");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_OfAFileThatIsNotSqlite_IsRefused()
    {
        var (invokeAi, target) = NewSourceAndTarget();
        await File.WriteAllTextAsync(Path.Combine(invokeAi, "databases", "invokeai.db"), "these are not the bytes of a database");

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("is not an SQLite database");
    }

    [Fact]
    public async Task Import_OfAnSqliteDatabaseThatIsNotInvokeAis_IsRefused()
    {
        var (invokeAi, target) = NewSourceAndTarget();
        var database = Path.Combine(invokeAi, "databases", "invokeai.db");
        File.Delete(database);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("is not an InvokeAI database: it has no workflow_library table");
    }

    [Fact]
    public async Task Import_FromAFolderWithoutAnInvokeAiDatabase_IsRefused()
    {
        var target = Track(NewRoot());
        var empty = Track(NewRoot());

        var result = await RunAsync(target, null, "import-invokeai", "--from", empty);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("is not an InvokeAI root: databases/invokeai.db was not found");
    }

    [Fact]
    public async Task Import_IntoTheInvokeAiRootItself_IsRefused()
    {
        var (invokeAi, _) = NewSourceAndTarget();

        var result = await RunAsync(invokeAi, null, "import-invokeai", "--from", invokeAi);

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("give this server a root of its own");
        File.Exists(Path.Combine(invokeAi, "databases", "invoke.db")).Should().BeFalse();
    }

    [Fact]
    public async Task Import_LeavesEveryFileOfTheInvokeAiInstallationUnchanged()
    {
        var fixture = InvokeAiFixture.Load();
        var (invokeAi, target) = NewSourceAndTarget();

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi, "--import-jwt-secret");

        result.ExitCode.Should().Be(0, result.Output);
        var files = Directory.GetFiles(invokeAi, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(invokeAi, f).Replace('\\', '/')).Order().ToList();
        files.Should().Equal(fixture.Expected.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Order());
        foreach (var file in fixture.Expected.GetProperty("files").EnumerateArray())
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(invokeAi, file.GetProperty("path").GetString()!));
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(file.GetProperty("sha256").GetString(), file.GetProperty("path").GetString());
        }
    }

    [Fact]
    public async Task Import_OfAccountsDifferingOnlyByCase_ImportsTheOneUsedLastAndReportsTheOther()
    {
        var (invokeAi, target) = NewSourceAndTarget();
        await InvokeAiFixture.ExecuteAsync(invokeAi, """
            INSERT INTO users (user_id, email, display_name, password_hash, is_admin, is_active)
            SELECT 'case-twin', 'ALICE@example.com', 'Alice Twin', password_hash, 0, 1 FROM users WHERE email = 'alice@example.com';
            INSERT INTO workflow_library (workflow_id, workflow, user_id, is_public)
            SELECT 'twin-workflow', json_set(workflow, '$.id', 'twin-workflow', '$.name', 'Twin'), 'case-twin', 0 FROM workflow_library WHERE workflow_id = '72c20249-2bff-47e1-b8c2-40102626f7fc';
            """);

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi);

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("user case-twin <ALICE@example.com> not imported: its e-mail differs from 6cc4b311-dedb-4be4-a0ba-36a8a3fd7909 <alice@example.com> only by letter case");
        (await UsersAsync(target)).Select(u => u.Email).Should().Contain("alice@example.com").And.NotContain("ALICE@example.com");
        (await TargetOwnerAsync(target, "twin-workflow")).Should().Be("case-twin");
    }

    [Fact]
    public async Task Import_OfWorkflowsWhoseOwnerIsGone_KeepsThemUnderTheirOwnerIdAndReportsThem()
    {
        var (invokeAi, target) = NewSourceAndTarget();
        await InvokeAiFixture.ExecuteAsync(invokeAi, """
            INSERT INTO workflow_library (workflow_id, workflow, user_id, is_public)
            SELECT 'orphan-' || n, json_set(workflow, '$.id', 'orphan-' || n, '$.name', 'Orphan ' || n), 'deleted-user', n % 2
            FROM workflow_library, (SELECT 1 AS n UNION SELECT 2) WHERE workflow_id = '72c20249-2bff-47e1-b8c2-40102626f7fc';
            """);

        var result = await RunAsync(target, null, "import-invokeai", "--from", invokeAi);

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("2 workflow(s) (1 shared) belong to user deleted-user, who has no account to import");
        (await TargetOwnerAsync(target, "orphan-1")).Should().Be("deleted-user");
        (await TargetOwnerAsync(target, "orphan-2")).Should().Be("deleted-user");
    }

    [Fact]
    public async Task Import_WithoutFrom_Exits1WithTheUsage()
    {
        var target = Track(NewRoot());

        var result = await RunAsync(target, null, "import-invokeai");

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("--from is required").And.Contain("usage: import-invokeai");
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            InvokeAiFixture.Delete(folder);
        }
    }

    private (string InvokeAi, string Target) NewSourceAndTarget() => (Track(InvokeAiFixture.CopyRoot()), Track(NewRoot()));

    private string Track(string folder)
    {
        _folders.Add(folder);
        return folder;
    }

    private static async Task<string?> TargetDocumentAsync(string root, string workflowId) =>
        await ScalarAsync(root, "SELECT d.workflow FROM workflow_library w JOIN workflow_documents d ON d.id = w.id WHERE w.workflow_id = $id", workflowId);

    private static async Task<string?> TargetOwnerAsync(string root, string workflowId) =>
        await ScalarAsync(root, "SELECT user_id FROM workflow_library WHERE workflow_id = $id", workflowId);

    private static async Task<string?> ScalarAsync(string root, string sql, string id)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "databases", "invoke.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync() as string;
    }
}
