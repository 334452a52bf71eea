using Invoke.Application.FunctionalTests.Testing;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Persistence;

/// <summary>The application's SQLite connections, however their settings are reached.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteConnectionTests(SqliteTestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task EveryConnection_EnforcesForeignKeys()
    {
        // Twice: the second open comes from the connection pool, which must keep the setting too.
        for (var open = 0; open < 2; open++)
        {
            var enforced = await InDatabaseAsync(db => db.Database
                .SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys")
                .SingleAsync());

            enforced.Should().Be(1);
        }
    }

    [Fact]
    public async Task AScopesQueries_ShareOneConnection_ClosedWhenTheScopeEnds()
    {
        System.Data.Common.DbConnection? connection = null;
        var states = await InDatabaseAsync(async db =>
        {
            connection = db.Database.GetDbConnection();
            await db.Users.CountAsync();
            var afterFirst = connection.State;
            await db.Workflows.CountAsync();
            return (afterFirst, connection.State);
        });

        states.Should().Be((System.Data.ConnectionState.Open, System.Data.ConnectionState.Open), "a request's queries run on the connection its first query opened");
        connection!.State.Should().Be(System.Data.ConnectionState.Closed, "a context's connection is closed when its scope ends, returned to SQLite's pool");
    }

    [Fact]
    public async Task EveryConnection_HasNoneOfEfCoresSqlFunctions_WhichWouldBeRegisteredOnEveryOpen()
    {
        // Twice: the second open comes from the pool, where Microsoft.Data.Sqlite would register them again.
        for (var open = 0; open < 2; open++)
        {
            var registered = await InDatabaseAsync(db => db.Database
                .SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM pragma_function_list WHERE name = 'regexp' OR name LIKE 'ef\\_%' ESCAPE '\\'")
                .SingleAsync());

            registered.Should().Be(0);
        }
    }
}
