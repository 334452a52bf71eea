using System.Diagnostics;
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
        using var breaker = new SessionBreaker();

        var created = await breaker.RunAsync(() => GivenSingleUserWorkflowAsync(document));

        breaker.Broken.Should().Be(1, "the session was ended once, after the row was written");
        (await InDatabaseAsync(db => db.Workflows.CountAsync(w => w.Name == "Saved across a lost connection"))).Should().Be(1);
        (await StoredWorkflowAsync(created.WorkflowId)).Name.Should().Be("Saved across a lost connection");
        (await SendAsync(new VerifyWorkflowLibraryCountsCommand(Repair: false))).Differences.Should().BeEmpty();
    }

    /// <summary>
    /// Once, in the flow of <see cref="RunAsync{T}"/>: right after EF Core saved the rows inside a
    /// transaction, ends that session from another connection and lets the connection find out
    /// (as a failed keep-alive does), before the save's next statement.
    /// </summary>
    private sealed class SessionBreaker : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<SessionBreaker?> Active = new();
        private readonly List<IDisposable> _subscriptions = [];

        public SessionBreaker() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Broken { get; private set; }

        public async Task<T> RunAsync<T>(Func<Task<T>> action)
        {
            Active.Value = this;
            try
            {
                return await action();
            }
            finally
            {
                Active.Value = null;
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Active.Value != this || Broken > 0 || value.Key != CoreEventId.SaveChangesCompleted.Name
                || value.Value is not DbContextEventData { Context: { } context } || context.Database.CurrentTransaction is null)
            {
                return;
            }

            Broken++;
            var connection = (NpgsqlConnection)context.Database.GetDbConnection();
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

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
