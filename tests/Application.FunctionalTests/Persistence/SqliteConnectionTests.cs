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
}
