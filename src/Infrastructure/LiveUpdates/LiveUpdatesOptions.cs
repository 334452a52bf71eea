namespace Invoke.Infrastructure.LiveUpdates;

/// <summary>The <c>Invoke:LiveUpdates</c> configuration section: Socket.IO timing and the outbox.</summary>
public sealed class LiveUpdatesOptions
{
    public const string SectionName = "Invoke:LiveUpdates";

    /// <summary>How often a node reads new events from the <c>live_events</c> table.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long an event stays in the table (any node removes older ones).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Engine.IO heartbeat: the server pings every socket this often…</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>…and closes it when the pong has not come back within this time.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a connection's token and account are checked again (multi-user mode): a user
    /// deactivated, deleted or demoted stops receiving what they may no longer read.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Packets waiting for a slow client; a client that falls further behind is disconnected.</summary>
    public int MaxQueuedPackets { get; set; } = 512;
}
