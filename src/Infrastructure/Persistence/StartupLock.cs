using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Invoke.Infrastructure.Persistence;

/// <summary>
/// One lock across every process that starts on the same database, held while it migrates and
/// seeds: a PostgreSQL session advisory lock, a SQL Server session application lock (its return
/// code checked), for SQLite an exclusive lock on a file beside the database. Held on a connection
/// of its own, and taken by polling, so that no statement waits longer than the command timeout
/// while another node runs a long migration.
/// </summary>
public static class StartupLock
{
    private const long PostgresKey = 0x1_4E56_5374;
    private const string SqlServerResource = "invoke.startup";

    /// <summary>How long a node waits for another node's start-up before it gives up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<IAsyncDisposable> AcquireAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
        if (db.Database.IsSqlite())
        {
            return await SqliteFileLockAsync(connectionString, cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            return await PostgresLockAsync(connectionString, cancellationToken);
        }

        if (db.Database.IsSqlServer())
        {
            return await SqlServerLockAsync(connectionString, cancellationToken);
        }

        throw new InvalidOperationException("Unknown database provider.");
    }

    /// <summary>The file beside a SQLite database whose exclusive lock serializes start-ups.</summary>
    public static string SqliteLockFile(string connectionString)
    {
        var dataSource = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return dataSource + ".startup-lock";
    }

    private static async Task<IAsyncDisposable> SqliteFileLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        var path = SqliteLockFile(connectionString);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return await PollAsync(
            () =>
            {
                try
                {
                    // FileShare.None is an exclusive advisory lock (flock) on Unix, a share lock on Windows.
                    return Task.FromResult<IAsyncDisposable?>(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException e) when (!DatabaseFaults.IsDiskFull(e))
                {
                    return Task.FromResult<IAsyncDisposable?>(null);
                }
            },
            cancellationToken);
    }

    private static async Task<IAsyncDisposable> PostgresLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = await OpenPostgresAsync(connectionString, cancellationToken);
        try
        {
            return await PollAsync(
                async () =>
                {
                    await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({PostgresKey})", connection);
                    return await command.ExecuteScalarAsync(cancellationToken) is true
                        ? new Releaser(connection, $"SELECT pg_advisory_unlock({PostgresKey})")
                        : null;
                },
                cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The configured database, or the server's maintenance database when it does not exist yet (the migration creates it).</summary>
    private static async Task<NpgsqlConnection> OpenPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: the session (and its lock) ends when the connection is closed.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (PostgresException e) when (e.SqlState == "3D000")
        {
            await connection.DisposeAsync();
            var maintenance = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ToString());
            await maintenance.OpenAsync(cancellationToken);
            return maintenance;
        }
    }

    private static async Task<IAsyncDisposable> SqlServerLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        // The lock is taken in master, so that it also serializes the creation of the database.
        var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master", Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        try
        {
            return await PollAsync(
                async () =>
                {
                    await using var command = new SqlCommand(
                        $"DECLARE @result int; EXEC @result = sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0; SELECT @result;",
                        connection);

                    // 0 granted, 1 granted after waiting; negative: not granted (timeout, deadlock, error).
                    var result = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                    return result >= 0
                        ? new Releaser(connection, $"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = N'Session'")
                        : null;
                },
                cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<IAsyncDisposable> PollAsync(Func<Task<IAsyncDisposable?>> tryAcquire, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            if (await tryAcquire() is { } held)
            {
                return held;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Another server has held the start-up lock for more than {MaxWait.TotalMinutes} minutes.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Releases a session lock and closes its connection (closing alone would release it too).</summary>
    private sealed class Releaser(DbConnection connection, string releaseSql) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = releaseSql;
                await command.ExecuteNonQueryAsync();
            }
            catch (DbException)
            {
                // The connection is gone, and the session's lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
