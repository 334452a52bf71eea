using System.Security.Cryptography;
using System.Text;
using Invoke.Application.Users;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.Users;

/// <summary>
/// Password guesses counted in the database, so that every server instance behind a load balancer
/// enforces the same limits. Each budget is one row; an attempt is reserved by one conditional
/// upsert per budget (<c>INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING</c> on SQLite and
/// PostgreSQL, <c>MERGE … WITH (HOLDLOCK) … OUTPUT</c> on SQL Server) that counts the attempt only
/// while the budget is not spent: concurrent guesses never get past the limit.
/// </summary>
internal sealed class DatabaseLoginThrottle(AppDbContext db, InvokeOptions options, TimeProvider time) : ILoginThrottle
{
    private LoginThrottlingOptions Limits => options.LoginThrottling;

    public async Task<TimeSpan?> TryReserveAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reserved = new List<(string Key, int Limit)>();
        foreach (var (key, limit) in Budgets(accountKey, ClientAddress.Normalize(clientAddress)))
        {
            if (limit <= 0)
            {
                continue;
            }

            if (await TryCountAsync(key, limit, now, cancellationToken))
            {
                reserved.Add((key, limit));
                continue;
            }

            // Refused by this budget: the attempts reserved on the others are given back.
            foreach (var (taken, takenLimit) in reserved)
            {
                await ReleaseAsync(taken, takenLimit, cancellationToken);
            }

            return await WaitAsync(key, now, cancellationToken);
        }

        return null;
    }

    public async Task RecordFailureAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken)
    {
        // The reservation already counted the failure. Entries whose window and block have passed
        // count for nothing: drop them, so that attempts on made-up accounts cannot grow the table.
        var now = time.GetUtcNow().UtcDateTime;
        var expired = now - Limits.Window;
        await db.LoginThrottle
            .Where(e => e.WindowStartedAt < expired && (e.BlockedUntil == null || e.BlockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async Task RecordSuccessAsync(string accountKey, string? clientAddress, CancellationToken cancellationToken)
    {
        var address = ClientAddress.Normalize(clientAddress);
        string[] cleared = [PairKey(accountKey, address), AccountKey(accountKey)];
        await db.LoginThrottle.Where(e => cleared.Contains(e.ScopeKey)).ExecuteDeleteAsync(cancellationToken);
        if (address is not null && Limits.MaxFailuresPerAddress > 0)
        {
            await ReleaseAsync(AddressKey(address), Limits.MaxFailuresPerAddress, cancellationToken);
        }
    }

    private IEnumerable<(string Key, int Limit)> Budgets(string accountKey, string? address)
    {
        yield return (PairKey(accountKey, address), Limits.MaxFailuresPerClient);
        yield return (AccountKey(accountKey), Limits.MaxFailuresPerAccount);
        if (address is not null)
        {
            yield return (AddressKey(address), Limits.MaxFailuresPerAddress);
        }
    }

    /// <summary>Counts one attempt on the budget unless it is spent; true when counted.</summary>
    private async Task<bool> TryCountAsync(string key, int limit, DateTime now, CancellationToken cancellationToken)
    {
        var expired = now - Limits.Window;
        var blockUntil = now + Limits.Window;
        var counted = db.Database.IsSqlServer()
            ? db.Database.SqlQuery<int>($"""
                MERGE login_throttle WITH (HOLDLOCK) AS t
                USING (SELECT {key} AS scope_key) AS s ON t.scope_key = s.scope_key
                WHEN MATCHED AND (t.blocked_until IS NULL OR t.blocked_until <= {now})
                    AND (t.window_started_at <= {expired} OR t.failures < {limit}) THEN UPDATE SET
                    failures = CASE WHEN t.window_started_at <= {expired} THEN 1 ELSE t.failures + 1 END,
                    window_started_at = CASE WHEN t.window_started_at <= {expired} THEN {now} ELSE t.window_started_at END,
                    blocked_until = CASE WHEN (CASE WHEN t.window_started_at <= {expired} THEN 1 ELSE t.failures + 1 END) >= {limit}
                        THEN {blockUntil} ELSE NULL END
                WHEN NOT MATCHED THEN INSERT (scope_key, failures, window_started_at, blocked_until)
                    VALUES ({key}, 1, {now}, CASE WHEN 1 >= {limit} THEN {blockUntil} ELSE NULL END)
                OUTPUT inserted.failures AS [Value];
                """)
            : db.Database.SqlQuery<int>($"""
                INSERT INTO login_throttle (scope_key, failures, window_started_at, blocked_until)
                VALUES ({key}, 1, {now}, CASE WHEN 1 >= {limit} THEN {blockUntil} ELSE NULL END)
                ON CONFLICT (scope_key) DO UPDATE SET
                    failures = CASE WHEN login_throttle.window_started_at <= {expired} THEN 1 ELSE login_throttle.failures + 1 END,
                    window_started_at = CASE WHEN login_throttle.window_started_at <= {expired} THEN {now} ELSE login_throttle.window_started_at END,
                    blocked_until = CASE WHEN (CASE WHEN login_throttle.window_started_at <= {expired} THEN 1 ELSE login_throttle.failures + 1 END) >= {limit}
                        THEN {blockUntil} ELSE NULL END
                WHERE (login_throttle.blocked_until IS NULL OR login_throttle.blocked_until <= {now})
                    AND (login_throttle.window_started_at <= {expired} OR login_throttle.failures < {limit})
                RETURNING failures AS "Value"
                """);
        return (await counted.ToListAsync(cancellationToken)).Count > 0;
    }

    /// <summary>Gives one reserved attempt back (the password was right, or another budget refused).</summary>
    private async Task ReleaseAsync(string key, int limit, CancellationToken cancellationToken) =>
        await db.LoginThrottle
            .Where(e => e.ScopeKey == key && e.Failures > 0)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(e => e.Failures, e => e.Failures - 1)
                    .SetProperty(e => e.BlockedUntil, e => e.Failures - 1 < limit ? null : e.BlockedUntil),
                cancellationToken);

    private async Task<TimeSpan> WaitAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        var entry = await db.LoginThrottle.AsNoTracking().FirstOrDefaultAsync(e => e.ScopeKey == key, cancellationToken);
        var until = entry?.BlockedUntil ?? (entry?.WindowStartedAt ?? now) + Limits.Window;
        return until > now ? until - now : TimeSpan.FromSeconds(1);
    }

    /// <summary>Hashed: an e-mail address and an address together may be longer than the column.</summary>
    private static string PairKey(string accountKey, string? address) =>
        "client:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountKey + "\n" + (address ?? "-"))));

    private static string AccountKey(string accountKey) => "account:" + accountKey;

    private static string AddressKey(string address) => "address:" + address;
}
