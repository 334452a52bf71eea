using System.Security.Cryptography;
using System.Threading.Channels;
using Invoke.Application.Security;

namespace Invoke.WebApi.LiveUpdates;

/// <summary>
/// One Engine.IO session and the Socket.IO connection to namespace <c>/</c> on it. Packets to the
/// client wait in a bounded queue, read by the long-polling GET or by the WebSocket sender; a client
/// that lets the queue fill is disconnected, so a slow client costs bounded memory.
/// </summary>
internal sealed class LiveSocket
{
    private readonly Channel<string> _outgoing;
    private readonly CancellationTokenSource _closed = new();
    private readonly object _gate = new();
    private IReadOnlyList<string> _rooms = [];
    private int _polling;

    public LiveSocket(int maxQueuedPackets, string? headerToken, long now)
    {
        _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(maxQueuedPackets)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        HeaderToken = headerToken;
        CreatedAt = now;
        NextPingAt = now;
    }

    /// <summary>The Engine.IO session id the client sends back as <c>sid</c>.</summary>
    public string EngineId { get; } = NewId();

    /// <summary>The Socket.IO id of the connection to <c>/</c>.</summary>
    public string SocketId { get; } = NewId();

    /// <summary>The Bearer token of the request that opened the session, used when CONNECT carries none.</summary>
    public string? HeaderToken { get; }

    public long CreatedAt { get; }

    /// <summary>Set once the client sent the Engine.IO upgrade packet over its WebSocket.</summary>
    public bool Upgraded { get; set; }

    /// <summary>A WebSocket is attached (probing or upgraded).</summary>
    public bool HasWebSocket { get; set; }

    public long NextPingAt { get; set; }

    /// <summary>When the outstanding ping expires; null while none is outstanding.</summary>
    public long? PongDeadline { get; set; }

    public long NextRecheckAt { get; set; }

    /// <summary>The token that authenticated the connection (multi-user mode), checked again periodically.</summary>
    public string? Token { get; private set; }

    public AuthenticatedUser? User { get; private set; }

    public bool IsConnected => User is not null;

    /// <summary>Whether a CONNECT to <c>/</c> ever succeeded on this session.</summary>
    public bool EverConnected { get; private set; }

    public bool IsClosed => _closed.IsCancellationRequested;

    public CancellationToken Closed => _closed.Token;

    public ChannelReader<string> Outgoing => _outgoing.Reader;

    public IReadOnlyList<string> Rooms => Volatile.Read(ref _rooms);

    public void Join(AuthenticatedUser user, string? token, IReadOnlyList<string> rooms)
    {
        lock (_gate)
        {
            User = user;
            Token = token;
            EverConnected = true;
            Volatile.Write(ref _rooms, rooms);
        }
    }

    public void Leave()
    {
        lock (_gate)
        {
            User = null;
            Token = null;
            Volatile.Write(ref _rooms, []);
        }
    }

    public bool IsInAny(IReadOnlyList<string> rooms)
    {
        var mine = Rooms;
        foreach (var room in rooms)
        {
            foreach (var joined in mine)
            {
                if (string.Equals(room, joined, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Queues a packet; false (and the socket closed) when the client has fallen too far behind.</summary>
    public bool Send(string packet)
    {
        if (_outgoing.Writer.TryWrite(packet))
        {
            return true;
        }

        Close(notify: false);
        return false;
    }

    /// <summary>Only one long-polling GET may wait at a time.</summary>
    public bool TryBeginPoll() => Interlocked.CompareExchange(ref _polling, 1, 0) == 0;

    public void EndPoll() => Volatile.Write(ref _polling, 0);

    /// <summary>Ends the session; <paramref name="notify"/> tells a polling client with a close packet first.</summary>
    public void Close(bool notify = true)
    {
        lock (_gate)
        {
            if (_closed.IsCancellationRequested)
            {
                return;
            }

            if (notify)
            {
                _outgoing.Writer.TryWrite(EnginePacket.Close.ToString());
            }

            _outgoing.Writer.TryComplete();
            _closed.Cancel();
        }
    }

    private static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
