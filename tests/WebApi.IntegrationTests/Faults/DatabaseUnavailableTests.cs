using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL stopped under a running server (a cluster of this test's own): requests are answered
/// 503 with <c>Retry-After</c> in bounded time — never 500, never a hang — and once the database is
/// back the same server answers 200 again, without a restart.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Requests_WhilePostgresIsStopped_Are503WithRetryAfter_And200AgainOnceItIsBack()
    {
        await using var cluster = await PrivatePostgresCluster.StartAsync();
        var root = Path.Combine(Path.GetTempPath(), "invoke-faults-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = ServerProcess.Start(root, new Dictionary<string, string>
            {
                ["Invoke:Database:Provider"] = "Postgres",
                ["Invoke:Database:ConnectionString"] = cluster.ConnectionString("invoke_faults"),
            });
            await server.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
            var client = server.Client;
            var existing = await client.CreateAsync();

            await cluster.StopServerAsync();

            foreach (var request in new Func<Task<HttpResponseMessage>>[]
            {
                () => client.GetAsync(WorkflowBodies.Collection + "?per_page=5"),
                () => client.GetAsync($"/api/v1/workflows/i/{existing}"),
                () => client.PostAsJsonAsync(WorkflowBodies.Collection, WorkflowBodies.Wrap(WorkflowBodies.Document())),
                () => client.DeleteAsync($"/api/v1/workflows/i/{existing}"),
            })
            {
                var watch = Stopwatch.StartNew();
                using var response = await request();
                watch.Elapsed.Should().BeLessThan(Bound);
                (await response.ShouldFailWithAsync(HttpStatusCode.ServiceUnavailable)).Should().Be("The database is unavailable; try again shortly");
                response.Headers.RetryAfter.Should().NotBeNull();
                response.Headers.RetryAfter!.Delta.Should().BePositive();
            }

            var healthWatch = Stopwatch.StartNew();
            using (var health = await client.GetAsync("/health"))
            {
                health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            }

            healthWatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));

            await cluster.StartServerAsync();

            // Connections the stop broke may still answer 503 once each; then 200, never anything else.
            var deadline = DateTime.UtcNow + Bound;
            HttpStatusCode status;
            do
            {
                using var again = await client.GetAsync($"/api/v1/workflows/i/{existing}");
                status = again.StatusCode;
                status.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
            }
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

            status.Should().Be(HttpStatusCode.OK);
            await client.CreateAsync();
            using var healthy = await client.GetAsync("/health");
            healthy.StatusCode.Should().Be(HttpStatusCode.OK);
            server.HasExited.Should().BeFalse();
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
