using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>
/// Every behaviour of InvokeAI's <c>test_workflows_multiuser.py</c> (contract §9.1) over HTTP, on
/// a multi-user server whose database was used in single-user mode too. Tests that count a whole
/// library use a fresh account; the others look for their own workflows.
/// </summary>
public sealed class WorkflowsMultiUserEndpointTests(SharedLibraryServers servers) : IClassFixture<SharedLibraryServers>
{
    private const string Workflows = "/api/v1/workflows/";

    [Fact]
    public async Task List_WithoutAToken_Is401()
    {
        var response = await servers.Anonymous.GetAsync(Workflows);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Fact]
    public async Task Create_WithoutAToken_Is401_AndSavesNothing()
    {
        var response = await servers.Anonymous.PostAsJsonAsync(Workflows, WorkflowBodies.Wrap(WorkflowBodies.Document("Anonymous attempt")));

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
        var everything = await (await servers.Admin.Client.GetAsync(Workflows + "?query=Anonymous attempt")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        everything.GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Workflows_AreIsolatedBetweenUsers()
    {
        var owner = await servers.NewUserAsync();
        var other = await servers.NewUserAsync();
        await owner.Client.CreateAsync(WorkflowBodies.Document("Isolated"));

        var ownersList = await (await owner.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var othersList = await (await other.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        ownersList.GetProperty("total").GetInt32().Should().Be(1);
        othersList.GetProperty("total").GetInt32().Should().Be(0);
        othersList.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Delete_OfAnotherUsersWorkflow_Is403_AndKeepsIt()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.User2.Client.DeleteAsync($"{Workflows}i/{id}");

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Not authorized to delete this workflow");
        (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Update_OfAnotherUsersWorkflow_Is403_AndKeepsItsName()
    {
        var id = await servers.User1.Client.CreateAsync(WorkflowBodies.Document("Original"));

        var response = await servers.User2.Client.PatchAsJsonAsync($"{Workflows}i/{id}", SharedLibraryServers.UpdateBody(id, "Hijacked"));

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Not authorized to update this workflow");
        var stored = await (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        stored.GetProperty("name").GetString().Should().Be("Original");
    }

    [Fact]
    public async Task Delete_OfOwnWorkflow_Is200WithNullBody_AndRemovesIt()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.User1.Client.DeleteAsync($"{Workflows}i/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("null");
        (await (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).ShouldFailWithAsync(HttpStatusCode.NotFound))
            .Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Delete_ByAnAdministrator_OfAnyUsersWorkflow_Is200()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.Admin.Client.DeleteAsync($"{Workflows}i/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// InvokeAI's <c>test_list_workflows_skips_stale_workflow_rows</c> covers a row that vanishes while
    /// the list loads documents; Invoke never loads documents for a list. What a user can notice is
    /// the same: a workflow deleted between two list calls is gone from the second, and its totals agree.
    /// </summary>
    [Fact]
    public async Task List_ReadAgainAfterADelete_NoLongerHoldsTheWorkflow_AndItsTotalsAgree()
    {
        var owner = await servers.NewUserAsync();
        var kept = await SharedLibraryServers.CreateSharedAsync(owner, WorkflowBodies.Document("Stale test kept"));
        var deleted = await SharedLibraryServers.CreateSharedAsync(owner, WorkflowBodies.Document("Stale test deleted"));
        const string own = Workflows + "?categories=user&per_page=30";
        var shared = Workflows + "?categories=user&is_public=true&per_page=1000";
        var sharedBefore = await (await servers.User2.Client.GetAsync(shared)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await owner.Client.GetAsync(own)).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32().Should().Be(2);

        (await owner.Client.DeleteAsync($"{Workflows}i/{deleted}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ownAfter = await (await owner.Client.GetAsync(own)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var sharedAfter = await (await servers.User2.Client.GetAsync(shared)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        ownAfter.GetProperty("total").GetInt32().Should().Be(1);
        SharedLibraryServers.Ids(ownAfter).Should().Equal(kept);
        SharedLibraryServers.Ids(sharedAfter).Should().Contain(kept).And.NotContain(deleted);
        sharedAfter.GetProperty("total").GetInt32().Should().Be(sharedBefore.GetProperty("total").GetInt32() - 1)
            .And.Be(sharedAfter.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task UpdateIsPublic_ByTheOwner_SharesTheWorkflow()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.User1.Client.PatchAsJsonAsync($"{Workflows}i/{id}/is_public", new { is_public = true });

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("is_public").GetBoolean().Should().BeTrue();
        body.GetProperty("user_id").GetString().Should().Be(servers.User1.UserId);
    }

    [Fact]
    public async Task UpdateIsPublic_ByAnotherUser_Is403_AndLeavesItPrivate()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.User2.Client.PatchAsJsonAsync($"{Workflows}i/{id}/is_public", new { is_public = true });

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Not authorized to update this workflow");
        var stored = await (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        stored.GetProperty("is_public").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task PublicWorkflow_IsListedForOtherUsersUnderShared()
    {
        var id = await SharedLibraryServers.CreateSharedAsync(servers.User1);

        var list = await (await servers.User2.Client.GetAsync(Workflows + "?categories=user&is_public=true")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        SharedLibraryServers.Ids(list).Should().Contain(id);
    }

    [Fact]
    public async Task PrivateWorkflow_IsNotListedForOtherUsers()
    {
        var id = await servers.User1.Client.CreateAsync();

        var own = await (await servers.User2.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var shared = await (await servers.User2.Client.GetAsync(Workflows + "?categories=user&is_public=true")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        SharedLibraryServers.Ids(own).Should().NotContain(id);
        SharedLibraryServers.Ids(shared).Should().NotContain(id);
    }

    [Fact]
    public async Task PublicWorkflow_StaysInTheOwnersOwnList()
    {
        var id = await SharedLibraryServers.CreateSharedAsync(servers.User1);

        var own = await (await servers.User1.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var item = own.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("workflow_id").GetString() == id);
        item.GetProperty("is_public").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Create_AnswersUserIdAndIsPublicFields()
    {
        var response = await servers.User1.Client.PostAsJsonAsync(Workflows, WorkflowBodies.Wrap(WorkflowBodies.Document()));

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.FieldNames().Should().ContainInConsecutiveOrder("opened_at", "user_id", "is_public", "workflow");
        body.GetProperty("user_id").ValueKind.Should().Be(JsonValueKind.String);
        body.GetProperty("is_public").ValueKind.Should().Be(JsonValueKind.False);
    }

    [Fact]
    public async Task List_Items_CarryTheirCallSavedWorkflowCompatibility()
    {
        var owner = await servers.NewUserAsync();
        var callable = await owner.Client.CreateAsync(WorkflowBodies.Document("With return", workflowReturnNodes: 1));
        var notCallable = await owner.Client.CreateAsync(WorkflowBodies.Document("Without return"));

        var list = await (await owner.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var compatibility = list.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("workflow_id").GetString()!, i => i.GetProperty("call_saved_workflow_compatibility").GetRawText());
        compatibility[callable].Should().Be("""{"is_callable":true,"reason":"ok","message":null}""");
        compatibility[notCallable].Should().Be(
            """{"is_callable":false,"reason":"missing_workflow_return","message":"The workflow must contain exactly one workflow_return node."}""");
    }

    [Theory]
    [InlineData(0, new[] { "Callable A", "Callable B" })]
    [InlineData(1, new[] { "Callable C" })]
    public async Task List_FilteredToCallable_CountsAndPagesOnlyCallableWorkflows(int page, string[] names)
    {
        var owner = await servers.NewUserAsync();
        foreach (var name in new[] { "Callable C", "Not callable A", "Callable A", "Not callable B", "Callable B" })
        {
            await owner.Client.CreateAsync(WorkflowBodies.Document(name, workflowReturnNodes: name.StartsWith("Callable", StringComparison.Ordinal) ? 1 : 0));
        }

        var list = await (await owner.Client.GetAsync(
            $"{Workflows}?categories=user&callable=true&per_page=2&page={page}&order_by=name&direction=ASC")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        list.GetProperty("total").GetInt32().Should().Be(3);
        list.GetProperty("pages").GetInt32().Should().Be(2);
        list.GetProperty("per_page").GetInt32().Should().Be(2);
        list.GetProperty("page").GetInt32().Should().Be(page);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("name").GetString()).Should().Equal(names);
        items.Should().OnlyContain(i => i.GetProperty("call_saved_workflow_compatibility").GetProperty("is_callable").GetBoolean());
    }

    [Fact]
    public async Task Get_CarriesTheCallSavedWorkflowCompatibility()
    {
        var id = await servers.User1.Client.CreateAsync();

        var workflow = await (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        workflow.GetProperty("call_saved_workflow_compatibility").GetRawText().Should().Be(
            """{"is_callable":false,"reason":"missing_workflow_return","message":"The workflow must contain exactly one workflow_return node."}""");
    }

    [Fact]
    public async Task SystemWorkflow_FromSingleUserMode_IsListedUnderShared()
    {
        var id = await servers.CreateLegacyAsync();

        var shared = await (await servers.User1.Client.GetAsync(Workflows + "?categories=user&is_public=true")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var item = shared.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("workflow_id").GetString() == id);
        item.GetProperty("user_id").GetString().Should().Be("system");
        item.GetProperty("is_public").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task SystemWorkflow_FromSingleUserMode_IsNotInARegularUsersOwnList()
    {
        var id = await servers.CreateLegacyAsync();

        var own = await (await servers.User1.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        SharedLibraryServers.Ids(own).Should().NotContain(id);
    }

    [Fact]
    public async Task SystemWorkflow_FromSingleUserMode_IsInTheAdministratorsOwnList()
    {
        var id = await servers.CreateLegacyAsync();

        var own = await (await servers.Admin.Client.GetAsync(Workflows + "?categories=user")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        SharedLibraryServers.Ids(own).Should().Contain(id);
    }

    [Fact]
    public async Task SystemWorkflow_CanBeReadAndRenamedByAnAdministrator()
    {
        var id = await servers.CreateLegacyAsync("Legacy name");

        var read = await servers.Admin.Client.GetAsync($"{Workflows}i/{id}");
        var renamed = await servers.Admin.Client.PatchAsJsonAsync($"{Workflows}i/{id}", SharedLibraryServers.UpdateBody(id, "Renamed by the admin"));

        await read.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var body = await renamed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("workflow").GetProperty("name").GetString().Should().Be("Renamed by the admin");
        body.GetProperty("user_id").GetString().Should().Be("system");
    }

    [Fact]
    public async Task SystemWorkflow_CanBeDeletedByAnAdministrator()
    {
        var id = await servers.CreateLegacyAsync();

        var response = await servers.Admin.Client.DeleteAsync($"{Workflows}i/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await servers.Admin.Client.GetAsync($"{Workflows}i/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SystemWorkflow_CanBeReadButNotUpdatedByARegularUser()
    {
        var id = await servers.CreateLegacyAsync("Legacy name");

        var read = await servers.User1.Client.GetAsync($"{Workflows}i/{id}");
        var update = await servers.User1.Client.PatchAsJsonAsync($"{Workflows}i/{id}", SharedLibraryServers.UpdateBody(id, "Taken over"));

        await read.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await update.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Not authorized to update this workflow");
    }

    [Fact]
    public async Task SystemWorkflow_CannotBeDeletedByARegularUser()
    {
        var id = await servers.CreateLegacyAsync();

        var response = await servers.User1.Client.DeleteAsync($"{Workflows}i/{id}");

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Not authorized to delete this workflow");
    }

    [Fact]
    public async Task Create_InSingleUserMode_WithoutAToken_IsOwnedBySystemAndPublic()
    {
        var response = await servers.SingleUserClient.PostAsJsonAsync(Workflows, WorkflowBodies.Wrap(WorkflowBodies.Document()));

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("user_id").GetString().Should().Be("system");
        body.GetProperty("is_public").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Create_InMultiUserMode_IsOwnedByTheCallerAndPrivate()
    {
        var response = await servers.User2.Client.PostAsJsonAsync(Workflows, WorkflowBodies.Wrap(WorkflowBodies.Document()));

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("user_id").GetString().Should().Be(servers.User2.UserId);
        body.GetProperty("is_public").GetBoolean().Should().BeFalse();
    }
}
