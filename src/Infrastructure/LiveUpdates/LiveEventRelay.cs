using Invoke.Application.LiveUpdates;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Invoke.Infrastructure.LiveUpdates;

/// <summary>
/// Delivers the <c>live_events</c> outbox to this node's sockets: polls for rows newer than the
/// last it delivered and prunes rows past their retention. Starts after the rows that exist when the
/// node starts (no socket was connected to see them). Ids are allocated before commit, so a
/// transaction committing late can expose a lower id after a higher one: ids stay "unsettled" for
/// <see cref="SettleTime"/> and are read again until then, each delivered once.
/// </summary>
internal sealed partial class LiveEventRelay(
    IServiceScopeFactory scopes,
    ILiveEventDispatcher dispatcher,
    LiveUpdatesOptions options,
    ILogger<LiveEventRelay> logger) : BackgroundService
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(10);
    private const int BatchSize = 500;

    private readonly Dictionary<long, DateTime> _unsettled = [];
    private long _floor = -1;
    private DateTime _nextPrune = DateTime.MinValue;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
                if (_failing)
                {
                    _failing = false;
                    LogPollRecovered(logger);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be migrating, restarting or busy: try again at the next tick,
                // and say so once rather than four times a second.
                if (!_failing)
                {
                    _failing = true;
                    LogPollFailed(logger, error);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<LiveEventRecord>();
        var now = DateTime.UtcNow;

        if (_floor < 0)
        {
            _floor = await events.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        }

        var floor = _floor;
        var rows = await events.AsNoTracking()
            .Where(e => e.Id > floor)
            .OrderBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (_unsettled.TryAdd(row.Id, now))
            {
                dispatcher.Dispatch(new LiveEvent(row.Name, row.Payload, row.Rooms.Split(LiveEventRecord.RoomSeparator)));
            }
        }

        // Every id up to the newest one seen long enough ago is settled: nothing lower can still commit.
        var settled = _unsettled.Where(e => now - e.Value >= SettleTime).Select(e => e.Key).DefaultIfEmpty(_floor).Max();
        if (settled > _floor)
        {
            _floor = settled;
            foreach (var id in _unsettled.Keys.Where(id => id <= settled).ToList())
            {
                _unsettled.Remove(id);
            }
        }

        if (now >= _nextPrune)
        {
            _nextPrune = now + PruneEvery;
            var cutoff = now - options.Retention;
            await events.Where(e => e.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the live_events outbox failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the live_events outbox works again")]
    private static partial void LogPollRecovered(ILogger logger);
}
