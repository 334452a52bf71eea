using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>
/// A connection is only as good as its account: when an administrator is demoted or a user is
/// deactivated, their open socket stops receiving what they may no longer read.
/// </summary>
public sealed class LiveAccountChangeTests
{
    private static readonly Dictionary<string, string> QuickRecheck = new() { ["Invoke:LiveUpdates:RecheckInterval"] = "00:00:00.300" };

    [Fact]
    public async Task ADemotedAdministrator_StopsReceivingOtherUsersPrivateWorkflowEvents()
    {
        using var root = new LiveRoot();
        await using var node = await LiveNode.StartAsync(root.Path, multiUser: true, settings: QuickRecheck);
        var admin = await node.SetUpAdministratorAsync();
        var owner = await node.CreateAccountAsync(admin, "owner@test.com");
        var second = await node.CreateAccountAsync(admin, "second-admin@test.com", isAdmin: true);
        await using var secondSocket = await SocketIoNodeClient.StartAsync(node.Address, second.Token);
        await secondSocket.ConnectedAsync();
        var before = await owner.Client.CreateAsync();
        await secondSocket.EventAsync("workflow_created", before);

        using (var demoted = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{second.UserId}", new { is_admin = false }))
        {
            await demoted.ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var hidden = await owner.Client.CreateAsync();
        var sentinel = await owner.Client.CreateAsync();
        await owner.Client.ShareAsync(sentinel, isPublic: true);
        await secondSocket.EventAsync("workflow_updated", sentinel);

        secondSocket.Events.Should().NotContain(e => (string?)e.Payload["workflow_id"] == hidden);
    }

    [Fact]
    public async Task ADeactivatedUsersSocket_IsDisconnected()
    {
        using var root = new LiveRoot();
        await using var node = await LiveNode.StartAsync(root.Path, multiUser: true, settings: QuickRecheck);
        var admin = await node.SetUpAdministratorAsync();
        var user = await node.CreateAccountAsync(admin, "user@test.com");
        await using var socket = await SocketIoNodeClient.StartAsync(node.Address, user.Token);
        await socket.ConnectedAsync();

        using (var deactivated = await admin.Client.PatchAsJsonAsync($"/api/v1/auth/users/{user.UserId}", new { is_active = false }))
        {
            await deactivated.ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var disconnected = await socket.WaitForAsync(m => (string?)m["type"] == "disconnect", "the disconnection", TimeSpan.FromSeconds(10));
        var shared = await admin.Client.CreateAsync();
        await admin.Client.ShareAsync(shared, isPublic: true);
        await Task.Delay(TimeSpan.FromSeconds(1));

        disconnected["reason"]!.GetValue<string>().Should().Be("io server disconnect");
        socket.Events.Should().NotContain(e => (string?)e.Payload["workflow_id"] == shared);
    }
}
