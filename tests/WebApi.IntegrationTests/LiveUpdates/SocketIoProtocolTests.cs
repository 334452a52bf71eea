using FluentAssertions.Execution;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>
/// The real <c>socket.io-client</c> against a real server: it connects over long-polling (and
/// upgrades), over a WebSocket alone, or over polling alone, and receives the workflow events.
/// </summary>
public sealed class SocketIoProtocolTests
{
    [Theory]
    [InlineData(new[] { "polling", "websocket" }, "websocket")]
    [InlineData(new[] { "websocket" }, "websocket")]
    [InlineData(new[] { "polling" }, "polling")]
    public async Task TheUisClient_ConnectsAndReceivesWorkflowEvents_OverEachTransport(string[] transports, string finalTransport)
    {
        using var root = new LiveRoot();
        await using var node = await LiveNode.StartAsync(root.Path, multiUser: false);
        await using var client = await SocketIoNodeClient.StartAsync(node.Address, transports: transports);
        await client.ConnectedAsync();
        if (transports.Length > 1)
        {
            await client.WaitForAsync(m => (string?)m["type"] == "upgrade" && (string?)m["transport"] == "websocket", "the upgrade to a WebSocket");
        }

        var id = await node.Anonymous.CreateAsync();

        var created = await client.EventAsync("workflow_created", id);
        using (new AssertionScope())
        {
            created.ToJsonString().Should().Be($$"""{"workflow_id":"{{id}}","user_id":"system","is_public":true}""");
            client.Messages.Last(m => (string?)m["type"] is "connect" or "upgrade")["transport"]!.GetValue<string>().Should().Be(finalTransport);
        }
    }

    [Fact]
    public async Task AnAcknowledgedEmit_IsAcknowledged()
    {
        using var root = new LiveRoot();
        await using var node = await LiveNode.StartAsync(root.Path, multiUser: false);
        await using var client = await SocketIoNodeClient.StartAsync(node.Address);
        await client.ConnectedAsync();

        await client.EmitWithAckAsync("subscribe_queue", new { queue_id = "default" });

        await client.WaitForAsync(m => (string?)m["type"] == "ack" && (string?)m["name"] == "subscribe_queue", "the acknowledgement");
    }

    [Fact]
    public async Task StoppingTheServer_ClosesTheTransport_SoTheClientReconnectsElsewhere()
    {
        using var root = new LiveRoot();
        var node = await LiveNode.StartAsync(root.Path, multiUser: false);
        await using var client = await SocketIoNodeClient.StartAsync(node.Address, transports: ["websocket"]);
        await client.ConnectedAsync();

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await node.DisposeAsync();
        stopping.Stop();

        var disconnected = await client.WaitForAsync(m => (string?)m["type"] == "disconnect", "the disconnection");
        using (new AssertionScope())
        {
            // "io server disconnect" would stop the client from reconnecting; a closed transport does not.
            disconnected["reason"]!.GetValue<string>().Should().Be("transport close");
            stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        }
    }
}
