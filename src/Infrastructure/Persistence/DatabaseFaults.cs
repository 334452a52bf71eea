using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Invoke.Infrastructure.Persistence;

/// <summary>What a database failure means for the request that met it.</summary>
public enum DatabaseFaultKind
{
    /// <summary>
    /// Worth trying again at once and safe to: the statement cannot have taken effect (connection
    /// refused, server shutting down or starting, deadlock victim, serialization failure, SQLite busy,
    /// a connection found broken before anything was committed).
    /// </summary>
    Transient,

    /// <summary>The database does not answer in time or went away mid-statement: try again later.</summary>
    Unavailable,

    /// <summary>The disk under the database (or the root) is full.</summary>
    DiskFull,

    /// <summary>
    /// An embedded database's file could not be read, written or opened: a full disk or a failing one,
    /// which only the room left tells apart (<see cref="DatabaseStorage.Resolve"/>).
    /// </summary>
    StorageFailure,

    /// <summary>A unique index refused the row; <see cref="DatabaseFault.Constraint"/> names it where the provider says.</summary>
    UniqueViolation,

    /// <summary>The row points at a row that does not exist (any more).</summary>
    ForeignKeyViolation,

    /// <summary>The database refused a value (a NUL character, an invalid byte sequence, too long for its column).</summary>
    InvalidValue,
}

/// <summary>A classified database failure.</summary>
public sealed record DatabaseFault(DatabaseFaultKind Kind, string? Constraint = null)
{
    /// <summary>Whether the constraint (index) named <paramref name="name"/> was the one violated.</summary>
    public bool IsConstraint(string name) =>
        Constraint is not null && Constraint.Contains(name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The one classifier of database exceptions, for all three providers: it looks through EF's
/// wrappers (<c>DbUpdateException</c>, the retry-limit exception) for the provider's own error
/// and reads its code, never its message text (SQLite aside, which names the failed index only there).
/// </summary>
public static class DatabaseFaults
{
    private const int EnospcErrno = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The classification of <paramref name="exception"/>, or null when it is not a database failure this knows.</summary>
    public static DatabaseFault? Classify(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var fault = current switch
            {
                DatabaseCommitUnknownException => new DatabaseFault(DatabaseFaultKind.Unavailable),
                DatabaseConnectionLostException => new DatabaseFault(DatabaseFaultKind.Transient),
                PostgresException postgres => FromPostgres(postgres),
                NpgsqlException npgsql => FromNpgsql(npgsql),
                SqliteException sqlite => FromSqlite(sqlite),
                SqlException sqlServer => FromSqlServer(sqlServer),
                IOException io when IsDiskFull(io) => new DatabaseFault(DatabaseFaultKind.DiskFull),
                _ => null,
            };
            if (fault is not null)
            {
                return fault;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="exception"/> is safe to retry at once.</summary>
    public static bool IsTransient(Exception? exception) => Classify(exception)?.Kind == DatabaseFaultKind.Transient;

    public static bool IsDiskFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.HResult is EnospcErrno or WindowsDiskFull or WindowsHandleDiskFull;
    }

    private static DatabaseFault? FromPostgres(PostgresException e) => e.SqlState switch
    {
        // Serialization failure, deadlock: the transaction was rolled back.
        "40001" or "40P01" => new DatabaseFault(DatabaseFaultKind.Transient),

        // Admin shutdown, crash shutdown, cannot connect now (starting up), too many connections.
        "57P01" or "57P02" or "57P03" or "53300" => new DatabaseFault(DatabaseFaultKind.Transient),

        // Statement cancelled (by the command timeout), connection failures, out of memory or resources.
        "57014" or "53000" or "53200" => new DatabaseFault(DatabaseFaultKind.Unavailable),
        _ when e.SqlState.StartsWith("08", StringComparison.Ordinal) => new DatabaseFault(DatabaseFaultKind.Unavailable),

        "53100" => new DatabaseFault(DatabaseFaultKind.DiskFull),
        "23505" => new DatabaseFault(DatabaseFaultKind.UniqueViolation, e.ConstraintName),
        "23503" => new DatabaseFault(DatabaseFaultKind.ForeignKeyViolation, e.ConstraintName),

        // Data exceptions: NUL in text (22021), invalid byte sequence, value too long (22001) …
        _ when e.SqlState.StartsWith("22", StringComparison.Ordinal) => new DatabaseFault(DatabaseFaultKind.InvalidValue),
        _ => null,
    };

    private static DatabaseFault FromNpgsql(NpgsqlException e)
    {
        // No server error. Refused: nothing was sent, so trying again is safe. A connection that broke
        // or timed out mid-statement may have done its work: not retried, answered 503.
        return e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable }
            ? new DatabaseFault(DatabaseFaultKind.Transient)
            : new DatabaseFault(DatabaseFaultKind.Unavailable);
    }

    private static DatabaseFault? FromSqlite(SqliteException e) => e.SqliteErrorCode switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the lock beyond the busy timeout.
        5 or 6 => new DatabaseFault(DatabaseFaultKind.Transient),

        // SQLITE_FULL.
        13 => new DatabaseFault(DatabaseFaultKind.DiskFull),

        // SQLITE_IOERR (write, truncate, the WAL index's size …) and SQLITE_CANTOPEN (a journal or the
        // WAL index not created): what a full disk gives where SQLite does not say SQLITE_FULL, and
        // what a failing disk gives.
        10 or 14 => e.InnerException is IOException io && IsDiskFull(io)
            ? new DatabaseFault(DatabaseFaultKind.DiskFull)
            : new DatabaseFault(DatabaseFaultKind.StorageFailure),

        // SQLITE_READONLY: the file or its directory cannot be written.
        8 => new DatabaseFault(DatabaseFaultKind.Unavailable),

        // SQLITE_CONSTRAINT: the extended code says which kind ("UNIQUE constraint failed: users.email").
        19 => e.SqliteExtendedErrorCode switch
        {
            2067 or 1555 => new DatabaseFault(DatabaseFaultKind.UniqueViolation, ConstraintFromMessage(e.Message)),
            787 => new DatabaseFault(DatabaseFaultKind.ForeignKeyViolation),
            _ => null,
        },
        _ => null,
    };

    private static DatabaseFault? FromSqlServer(SqlException e) => e.Number switch
    {
        // Deadlock victim, snapshot conflict, lock request timeout; the server is starting or failing over.
        1205 or 3960 or 1222 or 4060 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920 => new DatabaseFault(DatabaseFaultKind.Transient),

        // Client-side timeout; no server found (53) or the connection was closed.
        -2 or 53 or 233 or 10053 or 10054 or 10060 or 10061 or 64 => new DatabaseFault(DatabaseFaultKind.Unavailable),

        // Could not allocate space (1105), the log is full (9002).
        1105 or 9002 => new DatabaseFault(DatabaseFaultKind.DiskFull),
        2601 or 2627 => new DatabaseFault(DatabaseFaultKind.UniqueViolation, e.Message),
        547 => new DatabaseFault(DatabaseFaultKind.ForeignKeyViolation, e.Message),

        // String or binary data would be truncated; conversion failures.
        8152 or 2628 or 245 or 8115 => new DatabaseFault(DatabaseFaultKind.InvalidValue),
        _ => null,
    };

    private static string? ConstraintFromMessage(string message)
    {
        const string marker = "constraint failed: ";
        var at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : message[(at + marker.Length)..].Trim().TrimEnd('\'', '.');
    }
}
