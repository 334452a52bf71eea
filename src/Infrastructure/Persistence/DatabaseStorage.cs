using Microsoft.Data.Sqlite;

namespace Invoke.Infrastructure.Persistence;

/// <summary>
/// The file system under an embedded (SQLite) database. SQLite reports a full disk as
/// <c>SQLITE_FULL</c> on most writes, but as an I/O error or "unable to open" when it is the
/// write-ahead log's index or a journal that cannot be created or grown; this tells those apart
/// from a failing disk by looking at the room left. A database server's storage is its own.
/// </summary>
public sealed class DatabaseStorage
{
    /// <summary>
    /// Below this much free space a file system counts as full: for the database (SQLite grows its files
    /// in pages, the log in frames) and for <c>/health</c>'s check of the root.
    /// </summary>
    public const long MinimumFreeBytes = 16L * 1024 * 1024;

    private readonly string? _directory;

    /// <param name="sqliteConnectionString">The SQLite connection string; null for a database server.</param>
    public DatabaseStorage(string? sqliteConnectionString)
    {
        if (sqliteConnectionString is null)
        {
            return;
        }

        var file = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        if (!string.IsNullOrWhiteSpace(file) && file != ":memory:")
        {
            _directory = Path.GetDirectoryName(Path.GetFullPath(file));
        }
    }

    /// <summary>Whether the file system holding the database file has less than <see cref="MinimumFreeBytes"/> left.</summary>
    public bool IsFull() => _directory is not null && FreeBytes(_directory) < MinimumFreeBytes;

    /// <summary>The space left to this process on the file system holding <paramref name="directory"/>; null when it cannot be read.</summary>
    public static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="fault"/> with a storage failure resolved by its cause: <see cref="DatabaseFaultKind.DiskFull"/>
    /// when the database's disk is full, else <see cref="DatabaseFaultKind.Unavailable"/>. Other faults are returned as they are.
    /// </summary>
    public DatabaseFault? Resolve(DatabaseFault? fault) => fault?.Kind == DatabaseFaultKind.StorageFailure
        ? fault with { Kind = IsFull() ? DatabaseFaultKind.DiskFull : DatabaseFaultKind.Unavailable }
        : fault;
}
