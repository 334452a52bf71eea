using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Invoke.Application.LiveUpdates;
using Invoke.Application.Security;
using Invoke.Application.Users;
using Invoke.Infrastructure.LiveUpdates;
using Invoke.WebApi.Security;

namespace Invoke.WebApi.LiveUpdates;

/// <summary>
/// A Socket.IO v5 server over Engine.IO v4 (HTTP long-polling with the WebSocket upgrade, or a
/// WebSocket from the start), for the namespace <c>/</c> only. It authenticates the CONNECT packet
/// (<c>auth.token</c>, else the Bearer header of the opening request), puts each connection in its
/// rooms (<see cref="LiveRooms"/>) and delivers every dispatched event to the connections in its
/// rooms. Heartbeat, bounded queues and shutdown close what must be closed.
/// </summary>
internal sealed partial class SocketIoServer(
    IServiceScopeFactory scopes,
    ServerMode mode,
    LiveUpdatesOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<SocketIoServer> logger) : ILiveEventDispatcher, IHostedService, IDisposable
{
    public const string Path = "/ws/socket.io";
    public const int MaxPayload = 1_000_000;
    public const string UnauthenticatedData = "ERR_UNAUTHENTICATED";

    private static readonly string[] IgnoredClientEvents =
        ["subscribe_queue", "unsubscribe_queue", "subscribe_bulk_download", "unsubscribe_bulk_download"];

    private readonly ConcurrentDictionary<string, LiveSocket> _sockets = new(StringComparer.Ordinal);
    private Timer? _heartbeat;
    private CancellationTokenRegistration _onStopping;
    private volatile bool _stopping;

    public int Count => _sockets.Count;

    private static long Now => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;

    private long PingIntervalMs => (long)options.PingInterval.TotalMilliseconds;

    private long PingTimeoutMs => (long)options.PingTimeout.TotalMilliseconds;

    private long ConnectTimeoutMs => PingIntervalMs + PingTimeoutMs;

    public void Dispatch(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        var packet = $"{EnginePacket.Message}{(int)SocketPacketType.Event}[{JsonSerializer.Serialize(liveEvent.Name)},{liveEvent.PayloadJson}]";
        foreach (var socket in _sockets.Values)
        {
            if (socket.IsConnected && socket.IsInAny(liveEvent.Rooms) && !socket.Send(packet))
            {
                LogSlowClient(logger, socket.EngineId);
                Forget(socket);
            }
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["EIO"] != "4")
        {
            await RefuseAsync(context, 5, "Unsupported protocol version");
            return;
        }

        var transport = query["transport"].ToString();
        if (transport is not ("polling" or "websocket"))
        {
            await RefuseAsync(context, 0, "Transport unknown");
            return;
        }

        if (_stopping)
        {
            await RefuseAsync(context, 4, "Forbidden", StatusCodes.Status503ServiceUnavailable);
            return;
        }

        var sid = query["sid"].ToString();
        if (sid.Length == 0)
        {
            await OpenAsync(context, transport);
            return;
        }

        if (!_sockets.TryGetValue(sid, out var socket) || socket.IsClosed)
        {
            await RefuseAsync(context, 1, "Session ID unknown");
            return;
        }

        switch (transport)
        {
            case "websocket" when context.WebSockets.IsWebSocketRequest && !socket.HasWebSocket && !socket.Upgraded:
                await UpgradeAsync(context, socket);
                break;
            case "polling" when HttpMethods.IsGet(context.Request.Method) && !socket.Upgraded:
                await PollAsync(context, socket);
                break;
            case "polling" when HttpMethods.IsPost(context.Request.Method) && !socket.Upgraded:
                await ReceivePollingAsync(context, socket);
                break;
            default:
                await RefuseAsync(context, 3, "Bad request");
                break;
        }
    }

    private async Task OpenAsync(HttpContext context, string transport)
    {
        var socket = new LiveSocket(options.MaxQueuedPackets, BearerToken.FromHeader(context.Request), Now);
        socket.NextPingAt = Now + PingIntervalMs;
        var webSocketOnly = transport == "websocket";
        if (webSocketOnly && !context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, 3, "Bad request");
            return;
        }

        if (!webSocketOnly && !HttpMethods.IsGet(context.Request.Method))
        {
            await RefuseAsync(context, 3, "Bad request");
            return;
        }

        var open = EnginePacket.Open + JsonSerializer.Serialize(new
        {
            sid = socket.EngineId,
            upgrades = webSocketOnly ? Array.Empty<string>() : ["websocket"],
            pingInterval = PingIntervalMs,
            pingTimeout = PingTimeoutMs,
            maxPayload = MaxPayload,
        });
        _sockets[socket.EngineId] = socket;

        if (!webSocketOnly)
        {
            await WriteTextAsync(context, open);
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        socket.HasWebSocket = true;
        socket.Upgraded = true;
        socket.Send(open);
        await RunWebSocketAsync(socket, webSocket, context.RequestAborted);
    }

    /// <summary>A long-polling GET: everything queued, or the next packet when nothing is.</summary>
    private static async Task PollAsync(HttpContext context, LiveSocket socket)
    {
        if (!socket.TryBeginPoll())
        {
            // Two concurrent polls are a protocol violation: the session ends.
            socket.Close(notify: false);
            await RefuseAsync(context, 3, "Bad request");
            return;
        }

        try
        {
            var packets = new List<string>();
            try
            {
                if (await socket.Outgoing.WaitToReadAsync(context.RequestAborted))
                {
                    var size = 0;
                    while (size < MaxPayload && socket.Outgoing.TryRead(out var packet))
                    {
                        packets.Add(packet);
                        size += packet.Length + 1;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (packets.Count == 0)
            {
                // The session ended while the poll waited: the client learns it from a close packet.
                packets.Add(EnginePacket.Close.ToString());
            }

            await WriteTextAsync(context, string.Join(EnginePacket.RecordSeparator, packets));
        }
        finally
        {
            socket.EndPoll();
        }
    }

    private async Task ReceivePollingAsync(HttpContext context, LiveSocket socket)
    {
        if (context.Request.ContentLength > MaxPayload)
        {
            Forget(socket);
            await RefuseAsync(context, 3, "Payload too large", StatusCodes.Status413PayloadTooLarge);
            return;
        }

        var body = await ReadBodyAsync(context.Request.Body, context.RequestAborted);
        if (body is null)
        {
            Forget(socket);
            await RefuseAsync(context, 3, "Payload too large", StatusCodes.Status413PayloadTooLarge);
            return;
        }

        foreach (var packet in body.Split(EnginePacket.RecordSeparator))
        {
            if (!await ReceiveAsync(socket, packet, context.RequestAborted))
            {
                break;
            }
        }

        await WriteTextAsync(context, "ok");
    }

    /// <summary>The WebSocket upgrade of a polling session: probe, then the upgrade packet.</summary>
    private async Task UpgradeAsync(HttpContext context, LiveSocket socket)
    {
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        socket.HasWebSocket = true;
        try
        {
            var probe = await ReadMessageAsync(webSocket, context.RequestAborted);
            if (probe != "2probe")
            {
                await CloseWebSocketAsync(webSocket);
                return;
            }

            await SendWebSocketAsync(webSocket, "3probe", context.RequestAborted);

            // The pending long-poll returns, so the client can finish switching over.
            socket.Send(EnginePacket.Noop.ToString());
            var upgrade = await ReadMessageAsync(webSocket, context.RequestAborted);
            if (upgrade != EnginePacket.Upgrade.ToString())
            {
                await CloseWebSocketAsync(webSocket);
                return;
            }

            socket.Upgraded = true;
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            socket.HasWebSocket = false;
            return;
        }

        await RunWebSocketAsync(socket, webSocket, context.RequestAborted);
    }

    private async Task RunWebSocketAsync(LiveSocket socket, WebSocket webSocket, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, socket.Closed);
        var sender = SendLoopAsync(socket, webSocket, stop.Token);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var message = await ReadMessageAsync(webSocket, stop.Token);
                if (message is null || !await ReceiveAsync(socket, message, stop.Token))
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            // The client went away, the session was closed or the message was too large.
        }
        finally
        {
            Forget(socket);
        }

        await sender;
    }

    /// <summary>
    /// Sends the queue until the session ends. A send stuck on a client that stopped reading is
    /// cancelled when the session is closed (its queue overflowed), which aborts the WebSocket.
    /// </summary>
    private static async Task SendLoopAsync(LiveSocket socket, WebSocket webSocket, CancellationToken stop)
    {
        try
        {
            await foreach (var packet in socket.Outgoing.ReadAllAsync(stop))
            {
                await SendWebSocketAsync(webSocket, packet, stop);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // The session was closed or the connection is gone.
        }

        await CloseWebSocketAsync(webSocket);
    }

    /// <summary>Handles one Engine.IO packet from the client; false when the session has ended.</summary>
    private async Task<bool> ReceiveAsync(LiveSocket socket, string packet, CancellationToken cancellationToken)
    {
        if (packet.Length == 0)
        {
            Forget(socket);
            return false;
        }

        switch (packet[0])
        {
            case EnginePacket.Pong:
                socket.PongDeadline = null;
                socket.NextPingAt = Now + PingIntervalMs;
                return true;
            case EnginePacket.Ping when packet == "2probe":
                return true;
            case EnginePacket.Message:
                return await ReceiveSocketPacketAsync(socket, packet.AsMemory(1), cancellationToken);
            case EnginePacket.Noop:
                return true;
            default:
                // A close packet, or anything this server does not expect from a client.
                Forget(socket);
                return false;
        }
    }

    private async Task<bool> ReceiveSocketPacketAsync(LiveSocket socket, ReadOnlyMemory<char> text, CancellationToken cancellationToken)
    {
        var packet = SocketPacket.Parse(text.Span);
        if (packet is null || packet.Type is SocketPacketType.BinaryEvent or SocketPacketType.BinaryAck)
        {
            Forget(socket);
            return false;
        }

        if (packet.Namespace != SocketPacket.DefaultNamespace)
        {
            if (packet.Type == SocketPacketType.Connect)
            {
                socket.Send($"{EnginePacket.Message}{(int)SocketPacketType.ConnectError}{packet.Namespace},{ErrorJson("Invalid namespace", null)}");
            }

            return true;
        }

        switch (packet.Type)
        {
            case SocketPacketType.Connect when !socket.IsConnected:
                await ConnectAsync(socket, packet.Data, cancellationToken);
                return true;
            case SocketPacketType.Disconnect:
                socket.Leave();
                return true;
            case SocketPacketType.Event when socket.IsConnected:
                if (!IsEvent(packet.Data))
                {
                    Forget(socket);
                    return false;
                }

                if (packet.AckId is { } ackId)
                {
                    socket.Send($"{EnginePacket.Message}{(int)SocketPacketType.Ack}{ackId}[]");
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>A CONNECT to <c>/</c>: the system administrator in single-user mode, else a valid token's user.</summary>
    private async Task ConnectAsync(LiveSocket socket, string data, CancellationToken cancellationToken)
    {
        var token = TokenFromAuth(data) ?? socket.HeaderToken;
        var user = mode.MultiUser ? await AuthenticateAsync(token, cancellationToken) : AuthenticatedUser.SystemAdministrator;
        if (user is null)
        {
            socket.Send($"{EnginePacket.Message}{(int)SocketPacketType.ConnectError}{ErrorJson("Authentication required", UnauthenticatedData)}");
            return;
        }

        socket.Join(user, mode.MultiUser ? token : null, LiveRooms.For(user));
        socket.NextRecheckAt = Now + (long)options.RecheckInterval.TotalMilliseconds;
        socket.Send($"{EnginePacket.Message}{(int)SocketPacketType.Connect}{JsonSerializer.Serialize(new { sid = socket.SocketId })}");
    }

    private async Task<AuthenticatedUser?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TokenAuthenticator>().AuthenticateAsync(token, cancellationToken);
        return result.Outcome == TokenAuthenticationOutcome.Authenticated ? result.User : null;
    }

    /// <summary>
    /// A connection whose account was deactivated, deleted, demoted or whose token expired must not
    /// keep receiving what it may no longer read: it is re-checked, and re-roomed or disconnected.
    /// </summary>
    private async Task RecheckAsync(LiveSocket socket)
    {
        try
        {
            var user = await AuthenticateAsync(socket.Token, socket.Closed);
            if (user is null)
            {
                socket.Leave();
                socket.Send($"{EnginePacket.Message}{(int)SocketPacketType.Disconnect}");
                return;
            }

            if (socket.User is { } current && current != user)
            {
                socket.Join(user, socket.Token, LiveRooms.For(user));
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogRecheckFailed(logger, socket.EngineId, error);
        }
    }

    private void Heartbeat(object? state)
    {
        var now = Now;
        foreach (var socket in _sockets.Values)
        {
            if (socket.IsClosed)
            {
                Forget(socket);
            }
            else if (socket.PongDeadline is { } deadline && now >= deadline)
            {
                LogPingTimeout(logger, socket.EngineId);
                Forget(socket);
            }
            else if (!socket.EverConnected && now - socket.CreatedAt >= ConnectTimeoutMs)
            {
                // Opened but never connected to the namespace (or refused): nothing to keep it for.
                Forget(socket);
            }
            else if (socket.PongDeadline is null && now >= socket.NextPingAt)
            {
                socket.PongDeadline = now + PingTimeoutMs;
                socket.Send(EnginePacket.Ping.ToString());
            }

            if (mode.MultiUser && socket.IsConnected && now >= socket.NextRecheckAt)
            {
                socket.NextRecheckAt = now + (long)options.RecheckInterval.TotalMilliseconds;
                _ = RecheckAsync(socket);
            }
        }
    }

    private void Forget(LiveSocket socket)
    {
        socket.Close();
        _sockets.TryRemove(new KeyValuePair<string, LiveSocket>(socket.EngineId, socket));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(PingIntervalMs, PingTimeoutMs) / 4, 50, 1000));
        _heartbeat = new Timer(Heartbeat, null, period, period);

        // Before Kestrel waits for open requests to finish: long-polls and WebSockets end at once.
        _onStopping = lifetime.ApplicationStopping.Register(CloseAll);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        CloseAll();
        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync();
        }
    }

    /// <summary>Shutdown: every connection is closed, so clients reconnect (to another node, if any).</summary>
    private void CloseAll()
    {
        _stopping = true;
        foreach (var socket in _sockets.Values)
        {
            Forget(socket);
        }
    }

    public void Dispose()
    {
        _onStopping.Dispose();
        _heartbeat?.Dispose();
    }

    private static bool IsEvent(string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Array
                && json.RootElement.GetArrayLength() > 0
                && json.RootElement[0].ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? TokenFromAuth(string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == JsonValueKind.String
                    ? token.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ErrorJson(string message, string? data) =>
        data is null ? JsonSerializer.Serialize(new { message }) : JsonSerializer.Serialize(new { message, data });

    /// <summary>A polling body as text, or null when it is larger than <see cref="MaxPayload"/>.</summary>
    private static async Task<string?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var text = new MemoryStream();
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Write(buffer, 0, read);
            if (text.Length > MaxPayload)
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }

    private static async Task<string?> ReadMessageAsync(WebSocket webSocket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await webSocket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxPayload)
            {
                throw new InvalidDataException("The message is larger than maxPayload.");
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : string.Empty;
            }
        }
    }

    private static Task SendWebSocketAsync(WebSocket webSocket, string packet, CancellationToken cancellationToken) =>
        webSocket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task CloseWebSocketAsync(WebSocket webSocket)
    {
        if (webSocket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }
    }

    private static Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=UTF-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>Engine.IO's error answer: <c>{"code": n, "message": "…"}</c>.</summary>
    private static Task RefuseAsync(HttpContext context, int code, string message, int status = StatusCodes.Status400BadRequest)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { code, message }, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live-update socket {Sid} fell too far behind and was disconnected")]
    private static partial void LogSlowClient(ILogger logger, string sid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live-update socket {Sid} did not answer the ping in time")]
    private static partial void LogPingTimeout(ILogger logger, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the account of live-update socket {Sid} failed")]
    private static partial void LogRecheckFailed(ILogger logger, string sid, Exception error);
}
