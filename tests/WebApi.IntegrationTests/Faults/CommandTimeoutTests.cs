using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.Data.Sqlite;

namespace Invoke.WebApi.IntegrationTests.Faults;

/// <summary>A server whose statements may wait one second, retried once.</summary>
public sealed class ShortTimeoutApiFactory : InvokeApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:Database:CommandTimeoutSeconds"] = "1",
        ["Invoke:Database:MaxRetryCount"] = "1",
    };
}

/// <summary>
/// A write that cannot get the database within the command timeout (another connection holds
/// SQLite's write lock) is answered 503 in bounded time, and goes through once the lock is gone.
/// </summary>
public sealed class CommandTimeoutTests(ShortTimeoutApiFactory factory) : IClassFixture<ShortTimeoutApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Create_WhileAnotherConnectionHoldsTheWriteLock_Is503InBoundedTime_ThenSucceeds()
    {
        await _client.CreateAsync();
        await using var holder = new SqliteConnection($"Data Source={Path.Combine(factory.Root, "databases", "invoke.db")};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        using var refused = await _client.PostAsJsonAsync(WorkflowBodies.Collection, WorkflowBodies.Wrap(WorkflowBodies.Document("Waits for the lock")));
        watch.Stop();

        (await refused.ShouldFailWithAsync(HttpStatusCode.ServiceUnavailable)).Should().Be("The database is unavailable; try again shortly");
        refused.Headers.RetryAfter.Should().NotBeNull();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "two attempts of one second each, and a short pause between them");

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var created = await _client.CreateAsync(WorkflowBodies.Document("After the lock"));
        (await _client.GetWorkflowAsync(created)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
