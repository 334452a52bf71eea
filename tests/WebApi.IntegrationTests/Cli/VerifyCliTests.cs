using Microsoft.Data.Sqlite;
using static Invoke.WebApi.IntegrationTests.Testing.AdminCommandLine;

namespace Invoke.WebApi.IntegrationTests.Cli;

/// <summary><c>verify</c> and <c>verify --repair</c>, run as the real executable on a root of its own.</summary>
public sealed class VerifyCliTests : IDisposable
{
    private readonly string _root = NewRoot();

    [Fact]
    public async Task Verify_OfAFreshInstallation_FindsEveryCountRight()
    {
        var result = await RunAsync(_root, null, "verify");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("Every library count agrees with the workflows");
    }

    [Fact]
    public async Task Verify_FindsACountThatWasTamperedWith_AndRepairFixesIt()
    {
        (await RunAsync(_root, null, "verify")).ExitCode.Should().Be(0);
        var defaults = await ScalarAsync("SELECT COUNT(*) FROM workflow_library WHERE category = 'default'");
        defaults.Should().BePositive("a fresh installation holds the default workflows");
        await ExecuteAsync("UPDATE workflow_library_counts SET workflow_count = workflow_count + 7 WHERE category = 'default' AND is_public = 0 AND is_opened = 0");
        await ExecuteAsync("INSERT INTO workflow_library_counts (category, is_public, is_opened, workflow_count) VALUES ('user', 1, 1, 3)");

        var found = await RunAsync(_root, null, "verify");

        found.ExitCode.Should().Be(1, found.Output);
        found.Output.Should()
            .Contain($"default workflows, private, never opened: counted {defaults + 7}, the rows say {defaults}")
            .And.Contain("user workflows, shared, opened: counted 3, the rows say 0")
            .And.Contain("2 count(s) disagree with the workflows; run 'verify --repair' to repair them");
        (await ScalarAsync("SELECT workflow_count FROM workflow_library_counts WHERE category = 'default' AND is_public = 0 AND is_opened = 0"))
            .Should().Be(defaults + 7, "verify without --repair changes nothing");

        var repaired = await RunAsync(_root, null, "verify", "--repair");

        repaired.ExitCode.Should().Be(0, repaired.Output);
        repaired.Output.Should().Contain("Repaired 2 count(s)");
        (await ScalarAsync("SELECT workflow_count FROM workflow_library_counts WHERE category = 'default' AND is_public = 0 AND is_opened = 0"))
            .Should().Be(defaults);
        (await ScalarAsync("SELECT COALESCE(SUM(workflow_count), 0) FROM workflow_library_counts WHERE category = 'user'")).Should().Be(0);
        var again = await RunAsync(_root, null, "verify");
        again.ExitCode.Should().Be(0, again.Output);
        again.Output.Should().Contain("Every library count agrees with the workflows");
    }

    [Fact]
    public async Task Verify_WithAnUnknownOption_Exits1()
    {
        var result = await RunAsync(_root, null, "verify", "--fix");

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("unrecognized argument: --fix");
    }

    public void Dispose() => DeleteRoot(_root);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "databases", "invoke.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
