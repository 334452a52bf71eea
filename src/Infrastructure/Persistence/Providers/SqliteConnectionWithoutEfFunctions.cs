using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invoke.Infrastructure.Persistence.Providers;

/// <summary>
/// Creates a SQLite context's connection itself, without the SQL functions EF Core's SQLite provider
/// registers on the connections it creates (<c>regexp</c> and the <c>ef_*</c> decimal functions and
/// aggregates). Microsoft.Data.Sqlite registers a connection's functions with SQLite on every open and
/// removes them on every close, so with a pooled connection opened once per request they cost about
/// twenty native calls a request — 8 % of a profile of <c>GET /i/{id}</c> under load. Invoke's queries
/// use none of them: no <c>Regex.IsMatch</c> and no decimal arithmetic is translated to SQL here, and a
/// query that did would fail with "no such function" in the suite.
/// </summary>
internal sealed class SqliteConnectionWithoutEfFunctions : DbConnectionInterceptor
{
    public static readonly SqliteConnectionWithoutEfFunctions Instance = new();

    private SqliteConnectionWithoutEfFunctions()
    {
    }

    /// <remarks>EF Core disposes a connection created here as it does one it created (the context owns it).</remarks>
    public override InterceptionResult<DbConnection> ConnectionCreating(
        ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
        eventData.ConnectionString is { } connectionString
            ? InterceptionResult<DbConnection>.SuppressWithResult(new SqliteConnection(connectionString))
            : result;
}
