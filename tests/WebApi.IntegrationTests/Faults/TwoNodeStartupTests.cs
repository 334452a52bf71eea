using System.Net;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;
using Npgsql;

namespace Invoke.WebApi.IntegrationTests.Faults;

/// <summary>
/// Two real server processes started at the same moment on one PostgreSQL database that does not
/// exist yet: both migrate-or-wait and seed-or-wait, both become healthy, and as they share nothing
/// but the database, a thumbnail uploaded through one is served by the other.
/// </summary>
public sealed class TwoNodeStartupTests
{
    [Fact]
    public async Task TwoNodes_StartedAtOnceOnAnEmptyDatabase_BothBecomeHealthy_AndServeEachOthersThumbnails()
    {
        var server = Environment.GetEnvironmentVariable("INVOKE_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Assert.Skip("SKIPPED: INVOKE_TEST_POSTGRES is not set; scripts/test.sh starts a throw-away PostgreSQL server.");
        }

        var database = "invoke_nodes_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var settings = new Dictionary<string, string>
        {
            ["Invoke:Database:Provider"] = "Postgres",
            ["Invoke:Database:ConnectionString"] = connectionString,
        };
        var roots = new[] { NewRoot(), NewRoot() };
        try
        {
            await using var a = ServerProcess.Start(roots[0], settings);
            await using var b = ServerProcess.Start(roots[1], settings);
            await Task.WhenAll(a.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3)), b.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3)));

            var id = await a.Client.CreateAsync();
            await (await a.Client.PutThumbnailAsync(id, TestImages.Png(300, 150))).ShouldBeJsonNullAsync();

            using var served = await b.Client.GetAsync($"/api/v1/workflows/i/{id}/thumbnail");
            served.StatusCode.Should().Be(HttpStatusCode.OK);
            served.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
            var image = TestImages.Decode(await served.Content.ReadAsByteArrayAsync());
            (image.Width, image.Height).Should().Be((256, 128));

            // One system account and one set of default workflows, whoever seeded them.
            using var defaults = await b.Client.GetAsync(WorkflowBodies.Collection + "?categories=default&per_page=1000");
            var listed = await defaults.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var names = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
            names.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
            a.HasExited.Should().BeFalse();
            b.HasExited.Should().BeFalse();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }

            foreach (var root in roots.Where(Directory.Exists))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static string NewRoot() => Path.Combine(Path.GetTempPath(), "invoke-node-" + Guid.NewGuid().ToString("N"));
}
