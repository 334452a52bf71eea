using System.Data;
using Invoke.Application.Errors;
using Invoke.Application.Users;
using Invoke.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invoke.Infrastructure.Users;

/// <summary>
/// One lock for every change that counts administrators, held by a transaction on the request's
/// own connection: SQLite's write lock (taken at once), a PostgreSQL transaction-level advisory
/// lock, a SQL Server application lock. Whoever waits then counts what the other committed.
/// </summary>
internal sealed class UserAdministrationLock(AppDbContext db) : IUserAdministrationLock
{
    private const long PostgresLockId = 0x1_4E56_0CE0;

    /// <summary>Takes SQL Server's application lock and hands its return code back in <c>@result</c>.</summary>
    internal const string SqlServerApplock =
        "EXEC @result = sp_getapplock @Resource = N'invoke.user-administration', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000";

    internal const string LockBusy = "Another change to the user accounts is in progress; try again";

    internal const string LockFailed = "The user accounts could not be locked for this change";

    /// <summary>
    /// Goes on only when <c>sp_getapplock</c> granted the lock (0, or 1 after waiting); a timeout (−1)
    /// or a deadlock (−3) is a 409 to try again, a cancellation (−2), a bad call (−999) or no code a 500.
    /// </summary>
    internal static void CheckSqlServerApplockResult(int? code)
    {
        switch (code)
        {
            case >= 0:
                return;
            case -1 or -3:
                throw new ConflictException(LockBusy);
            default:
                throw new ServerFailureException(LockFailed);
        }
    }

    public async Task<IUserAdministrationTransaction> AcquireAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (db.Database.IsSqlite())
            {
                // A no-op write takes the database's write lock now rather than at the first real write.
                await db.Database.ExecuteSqlRawAsync("UPDATE users SET token_epoch = token_epoch WHERE user_id = 'system'", cancellationToken);
            }
            else if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockId})", cancellationToken);
            }
            else if (db.Database.IsSqlServer())
            {
                // sp_getapplock does not raise when it fails: it returns a negative code.
                var result = new SqlParameter("@result", SqlDbType.Int) { Direction = ParameterDirection.Output };
                await db.Database.ExecuteSqlRawAsync(SqlServerApplock, [result], cancellationToken);
                CheckSqlServerApplockResult(result.Value is int code ? code : null);
            }

            return new Transaction(transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private sealed class Transaction(IDbContextTransaction transaction) : IUserAdministrationTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
