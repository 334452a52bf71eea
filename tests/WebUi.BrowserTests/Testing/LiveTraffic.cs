using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>
/// What a page's Socket.IO connections and workflow-list requests did, in order: connects and
/// disconnects, the events received, transports closed, list answers. It knows which Engine.IO
/// sessions are connected to the namespace, so a test can wait until the UI has settled on one (the
/// UI replaces its first connection while it starts); and a live-update expectation that fails says
/// whether the event reached the page and whether the list was read again.
/// </summary>
public sealed class LiveTraffic
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly HashSet<string> _connected = new(StringComparer.Ordinal);
    private TimeSpan _changedAt;

    /// <summary>Records the Socket.IO packets and workflow-list answers of <paramref name="page"/> from now on.</summary>
    public static LiveTraffic Record(IPage page)
    {
        var traffic = new LiveTraffic();
        page.Response += async (_, response) =>
        {
            if (IsSocketIo(response.Url) && response.Request.Method == "GET")
            {
                try
                {
                    var session = SessionOf(response.Url);
                    foreach (var packet in (await response.TextAsync()).Split('\u001e'))
                    {
                        traffic.Packet(session, "poll in", packet);
                    }
                }
                catch (PlaywrightException)
                {
                    // A long poll cut short by the WebSocket upgrade has no body to read.
                    traffic.Add("poll cut short");
                }
            }
            else if (response.Url.Contains("/api/v1/workflows/?", StringComparison.Ordinal))
            {
                traffic.Add($"list {response.Status} {new Uri(response.Url).Query}");
            }
        };
        page.WebSocket += (_, socket) =>
        {
            if (!IsSocketIo(socket.Url))
            {
                return;
            }

            // An upgrade names its polling session; a WebSocket-only session is its own.
            var session = SessionOf(socket.Url) ?? Guid.NewGuid().ToString("N");
            traffic.Add($"websocket opened ({session})");
            socket.FrameReceived += (_, frame) => traffic.Packet(session, "ws in", frame.Text ?? string.Empty);
            socket.FrameSent += (_, frame) => traffic.Packet(session, "ws out", frame.Text ?? string.Empty);
            socket.Close += (_, _) =>
            {
                traffic.Add($"websocket closed ({session})");
                traffic.Disconnected(session);
            };
        };
        return traffic;
    }

    /// <summary>
    /// Waits until the page has one connected Socket.IO session that nothing replaced for
    /// <paramref name="steady"/>: live updates caused after that are ones the page is owed.
    /// </summary>
    public async Task WaitUntilConnectedAsync(TimeSpan steady, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (true)
        {
            lock (_gate)
            {
                if (_connected.Count == 1 && _clock.Elapsed - _changedAt >= steady)
                {
                    Add("test: the page's connection is steady");
                    return;
                }
            }

            if (_clock.Elapsed > deadline)
            {
                throw new XunitException($"The page's Socket.IO connection did not settle within {timeout}.{Environment.NewLine}{this}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Awaits a UI expectation; when it fails, the failure carries this page's live traffic.</summary>
    public async Task ExpectAsync(Func<Task> expectation, string what)
    {
        try
        {
            await expectation();
        }
        catch (PlaywrightException failure)
        {
            throw new XunitException($"{what}: {failure.Message}{Environment.NewLine}Live traffic of the page:{Environment.NewLine}{this}");
        }
    }

    public void Mark(string what) => Add("test: " + what);

    public override string ToString() => string.Join(Environment.NewLine, _entries);

    private static bool IsSocketIo(string url) => url.Contains("/ws/socket.io", StringComparison.Ordinal);

    private static string? SessionOf(string url)
    {
        var query = new Uri(url).Query.TrimStart('?').Split('&');
        return query.FirstOrDefault(p => p.StartsWith("sid=", StringComparison.Ordinal))?[4..];
    }

    /// <summary>Socket.IO connect, disconnect, event and error packets, and Engine.IO close and upgrade.</summary>
    private void Packet(string? session, string via, string packet)
    {
        if (packet.StartsWith("40", StringComparison.Ordinal) || packet.StartsWith("41", StringComparison.Ordinal)
            || packet.StartsWith("42", StringComparison.Ordinal) || packet.StartsWith("44", StringComparison.Ordinal)
            || packet is "1" or "5")
        {
            Add($"{via} {(packet.Length > 200 ? packet[..200] + "…" : packet)}");
        }

        if (session is null)
        {
            return;
        }

        if (packet.StartsWith("40{", StringComparison.Ordinal))
        {
            Connected(session);
        }
        else if (packet.StartsWith("41", StringComparison.Ordinal) || packet.StartsWith("44", StringComparison.Ordinal) || packet == "1")
        {
            Disconnected(session);
        }
    }

    private void Connected(string session)
    {
        lock (_gate)
        {
            _connected.Add(session);
            _changedAt = _clock.Elapsed;
        }
    }

    private void Disconnected(string session)
    {
        lock (_gate)
        {
            if (_connected.Remove(session))
            {
                _changedAt = _clock.Elapsed;
            }
        }
    }

    private void Add(string entry) => _entries.Enqueue($"{_clock.Elapsed.TotalSeconds,8:F3}s {entry}");
}
