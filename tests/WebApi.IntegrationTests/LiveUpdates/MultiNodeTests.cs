using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>
/// Two server processes' worth of hosts over one database: an event raised by a change on node A
/// reaches a socket connected to node B, through the <c>live_events</c> table.
/// </summary>
public sealed class MultiNodeTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AChangeOnOneNode_ReachesSocketsOnAnotherNode(string provider)
    {
        using var root = new LiveRoot();
        await using var postgres = provider == "Postgres" ? await LivePostgresDatabase.CreateAsync() : null;
        await using var nodeA = await LiveNode.StartAsync(root.Path, multiUser: true, postgres?.ConnectionString);
        await using var nodeB = await LiveNode.StartAsync(root.Path, multiUser: true, postgres?.ConnectionString);
        var admin = await nodeA.SetUpAdministratorAsync();
        var owner = await nodeA.CreateAccountAsync(admin, "owner@test.com");
        var reader = await nodeB.LogInAsync("owner@test.com");
        var other = await nodeB.CreateAccountAsync(admin, "other@test.com");

        await using var ownerOnB = await SocketIoNodeClient.StartAsync(nodeB.Address, reader.Token);
        await using var otherOnB = await SocketIoNodeClient.StartAsync(nodeB.Address, other.Token);
        await using var ownerOnA = await SocketIoNodeClient.StartAsync(nodeA.Address, owner.Token);
        await Task.WhenAll(ownerOnB.ConnectedAsync(), otherOnB.ConnectedAsync(), ownerOnA.ConnectedAsync());

        var id = await owner.Client.CreateAsync();
        await owner.Client.ShareAsync(id, isPublic: true);

        (await ownerOnB.EventAsync("workflow_created", id))["user_id"]!.GetValue<string>().Should().Be(owner.UserId);
        (await otherOnB.EventAsync("workflow_updated", id))["new_is_public"]!.GetValue<bool>().Should().BeTrue();
        await ownerOnA.EventAsync("workflow_updated", id);
        await ownerOnB.EventAsync("workflow_updated", id);
        ownerOnB.Events.Where(e => (string?)e.Payload["workflow_id"] == id).Select(e => e.Name)
            .Should().Equal(["workflow_created", "workflow_updated"], "each node delivers each event once, in order");
        otherOnB.Events.Should().NotContain(e => e.Name == "workflow_created" && (string?)e.Payload["workflow_id"] == id);
    }
}
