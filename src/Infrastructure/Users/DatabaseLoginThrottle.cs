using Invoke.Application.Users;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.Users;

/// <summary>
/// Login failures counted in the database, so that every server instance behind a load balancer
/// enforces the same limits.
/// </summary>
internal sealed class DatabaseLoginThrottle(AppDbContext db, InvokeOptions options, TimeProvider time) : ILoginThrottle
{
    private LoginThrottlingOptions Limits => options.LoginThrottling;

    public async Task<TimeSpan?> RetryAfterAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken)
    {
        var keys = Keys(accountKey, clientAddress);
        var now = time.GetUtcNow().UtcDateTime;
        var blockedUntil = await db.LoginThrottle.AsNoTracking()
            .Where(e => keys.Contains(e.ScopeKey) && e.BlockedUntil != null && e.BlockedUntil > now)
            .MaxAsync(e => e.BlockedUntil, cancellationToken);
        return blockedUntil is { } until ? until - now : null;
    }

    public async Task RecordFailureAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await CountAsync(AccountKey(accountKey), Limits.MaxFailuresPerAccount, now, cancellationToken);
        if (clientAddress is not null)
        {
            await CountAsync(AddressKey(clientAddress), Limits.MaxFailuresPerAddress, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent failure created the same entry; one lost count does not matter.
            db.ChangeTracker.Clear();
        }

        // Entries whose window has passed count for nothing: drop them, so that attempts on made-up
        // addresses cannot grow the table without bound.
        var expired = now - Limits.Window;
        await db.LoginThrottle
            .Where(e => e.WindowStartedAt < expired && (e.BlockedUntil == null || e.BlockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async Task RecordSuccessAsync(string accountKey, CancellationToken cancellationToken)
    {
        var key = AccountKey(accountKey);
        await db.LoginThrottle.Where(e => e.ScopeKey == key).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task CountAsync(string key, int limit, DateTime now, CancellationToken cancellationToken)
    {
        var entry = await db.LoginThrottle.FirstOrDefaultAsync(e => e.ScopeKey == key, cancellationToken);
        if (entry is null)
        {
            entry = new LoginThrottleEntry { ScopeKey = key, WindowStartedAt = now };
            db.LoginThrottle.Add(entry);
        }
        else if (now - entry.WindowStartedAt >= Limits.Window)
        {
            entry.Failures = 0;
            entry.WindowStartedAt = now;
            entry.BlockedUntil = null;
        }

        entry.Failures++;
        if (limit > 0 && entry.Failures >= limit)
        {
            entry.BlockedUntil = now + Limits.Window;
        }
    }

    private static string[] Keys(string accountKey, string? clientAddress) =>
        clientAddress is null ? [AccountKey(accountKey)] : [AccountKey(accountKey), AddressKey(clientAddress)];

    private static string AccountKey(string accountKey) => "account:" + accountKey;

    private static string AddressKey(string address) => "address:" + address;
}
