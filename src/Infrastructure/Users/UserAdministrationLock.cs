using Invoke.Application.Users;
using Invoke.Infrastructure.Persistence;
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
                await db.Database.ExecuteSqlRawAsync(
                    "EXEC sp_getapplock @Resource = N'invoke.user-administration', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000",
                    cancellationToken);
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
