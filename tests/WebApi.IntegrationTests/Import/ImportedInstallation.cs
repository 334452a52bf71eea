using Invoke.Infrastructure.Persistence;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Invoke.WebApi.IntegrationTests.Import;

/// <summary>
/// The shared InvokeAI installation imported once with <c>import-invokeai --import-jwt-secret</c>
/// (the real executable) into a new target, then imported a second time; and a multi-user server
/// over the target. Shared by the tests of a class: the first test that needs it pays for it.
/// </summary>
public abstract class ImportedInstallation : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _ready;

    public string InvokeAiRoot { get; private set; } = null!;

    public string TargetRoot { get; } = Path.Combine(Path.GetTempPath(), "invoke-imported-" + Guid.NewGuid().ToString("N"));

    public InvokeAiFixture Fixture { get; private set; } = null!;

    public CliResult FirstRun { get; private set; } = null!;

    public CliResult SecondRun { get; private set; } = null!;

    public string SnapshotAfterFirstRun { get; private set; } = null!;

    public string SnapshotAfterSecondRun { get; private set; } = null!;

    public ImportedRootApiFactory Server { get; private set; } = null!;

    /// <summary>The target's configuration beyond the root (provider and connection string).</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> TargetSettingsAsync();

    protected virtual Task DropTargetAsync() => Task.CompletedTask;

    /// <summary>Imports on first use; skips the calling test when the shared fixture is absent.</summary>
    public async Task<ImportedInstallation> ReadyAsync()
    {
        var fixture = InvokeAiFixture.Load();
        await _gate.WaitAsync();
        try
        {
            if (_ready)
            {
                return this;
            }

            Fixture = fixture;
            InvokeAiRoot = InvokeAiFixture.CopyRoot();
            var settings = await TargetSettingsAsync();
            string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}")];
            FirstRun = await AdminCommandLine.RunAsync(TargetRoot, null, ["import-invokeai", "--from", InvokeAiRoot, "--import-jwt-secret", .. configuration]);
            FirstRun.ExitCode.Should().Be(0, FirstRun.Output);
            Server = new ImportedRootApiFactory(TargetRoot, settings);
            SnapshotAfterFirstRun = await SnapshotAsync();
            SecondRun = await AdminCommandLine.RunAsync(TargetRoot, null, ["import-invokeai", "--from", InvokeAiRoot, "--import-jwt-secret", .. configuration]);
            SnapshotAfterSecondRun = await SnapshotAsync();
            _ready = true;
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every row the import writes, as text, in a fixed order.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        var workflows = await db.Workflows.AsNoTracking().OrderBy(w => w.Id).ToListAsync();
        var models = await db.Models.AsNoTracking().OrderBy(m => m.Key).ToListAsync();
        var counts = await db.WorkflowLibraryCounts.AsNoTracking().OrderBy(c => c.Category).ThenBy(c => c.IsPublic).ThenBy(c => c.IsOpened).ToListAsync();
        var secret = await db.AppSettings.AsNoTracking().Select(s => s.Key + "=" + s.Value).ToListAsync();
        var clientState = await db.Set<Infrastructure.ClientState.ClientStateEntry>().AsNoTracking().ToListAsync();
        return string.Join('\n',
            users.Select(u => $"{u.Id}|{u.Email}|{u.DisplayName}|{u.PasswordHash}|{u.IsAdmin}|{u.IsActive}|{u.CreatedAt:O}|{u.UpdatedAt:O}|{u.LastLoginAt:O}|{u.TokenEpoch}")
                .Concat(workflows.Select(w => $"{w.Id}|{w.OwnerId}|{w.IsPublic}|{w.CreatedAt:O}|{w.UpdatedAt:O}|{w.OpenedAt:O}|{w.HasThumbnail}|{w.Tags}|{w.Document}"))
                .Concat(models.Select(m => $"{m.Key}|{m.Path}|{m.Hash}|{m.Config}|{m.UpdatedAt:O}"))
                .Concat(counts.Select(c => $"{c.Category}|{c.IsPublic}|{c.IsOpened}|{c.Count}"))
                .Concat(secret)
                .Concat(clientState.Select(e => $"{e.UserId}|{e.Key}|{e.UpdatedAt:O}|{e.Value}").Order(StringComparer.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (InvokeAiRoot is not null)
        {
            InvokeAiFixture.Delete(InvokeAiRoot);
        }

        InvokeAiFixture.Delete(TargetRoot);
        await DropTargetAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A multi-user server over a root the import prepared, with the target's database settings.</summary>
public sealed class ImportedRootApiFactory(string root, IReadOnlyDictionary<string, string> settings) : InvokeApiFactory(root)
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(settings) { ["Invoke:MultiUser"] = "true" };
}

public sealed class ImportedIntoSqlite : ImportedInstallation
{
    protected override Task<IReadOnlyDictionary<string, string>> TargetSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}

/// <summary>A new database on the PostgreSQL server named by <c>INVOKE_TEST_POSTGRES</c> (scripts/test.sh starts one).</summary>
public sealed class ImportedIntoPostgres : ImportedInstallation
{
    private readonly string _database = "invoke_import_" + Guid.NewGuid().ToString("N")[..12];
    private string? _server;

    protected override async Task<IReadOnlyDictionary<string, string>> TargetSettingsAsync()
    {
        _server = Environment.GetEnvironmentVariable("INVOKE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_server))
        {
            throw new InvalidOperationException("INVOKE_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a throw-away PostgreSQL server.");
        }

        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new Dictionary<string, string>
        {
            ["Invoke:Database:Provider"] = "Postgres",
            ["Invoke:Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ToString(),
        };
    }

    protected override async Task DropTargetAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
