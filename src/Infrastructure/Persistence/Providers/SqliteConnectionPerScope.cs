using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invoke.Infrastructure.Persistence.Providers;

/// <summary>
/// Keeps a SQLite context's connection open from its first query until the context is disposed or
/// returned to the pool (which closes it), instead of EF Core's open and close around every query.
/// Each open and close of a pooled SQLite connection passes through a process-wide wait handle in
/// Microsoft.Data.Sqlite's pool, which a profile of the server under load showed as its most
/// contended lock; a request's queries (the caller's row, then the use case's) now take it once.
/// An open SQLite connection holds no lock and no snapshot between statements.
/// </summary>
internal sealed class SqliteConnectionPerScope : DbConnectionInterceptor
{
    public static readonly SqliteConnectionPerScope Instance = new();

    private SqliteConnectionPerScope()
    {
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());
}
