using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Invoke.Application.FunctionalTests.Persistence;

/// <summary>
/// PostgreSQL ends a session between two statements of one save (a keep-alive that failed, the
/// server shutting down): the provider then reports only "the transaction is already completed".
/// Nothing was committed, so the save is tried again on a new connection — never answered as an
/// unexpected failure, never saved twice, the counts kept.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionLostTests(PostgresTestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Create_WhenTheSessionEndsBetweenTheRowAndItsCount_IsSavedOnce_WithTheCountsRight()
    {
        var document = WorkflowDocuments.Create(name: "Saved across a lost connection");
        var broken = 0;

        var created = await EfCoreEvents.ObserveAsync(() => GivenSingleUserWorkflowAsync(document), (name, payload) =>
        {
            if (broken == 0 && name == CoreEventId.SaveChangesCompleted.Name
                && payload is DbContextEventData { Context: { } context } && context.Database.CurrentTransaction is not null)
            {
                broken++;
                EndSession((NpgsqlConnection)context.Database.GetDbConnection());
            }
        });

        broken.Should().Be(1, "the session was ended once, after the row was written");
        (await InDatabaseAsync(db => db.Workflows.CountAsync(w => w.Name == "Saved across a lost connection"))).Should().Be(1);
        (await StoredWorkflowAsync(created.WorkflowId)).Name.Should().Be("Saved across a lost connection");
        (await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false))).Differences.Should().BeEmpty();
    }

    [Fact]
    public async Task Read_WhenTheSessionEndsJustBeforeItsQuery_IsAnsweredFromANewConnection()
    {
        var created = await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: "Read across a lost connection"));
        var broken = 0;

        var read = await EfCoreEvents.ObserveAsync(
            async () =>
            {
                // EF Core decides whether to raise command events at most once a second per context
                // (its logging cache time); the pooled context may have decided without an observer.
                await Task.Delay(TimeSpan.FromSeconds(1.2));
                return await SendAsync(new GetWorkflowQuery(created.WorkflowId));
            },
            (name, payload) =>
            {
                if (broken == 0 && name == RelationalEventId.CommandExecuting.Name
                    && payload is CommandEventData { Command.CommandText: { } sql, Context: { } context }
                    && sql.Contains("workflow_documents", StringComparison.Ordinal))
                {
                    broken++;
                    EndSession((NpgsqlConnection)context.Database.GetDbConnection());
                }
            });

        broken.Should().Be(1, "the session was ended once, before the workflow's query");
        read.Name.Should().Be("Read across a lost connection");
    }

    /// <summary>
    /// Ends <paramref name="connection"/>'s session from another connection, then lets the connection
    /// find out (as a failed keep-alive does), before the save's next statement.
    /// </summary>
    private static void EndSession(NpgsqlConnection connection)
    {
        var other = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Pooling = false }.ToString();
        using (var killer = new NpgsqlConnection(other))
        {
            killer.Open();
            using var terminate = killer.CreateCommand();
            terminate.CommandText = $"SELECT pg_terminate_backend({connection.ProcessID})";
            terminate.ExecuteScalar();
        }

        try
        {
            using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT 1";
            probe.ExecuteScalar();
        }
        catch (NpgsqlException)
        {
            // The session is gone: the connection is broken now.
        }
    }
}
