using FluentAssertions.Execution;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>A multi-user server on a real socket with an administrator and two users, shared by a test class.</summary>
public sealed class MultiUserLiveNode : IAsyncLifetime
{
    private readonly LiveRoot _root = new();

    public LiveNode Node { get; private set; } = null!;

    public Account Admin { get; private set; } = null!;

    public Account Owner { get; private set; } = null!;

    public Account Other { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Node = await LiveNode.StartAsync(_root.Path, multiUser: true);
        Admin = await Node.SetUpAdministratorAsync();
        Owner = await Node.CreateAccountAsync(Admin, "owner@test.com");
        Other = await Node.CreateAccountAsync(Admin, "other@test.com");
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _root.Dispose();
    }
}

/// <summary>
/// Who hears about which workflow (contract §4.8): a private workflow's events reach its owner and
/// the administrators and nobody else; a shared one's reach everyone; unsharing tells everyone else
/// that their access was revoked. A connection needs a valid token in multi-user mode.
/// </summary>
public sealed class LiveRoutingTests(MultiUserLiveNode server) : IClassFixture<MultiUserLiveNode>
{
    private LiveNode Node => server.Node;

    [Fact]
    public async Task AConnectionWithoutAToken_IsRefusedAsUnauthenticated()
    {
        await using var client = await SocketIoNodeClient.StartAsync(Node.Address, reconnection: false);

        var refused = await client.WaitForAsync(m => (string?)m["type"] == "connect_error", "a refusal");

        using (new AssertionScope())
        {
            refused["data"]!.GetValue<string>().Should().Be("ERR_UNAUTHENTICATED");
            refused["message"]!.GetValue<string>().Should().Be("Authentication required");
            client.Messages.Should().NotContain(m => (string?)m["type"] == "connect");
        }
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoiYWRtaW4iLCJpc19hZG1pbiI6dHJ1ZX0.c2lnbmF0dXJl")]
    public async Task AConnectionWithAnInvalidToken_IsRefused(string token)
    {
        await using var client = await SocketIoNodeClient.StartAsync(Node.Address, token, reconnection: false);

        var refused = await client.WaitForAsync(m => (string?)m["type"] == "connect_error", "a refusal");

        refused["data"]!.GetValue<string>().Should().Be("ERR_UNAUTHENTICATED");
    }

    [Fact]
    public async Task ATokenInTheAuthorizationHeaderAlone_IsAccepted()
    {
        await using var client = await SocketIoNodeClient.StartAsync(Node.Address, server.Owner.Token, transports: ["polling"], header: true, auth: false);
        await client.ConnectedAsync();

        var id = await server.Owner.Client.CreateAsync();

        (await client.EventAsync("workflow_created", id))["user_id"]!.GetValue<string>().Should().Be(server.Owner.UserId);
    }

    [Fact]
    public async Task APrivateWorkflowsEvents_ReachItsOwnerAndTheAdministrators_NeverAnotherUser()
    {
        await using var owner = await ConnectAsync(server.Owner);
        await using var admin = await ConnectAsync(server.Admin);
        await using var other = await ConnectAsync(server.Other);

        var privateId = await server.Owner.Client.CreateAsync();
        (await server.Owner.Client.RenameAsync(privateId, "Renamed")).EnsureSuccessStatusCode();
        await server.Owner.Client.DeleteWorkflowAsync(privateId);

        // Events reach a socket in order: once the other user hears of a shared workflow made
        // afterwards, anything about the private one would already have arrived.
        var sentinel = await server.Owner.Client.CreateAsync();
        await server.Owner.Client.ShareAsync(sentinel, isPublic: true);
        await other.EventAsync("workflow_updated", sentinel);

        foreach (var reader in new[] { owner, admin })
        {
            (await reader.EventAsync("workflow_created", privateId)).ToJsonString()
                .Should().Be($$"""{"workflow_id":"{{privateId}}","user_id":"{{server.Owner.UserId}}","is_public":false}""");
            (await reader.EventAsync("workflow_updated", privateId)).ToJsonString()
                .Should().Be($$"""{"workflow_id":"{{privateId}}","user_id":"{{server.Owner.UserId}}","old_is_public":false,"new_is_public":false}""");
            (await reader.EventAsync("workflow_deleted", privateId)).ToJsonString()
                .Should().Be($$"""{"workflow_id":"{{privateId}}","user_id":"{{server.Owner.UserId}}","is_public":false}""");
        }

        other.Events.Should().NotContain(e => (string?)e.Payload["workflow_id"] == privateId);
        other.Events.Should().NotContain(e => (string?)e.Payload["workflow_id"] == sentinel && e.Name == "workflow_created",
            "the sentinel was private when it was created");
    }

    [Fact]
    public async Task Unsharing_TellsEveryoneElseTheirAccessWasRevoked()
    {
        await using var owner = await ConnectAsync(server.Owner);
        await using var other = await ConnectAsync(server.Other);

        var id = await server.Owner.Client.CreateAsync();
        await server.Owner.Client.ShareAsync(id, isPublic: true);
        var shared = await other.EventAsync("workflow_updated", id);
        await server.Owner.Client.ShareAsync(id, isPublic: false);

        var revoked = await other.EventAsync("workflow_access_revoked", id);
        var unshared = await owner.WaitForAsync(
            m => (string?)m["name"] == "workflow_updated" && (string?)m["payload"]?["workflow_id"] == id && m["payload"]?["new_is_public"]?.GetValue<bool>() == false,
            "the owner's unshare event");

        using (new AssertionScope())
        {
            shared.ToJsonString().Should().Be($$"""{"workflow_id":"{{id}}","user_id":"{{server.Owner.UserId}}","old_is_public":false,"new_is_public":true}""");
            revoked.ToJsonString().Should().Be($$"""{"workflow_id":"{{id}}","user_id":"{{server.Owner.UserId}}"}""");
            unshared["payload"]!.ToJsonString().Should().Be($$"""{"workflow_id":"{{id}}","user_id":"{{server.Owner.UserId}}","old_is_public":true,"new_is_public":false}""");
            other.Events.Where(e => e.Name == "workflow_updated" && (string?)e.Payload["workflow_id"] == id).Should().ContainSingle(
                "after the unshare the other user may no longer read the workflow, so only the revocation reaches them");
        }
    }

    [Fact]
    public async Task ASharedWorkflowsDeletion_ReachesEveryone()
    {
        await using var other = await ConnectAsync(server.Other);
        var id = await server.Owner.Client.CreateAsync();
        await server.Owner.Client.ShareAsync(id, isPublic: true);

        await server.Owner.Client.DeleteWorkflowAsync(id);

        (await other.EventAsync("workflow_deleted", id))["is_public"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task ARefusedChange_RaisesNoEvent()
    {
        await using var owner = await ConnectAsync(server.Owner);
        var id = await server.Owner.Client.CreateAsync();
        await server.Owner.Client.ShareAsync(id, isPublic: true);
        await owner.EventAsync("workflow_updated", id);

        using var refused = await server.Other.Client.RenameAsync(id, "Not mine");
        await refused.ShouldHaveStatusAsync(System.Net.HttpStatusCode.Forbidden);
        await server.Owner.Client.DeleteWorkflowAsync(id);
        await owner.EventAsync("workflow_deleted", id);

        owner.Events.Where(e => e.Name == "workflow_updated" && (string?)e.Payload["workflow_id"] == id).Should().ContainSingle();
    }

    [Fact]
    public async Task OpeningAWorkflow_RaisesNoEvent()
    {
        await using var owner = await ConnectAsync(server.Owner);
        var id = await server.Owner.Client.CreateAsync();
        await owner.EventAsync("workflow_created", id);

        using (var opened = await server.Owner.Client.PutAsync($"/api/v1/workflows/i/{id}/opened_at", null))
        {
            await opened.ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        }

        await server.Owner.Client.DeleteWorkflowAsync(id);
        await owner.EventAsync("workflow_deleted", id);

        owner.Events.Where(e => (string?)e.Payload["workflow_id"] == id).Select(e => e.Name).Should().Equal("workflow_created", "workflow_deleted");
    }

    private async Task<SocketIoNodeClient> ConnectAsync(Account account)
    {
        var client = await SocketIoNodeClient.StartAsync(Node.Address, account.Token);
        await client.ConnectedAsync();
        return client;
    }
}
