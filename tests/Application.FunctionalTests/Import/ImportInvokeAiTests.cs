using System.Diagnostics;
using System.Globalization;
using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Import;
using Invoke.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Import;

/// <summary>The importer on each database, with copies of the shared InvokeAI installation and generated large ones.</summary>
public abstract class ImportInvokeAiTests(TestDatabase database) : FunctionalTest(database)
{
    /// <summary>
    /// Workflows in the generated library. The time is printed, never asserted: the issue's figure
    /// (100,000 on SQLite) is measured with <c>INVOKE_IMPORT_BENCH_WORKFLOWS=100000</c> on a quiet
    /// machine; see the import's ADR.
    /// </summary>
    private static readonly int LargeLibrary =
        int.TryParse(Environment.GetEnvironmentVariable("INVOKE_IMPORT_BENCH_WORKFLOWS"), CultureInfo.InvariantCulture, out var n) ? n : 3000;

    private readonly List<string> _folders = [];

    [Fact]
    public async Task Import_OfTheFixture_StoresEveryUserWorkflowAndAccount()
    {
        var invokeAi = CopyFixture();

        var report = await ImportAsync(invokeAi, new InvokeAiImportOptions());

        report.Refused.Should().BeFalse();
        report.Users.Imported.Should().Be(4);
        report.Workflows.Imported.Should().Be(20);
        report.Thumbnails.Imported.Should().Be(5);
        report.Models.Imported.Should().Be(3);
        var users = await InDatabaseAsync(db => db.Users.AsNoTracking().Where(u => u.Id != "system").ToListAsync());
        users.Select(u => u.Email).Should().BeEquivalentTo("admin@example.com", "alice@example.com", "bob@example.com", "carol@example.com");
        users.Should().OnlyContain(u => u.PasswordHash.StartsWith("$2b$12$"));
        var workflows = await InDatabaseAsync(db => db.Workflows.AsNoTracking().Where(w => w.Category == WorkflowCategory.User).ToListAsync());
        workflows.Should().HaveCount(20);
        workflows.Count(w => w.HasThumbnail).Should().Be(5);
    }

    [Fact]
    public async Task Import_KeepsTheLibraryCountsARecountOfTheRowsGives()
    {
        await ImportAsync(CopyFixture(), new InvokeAiImportOptions());
        var maintained = await CountsAsync();

        var differences = await InScopeAsync(s => s.GetRequiredService<IWorkflowLibraryCounts>().VerifyAsync(repair: true, CancellationToken.None));

        differences.Should().BeEmpty("the import keeps every count as saving through Invoke would");

        (await CountsAsync()).Should().Equal(maintained);
        RunAsAdministrator();
        var counts = await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User]));
        counts["user"].Should().Be(20);
    }

    [Fact]
    public async Task Import_Twice_FindsEverythingPresentTheSecondTime()
    {
        var invokeAi = CopyFixture();
        await ImportAsync(invokeAi, new InvokeAiImportOptions(ImportJwtSecret: true));
        var before = await CountsAsync();

        var again = await ImportAsync(invokeAi, new InvokeAiImportOptions(ImportJwtSecret: true));

        again.Groups.Should().OnlyContain(g => g.Imported == 0 && g.Replaced == 0 && g.Conflicting == 0);
        again.Users.AlreadyPresent.Should().Be(4);
        again.Workflows.AlreadyPresent.Should().Be(20);
        again.Models.AlreadyPresent.Should().Be(3);
        again.JwtSecret.AlreadyPresent.Should().Be(1);
        (await CountsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Import_OfAWorkflowOverTheTextLimits_ReportsItAndImportsTheRest()
    {
        var invokeAi = CopyFixture();
        const string Toggle = "cea9decd-1b17-49b6-bc2c-b6e6579a5456";
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(invokeAi, "databases", "invokeai.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE workflow_library SET workflow = json_set(workflow, '$.tags', $tags, '$.description', $description) WHERE workflow_id = $id";
            update.Parameters.AddWithValue("$tags", new string('t', 6 << 20));
            update.Parameters.AddWithValue("$description", new string('d', WorkflowLimits.MaxDescriptionLength + 1));
            update.Parameters.AddWithValue("$id", Toggle);
            (await update.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).Should().Be(1);
        }

        var report = await ImportAsync(invokeAi, new InvokeAiImportOptions());

        report.Workflows.Imported.Should().Be(19);
        report.Workflows.Skipped.Should().Be(1);
        report.Problems.Should().ContainSingle(p => p.StartsWith($"workflow {Toggle} ", StringComparison.Ordinal))
            .Which.Should().Contain("not imported").And.Contain("its description has 5,001 characters (at most 5,000)")
            .And.Contain("its tags has 6,291,456 characters (at most 2,000)");
        (await InDatabaseAsync(db => db.Workflows.AnyAsync(w => w.Id == Toggle))).Should().BeFalse();
    }

    [Fact]
    public async Task DryRun_WritesNothing()
    {
        var invokeAi = CopyFixture();

        var report = await ImportAsync(invokeAi, new InvokeAiImportOptions(DryRun: true, ImportJwtSecret: true));

        report.Workflows.Imported.Should().Be(20);
        (await InDatabaseAsync(db => db.Users.CountAsync())).Should().Be(1);
        (await InDatabaseAsync(db => db.Workflows.CountAsync(w => w.Category == WorkflowCategory.User))).Should().Be(0);
        (await InDatabaseAsync(db => db.Models.CountAsync())).Should().Be(0);
        Directory.Exists(Path.Combine(Database.Root, "workflow_thumbnails")).Should().BeFalse();
    }

    [Fact]
    public async Task Import_OfALargeLibrary_ShowsProgressAndImportsEveryWorkflow()
    {
        var generated = await InvokeAiDatabaseGenerator.CreateAsync(LargeLibrary);
        try
        {
            var progress = new List<string>();
            var clock = Stopwatch.StartNew();

            var report = await ImportAsync(generated.Root, new InvokeAiImportOptions(), progress.Add);

            clock.Stop();
            Console.WriteLine($"import of {generated.Workflows:N0} workflows on {GetType().Name}: {clock.Elapsed.TotalSeconds:F1} s");
            report.Workflows.Imported.Should().Be(generated.Workflows);
            progress.Should().HaveCountGreaterThan(1);
            progress[^1].Should().MatchRegex(@"workflows: ([\d,]+) of \1 done");
            RunAsAdministrator();
            (await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User], IsPublic: true)))["user"].Should().Be(generated.Shared);
            (await SendAsync(new CountWorkflowsByCategoryQuery([WorkflowCategory.User], HasBeenOpened: true)))["user"].Should().Be(generated.Opened);
        }
        finally
        {
            InvokeAiDatabaseGenerator.Delete(generated);
        }
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        return base.DisposeAsync();
    }

    private async Task<InvokeAiImportReport> ImportAsync(string invokeAi, InvokeAiImportOptions options, Action<string>? progress = null)
    {
        using var source = InvokeAiSource.Open(invokeAi);
        return await InScopeAsync(s => ActivatorUtilities.CreateInstance<InvokeAiImporter>(s)
            .ImportAsync(source, options, targetIsEmpty: false, progress ?? (_ => { }), CancellationToken.None));
    }

    private Task<List<string>> CountsAsync() =>
        InDatabaseAsync(db => db.Set<Infrastructure.Workflows.WorkflowLibraryCount>().AsNoTracking()
            .OrderBy(c => c.Category).ThenBy(c => c.IsPublic).ThenBy(c => c.IsOpened)
            .Select(c => c.Category + "|" + c.IsPublic + "|" + c.IsOpened + "|" + c.Count)
            .ToListAsync());

    private string CopyFixture()
    {
        var source = SharedArtifacts.InvokeAiRoot;
        var target = Path.Combine(Path.GetTempPath(), "invoke-ft-invokeai-" + Guid.NewGuid().ToString("N"));
        _folders.Add(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            File.SetAttributes(copy, FileAttributes.Normal);
        }

        return target;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportInvokeAiTestsOnSqlite(SqliteTestDatabase database) : ImportInvokeAiTests(database);

[Collection(PostgresCollection.Name)]
public sealed class ImportInvokeAiTestsOnPostgres(PostgresTestDatabase database) : ImportInvokeAiTests(database);
