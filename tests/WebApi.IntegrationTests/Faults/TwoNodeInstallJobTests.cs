using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using Npgsql;

namespace Invoke.WebApi.IntegrationTests.Faults;

/// <summary>
/// Install jobs live in the database, not in one process's memory: behind a load balancer, a job
/// started through node A is listed and readable by id through node B (two real server processes
/// over one database, each with a root of its own).
/// </summary>
public sealed class TwoNodeInstallJobTests
{
    [Fact]
    public async Task AnInstallJobStartedThroughOneNode_IsListedAndReadableThroughTheOther_OnPostgres()
    {
        var server = Environment.GetEnvironmentVariable("INVOKE_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Assert.Skip("SKIPPED: INVOKE_TEST_POSTGRES is not set; scripts/test.sh starts a throw-away PostgreSQL server.");
        }

        var database = "invoke_jobs_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await AssertAnyNodeAnswersInstallJobsAsync(new Dictionary<string, string>
            {
                ["Invoke:Database:Provider"] = "Postgres",
                ["Invoke:Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString(),
            });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task AnInstallJobStartedThroughOneNode_IsListedAndReadableThroughTheOther_OnOneSqliteFile()
    {
        var shared = Path.Combine(Path.GetTempPath(), "invoke-jobs-db-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        try
        {
            await AssertAnyNodeAnswersInstallJobsAsync(new Dictionary<string, string>
            {
                ["Invoke:Database:Provider"] = "Sqlite",
                ["Invoke:Database:ConnectionString"] = $"Data Source={Path.Combine(shared, "invoke.db")}",
            });
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    private static async Task AssertAnyNodeAnswersInstallJobsAsync(Dictionary<string, string> settings)
    {
        var roots = new[] { NewRoot(), NewRoot() };
        try
        {
            await using var a = ServerProcess.Start(roots[0], settings);
            await a.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
            await using var b = ServerProcess.Start(roots[1], settings);
            await b.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));

            // A weights file both nodes can read (as on a shared volume), installed in place through A.
            var file = Path.Combine(roots[0], "models", Guid.NewGuid().ToString("N"), "shared.safetensors");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, Guid.NewGuid().ToString());
            using var started = await a.Client.PostAsJsonAsync(
                $"/api/v2/models/install?source={Uri.EscapeDataString(file)}&inplace=true", new { name = "Installed through A" });
            var job = await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var id = job.GetProperty("id").GetInt32();

            using var listed = await b.Client.GetAsync("/api/v2/models/install");
            var jobs = await listed.ShouldHaveStatusAsync(HttpStatusCode.OK);
            jobs.EnumerateArray().Select(j => j.GetProperty("id").GetInt32()).Should().Contain(id);

            using var read = await b.Client.GetAsync($"/api/v2/models/install/{id}");
            var one = await read.ShouldHaveStatusAsync(HttpStatusCode.OK);
            one.GetProperty("status").GetString().Should().Be(job.GetProperty("status").GetString());
            one.GetProperty("local_path").GetString().Should().Be(file);
            one.GetProperty("config_in").GetProperty("name").GetString().Should().Be("Installed through A");
            one.GetProperty("config_out").GetProperty("key").GetString()
                .Should().Be(job.GetProperty("config_out").GetProperty("key").GetString());
            a.HasExited.Should().BeFalse();
            b.HasExited.Should().BeFalse();
        }
        finally
        {
            foreach (var root in roots.Where(Directory.Exists))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static string NewRoot() => Path.Combine(Path.GetTempPath(), "invoke-node-" + Guid.NewGuid().ToString("N"));
}
