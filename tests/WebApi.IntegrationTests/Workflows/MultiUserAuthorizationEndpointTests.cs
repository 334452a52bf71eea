using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>
/// The workflow, thumbnail and status rows of InvokeAI's <c>test_multiuser_authorization.py</c>
/// (contract §9.2), with Part A's changes: thumbnails of non-default workflows need a token or the
/// media cookie and read access (A.2 #2); signed-in callers learn the administrator's e-mail (A.2 #1).
/// </summary>
public sealed class MultiUserAuthorizationEndpointTests(SharedLibraryServers servers) : IClassFixture<SharedLibraryServers>
{
    private const string Workflows = "/api/v1/workflows/";

    [Fact]
    public async Task List_OfUserAndDefaultCategories_HoldsDefaultWorkflowsToo()
    {
        await servers.User1.Client.CreateAsync();

        var list = await (await servers.User1.Client.GetAsync(Workflows + "?categories=user&categories=default")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        Categories(list).Should().Contain(["user", "default"]);
    }

    [Fact]
    public async Task List_WithoutACategoryFilter_HoldsDefaultWorkflows()
    {
        var list = await (await servers.User1.Client.GetAsync(Workflows)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        Categories(list).Should().Contain("default");
        SharedLibraryServers.Ids(list).Should().Contain(SharedLibraryServers.DefaultWorkflowId);
    }

    [Fact]
    public async Task MarkOpened_WithoutAToken_Is401()
    {
        var response = await servers.Anonymous.PutAsync(Workflows + "i/some-id/opened_at", null);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Fact]
    public async Task MarkOpened_ByAnotherUser_Is403()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.User2.Client.PutAsync($"{Workflows}i/{id}/opened_at", null);

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Not authorized to update this workflow");
    }

    [Fact]
    public async Task MarkOpened_ByTheOwner_Is200_AndRecordsTheTime()
    {
        var id = await servers.User1.Client.CreateAsync();

        var response = await servers.User1.Client.PutAsync($"{Workflows}i/{id}/opened_at", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("null");
        var workflow = await (await servers.User1.Client.GetAsync($"{Workflows}i/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        workflow.GetProperty("opened_at").GetString().Should().Be("2026-11-27 12:00:00.000");
    }

    [Fact]
    public async Task Thumbnail_WithoutAToken_AnswersUnknownAndPrivateIdsAlike()
    {
        // Part A #2 makes these thumbnails non-public, so InvokeAI's "unknown id without a token is not
        // a 401" cannot hold without telling anonymous callers which ids exist (issue 10).
        var @private = await WithThumbnailAsync(await servers.User1.Client.CreateAsync());

        var known = await servers.Anonymous.GetAsync($"{Workflows}i/{@private}/thumbnail");
        var unknown = await servers.Anonymous.GetAsync($"{Workflows}i/{Guid.NewGuid()}/thumbnail");
        var named = await servers.Anonymous.GetAsync(Workflows + "i/some-workflow/thumbnail");

        known.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = await known.Content.ReadAsStringAsync();
        foreach (var other in new[] { unknown, named })
        {
            other.StatusCode.Should().Be(known.StatusCode);
            (await other.Content.ReadAsStringAsync()).Should().Be(body);
        }
    }

    [Fact]
    public async Task Thumbnail_ForASignedInUserWhoCannotReadIt_IsAnsweredAsAnUnknownId()
    {
        var @private = await WithThumbnailAsync(await servers.User1.Client.CreateAsync());

        var known = await servers.User2.Client.GetAsync($"{Workflows}i/{@private}/thumbnail");
        var unknown = await servers.User2.Client.GetAsync($"{Workflows}i/{Guid.NewGuid()}/thumbnail");

        known.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await known.Content.ReadAsStringAsync()).Should().Be(await unknown.Content.ReadAsStringAsync()).And.Be("""{"detail":"Not Found"}""");
    }

    [Fact]
    public async Task Thumbnail_OfADefaultWorkflow_IsServedWithoutAToken()
    {
        var response = await servers.Anonymous.GetAsync($"{Workflows}i/{SharedLibraryServers.DefaultWorkflowId}/thumbnail");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be($"inline; filename=\"{SharedLibraryServers.DefaultWorkflowId}.png\"");
        (await response.Content.ReadAsByteArrayAsync()).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
    }

    [Fact]
    public async Task Thumbnail_OfASharedUserWorkflow_WithoutATokenOrCookie_Is401()
    {
        var id = await WithThumbnailAsync(await SharedLibraryServers.CreateSharedAsync(servers.User1));

        var response = await servers.Anonymous.GetAsync($"{Workflows}i/{id}/thumbnail");

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Fact]
    public async Task Thumbnail_WithTheMediaCookie_IsServedToCallersWhoMayReadTheWorkflow_Only()
    {
        var @private = await WithThumbnailAsync(await servers.User1.Client.CreateAsync());
        var shared = await WithThumbnailAsync(await SharedLibraryServers.CreateSharedAsync(servers.User1));
        using var browser = servers.MultiUser.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var ownerOnPrivate = await GetWithCookieAsync(browser, @private, servers.User1.Token);
        var otherOnPrivate = await GetWithCookieAsync(browser, @private, servers.User2.Token);
        var otherOnShared = await GetWithCookieAsync(browser, shared, servers.User2.Token);
        var badCookie = await GetWithCookieAsync(browser, shared, "not-a-token");

        ownerOnPrivate.StatusCode.Should().Be(HttpStatusCode.OK);
        ownerOnPrivate.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        (await otherOnPrivate.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
        otherOnShared.StatusCode.Should().Be(HttpStatusCode.OK);
        (await badCookie.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Fact]
    public async Task MediaCookie_IsNotAcceptedByTheOtherWorkflowRoutes()
    {
        var id = await servers.User1.Client.CreateAsync();
        using var browser = servers.MultiUser.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Workflows}i/{id}");
        request.Headers.Add("Cookie", $"invokeai_media_token={servers.User1.Token}");

        var response = await browser.SendAsync(request);

        (await response.ShouldFailWithAsync(HttpStatusCode.Unauthorized)).Should().Be("Authentication required");
    }

    [Fact]
    public async Task Status_AfterSetup_GivesAnonymousCallersNoAdminEmail()
    {
        var status = await (await servers.Anonymous.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        status.GetProperty("multiuser_enabled").GetBoolean().Should().BeTrue();
        status.GetProperty("setup_required").GetBoolean().Should().BeFalse();
        status.GetProperty("admin_email").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Status_ForASignedInUser_NamesTheAdministrator()
    {
        var status = await (await servers.User1.Client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        status.GetProperty("admin_email").GetString().Should().Be(servers.Admin.Email);
    }

    [Fact]
    public async Task Status_BeforeAnyAdministratorExists_RequiresSetup()
    {
        await using var fresh = new MultiUserApiFactory();
        using var client = fresh.CreateClient();

        var status = await (await client.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        status.GetProperty("setup_required").GetBoolean().Should().BeTrue();
        status.GetProperty("multiuser_enabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Status_InSingleUserMode_HasNoAdminEmail()
    {
        var status = await (await servers.SingleUserClient.GetAsync("/api/v1/auth/status")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        status.GetProperty("multiuser_enabled").GetBoolean().Should().BeFalse();
        status.GetProperty("admin_email").ValueKind.Should().Be(JsonValueKind.Null);
    }

    private async Task<string> WithThumbnailAsync(string id)
    {
        using var upload = SharedLibraryServers.ThumbnailUpload();
        await (await servers.User1.Client.PutAsync($"{Workflows}i/{id}/thumbnail", upload)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Workflows}i/{id}/thumbnail");
        request.Headers.Add("Cookie", $"invokeai_media_token={token}");
        return await client.SendAsync(request);
    }

    private static IEnumerable<string?> Categories(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("category").GetString());
}
