using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions.Execution;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>An Engine.IO long-polling session spoken by hand, packet by packet.</summary>
internal sealed class PollingSession(HttpClient client, string sid)
{
    public const string Path = "/ws/socket.io/?EIO=4&transport=polling";

    public string Sid { get; } = sid;

    public JsonElement Open { get; private init; }

    public static async Task<PollingSession> OpenAsync(HttpClient client, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().StartWith("0");
        var open = JsonDocument.Parse(body[1..]).RootElement.Clone();
        return new PollingSession(client, open.GetProperty("sid").GetString()!) { Open = open };
    }

    public async Task<HttpResponseMessage> PostAsync(params string[] packets) =>
        await client.PostAsync($"{Path}&sid={Uri.EscapeDataString(Sid)}", new StringContent(string.Join('\u001e', packets), Encoding.UTF8, "text/plain"));

    /// <summary>One long-poll: the packets the server had (or the next one), or the HTTP error.</summary>
    public async Task<(HttpStatusCode Status, string[] Packets)> PollAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync($"{Path}&sid={Uri.EscapeDataString(Sid)}", cancel.Token);
        var body = await response.Content.ReadAsStringAsync(cancel.Token);
        return (response.StatusCode, response.IsSuccessStatusCode ? body.Split('\u001e') : [body]);
    }
}

/// <summary>Fast heartbeat and a tiny queue, to watch the server drop silent and slow clients.</summary>
public sealed class TightLiveUpdatesApiFactory : InvokeApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:LiveUpdates:PingInterval"] = "00:00:00.300",
        ["Invoke:LiveUpdates:PingTimeout"] = "00:00:00.300",
        ["Invoke:LiveUpdates:MaxQueuedPackets"] = "3",
    };
}

/// <summary>
/// <c>/ws/socket.io</c> at the protocol level: who may connect (the route is open at the HTTP
/// level; the CONNECT packet is authorized), the heartbeat, bounded queues and bad requests.
/// </summary>
public sealed class EngineIoPollingTests(MultiUserApiFactory multiUser) : IClassFixture<MultiUserApiFactory>
{
    [Fact]
    public async Task TheHandshake_OffersTheWebSocketUpgradeAndTheHeartbeat()
    {
        using var client = multiUser.CreateClient();

        var session = await PollingSession.OpenAsync(client);

        using (new AssertionScope())
        {
            session.Open.GetProperty("upgrades").EnumerateArray().Select(u => u.GetString()).Should().Equal("websocket");
            session.Open.GetProperty("pingInterval").GetInt32().Should().Be(25000);
            session.Open.GetProperty("pingTimeout").GetInt32().Should().Be(20000);
            session.Open.GetProperty("maxPayload").GetInt32().Should().Be(1_000_000);
        }
    }

    [Fact]
    public async Task AnAnonymousConnect_IsRefused_InMultiUserMode()
    {
        using var client = multiUser.CreateClient();
        var session = await PollingSession.OpenAsync(client);

        (await session.PostAsync("40")).EnsureSuccessStatusCode();
        var (_, packets) = await session.PollAsync();

        packets.Should().Equal("""44{"message":"Authentication required","data":"ERR_UNAUTHENTICATED"}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AUsersOrAnAdministratorsConnect_IsAccepted(bool isAdmin)
    {
        var account = await multiUser.NewAccountAsync(isAdmin);
        using var client = multiUser.CreateClient();
        var session = await PollingSession.OpenAsync(client);

        (await session.PostAsync($$"""40{"token":"{{account.Token}}"}""")).EnsureSuccessStatusCode();
        var (_, packets) = await session.PollAsync();

        packets.Should().ContainSingle().Which.Should().MatchRegex("^40\\{\"sid\":\"[A-Za-z0-9_-]+\"\\}$");
    }

    [Fact]
    public async Task AnotherNamespace_IsRefused()
    {
        var account = await multiUser.NewAccountAsync();
        using var client = multiUser.CreateClient();
        var session = await PollingSession.OpenAsync(client);

        (await session.PostAsync($$"""40/admin,{"token":"{{account.Token}}"}""")).EnsureSuccessStatusCode();
        var (_, packets) = await session.PollAsync();

        packets.Should().Equal("""44/admin,{"message":"Invalid namespace"}""");
    }

    [Theory]
    [InlineData("/ws/socket.io/?EIO=3&transport=polling", "Unsupported protocol version")]
    [InlineData("/ws/socket.io/?EIO=4&transport=flash", "Transport unknown")]
    [InlineData("/ws/socket.io/?EIO=4&transport=polling&sid=nope", "Session ID unknown")]
    public async Task ABadRequest_IsA400WithEngineIosError(string path, string message)
    {
        using var client = multiUser.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString().Should().Be(message);
    }

    [Fact]
    public async Task AClientThatAnswersPings_StaysConnected_OneThatDoesNot_IsDropped()
    {
        await using var factory = new TightLiveUpdatesApiFactory();
        using var client = factory.CreateClient();
        var answering = await PollingSession.OpenAsync(client);
        var silent = await PollingSession.OpenAsync(client);
        (await answering.PostAsync("40")).EnsureSuccessStatusCode();
        (await silent.PostAsync("40")).EnsureSuccessStatusCode();
        (await answering.PollAsync()).Packets.Should().ContainSingle(p => p.StartsWith("40{", StringComparison.Ordinal), "single-user mode connects everyone");
        await silent.PollAsync();

        for (var i = 0; i < 4; i++)
        {
            var (_, packets) = await answering.PollAsync();
            packets.Should().Contain("2");
            (await answering.PostAsync("3")).EnsureSuccessStatusCode();
        }

        var (status, _) = await silent.PollAsync();
        var (afterwards, _) = await silent.PollAsync();
        using (new AssertionScope())
        {
            new[] { status, afterwards }.Should().Contain(HttpStatusCode.BadRequest, "the silent client missed its pong deadline");
            (await answering.PostAsync("3")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task AClientThatStopsReading_IsDisconnected_InsteadOfQueueingWithoutLimit()
    {
        await using var factory = new TightLiveUpdatesApiFactory();
        using var client = factory.CreateClient();
        var session = await PollingSession.OpenAsync(client);
        (await session.PostAsync("40")).EnsureSuccessStatusCode();

        for (var i = 0; i < 5; i++)
        {
            await client.CreateAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var (status, _) = await session.PollAsync(TimeSpan.FromSeconds(5));

        status.Should().Be(HttpStatusCode.BadRequest, "the session was closed when its queue overflowed");
    }
}
