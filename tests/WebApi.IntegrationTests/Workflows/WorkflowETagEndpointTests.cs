using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>
/// Optimistic concurrency over HTTP (contract Part A.2 #11): <c>GET /i/{id}</c> names the state it
/// returns with an <c>ETag</c>, and a <c>PATCH</c> with <c>If-Match</c> replaces only that state.
/// </summary>
public sealed class WorkflowETagEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private const string MismatchDetail =
        "The workflow was changed since it was read: If-Match does not match its current ETag. Read it again and reapply the change";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Get_ReturnsAnETag_ThatChangesWithEveryChangeOfTheWorkflow()
    {
        var id = await _client.CreateAsync(Document(name: "Tagged"));
        var tags = new List<string> { await ETagAsync(id) };

        (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}/is_public", new JsonObject { ["is_public"] = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        tags.Add(await ETagAsync(id));
        (await _client.PutAsync($"/api/v1/workflows/i/{id}/opened_at", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        tags.Add(await ETagAsync(id));
        (await _client.PutThumbnailAsync(id, Invoke.Tests.Shared.TestImages.Png(32, 32))).StatusCode.Should().Be(HttpStatusCode.OK);
        tags.Add(await ETagAsync(id));
        (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(Document(name: "Renamed")))).StatusCode.Should().Be(HttpStatusCode.OK);
        tags.Add(await ETagAsync(id));

        tags.Should().OnlyHaveUniqueItems().And.AllSatisfy(t => t.Should().StartWith("\"").And.EndWith("\""));
        (await ETagAsync(id)).Should().Be(tags[^1], "reading does not change the workflow");
    }

    [Fact]
    public async Task Patch_WithTheCurrentETag_ReplacesTheDocument_AndAnswersWithTheNewETag()
    {
        var id = await _client.CreateAsync(Document(name: "Before"));
        var etag = await ETagAsync(id);

        using var response = await PatchAsync(id, Document(name: "After"), etag);

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("name").GetString().Should().Be("After");
        body.FieldNames().Should().NotContain("e_tag").And.NotContain("etag");
        var newTag = response.Headers.ETag?.ToString();
        newTag.Should().NotBeNull().And.NotBe(etag);
        (await ETagAsync(id)).Should().Be(newTag);
    }

    [Fact]
    public async Task Patch_WithAnETagReadBeforeAnotherSave_Is412_AndKeepsTheOtherSave()
    {
        var id = await _client.CreateAsync(Document(name: "Original"));
        var readByFirstClient = await ETagAsync(id);
        (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(Document(name: "Saved by the second client")))).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await PatchAsync(id, Document(name: "Saved by the first client"), readByFirstClient);

        (await response.ShouldFailWithAsync(HttpStatusCode.PreconditionFailed)).Should().Be(MismatchDetail);
        var stored = await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        stored.GetProperty("name").GetString().Should().Be("Saved by the second client");
        stored.GetProperty("workflow").GetProperty("name").GetString().Should().Be("Saved by the second client");
    }

    [Fact]
    public async Task Patch_WithAnETagReadBeforeASharingChange_Is412()
    {
        var id = await _client.CreateAsync();
        var etag = await ETagAsync(id);
        (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}/is_public", new JsonObject { ["is_public"] = false })).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await PatchAsync(id, Document(name: "Stale"), etag);

        (await response.ShouldFailWithAsync(HttpStatusCode.PreconditionFailed)).Should().Be(MismatchDetail);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"no-such-tag\", CURRENT")]
    public async Task Patch_WithIfMatchAnyOrAListHoldingTheCurrentETag_Succeeds(string ifMatch)
    {
        var id = await _client.CreateAsync(Document(name: "Before"));
        var etag = await ETagAsync(id);

        using var response = await PatchAsync(id, Document(name: "After"), ifMatch.Replace("CURRENT", etag, StringComparison.Ordinal));

        (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("After");
    }

    [Fact]
    public async Task Patch_WithTheCurrentETagMadeWeak_Is412_AsIfMatchComparesStrongly()
    {
        var id = await _client.CreateAsync();
        var etag = await ETagAsync(id);

        using var response = await PatchAsync(id, Document(name: "Weak"), "W/" + etag);

        (await response.ShouldFailWithAsync(HttpStatusCode.PreconditionFailed)).Should().Be(MismatchDetail);
    }

    [Fact]
    public async Task Patch_WithIfMatch_OfAnUnknownWorkflow_Is404()
    {
        using var response = await PatchAsync("no-such-workflow", Document(), "\"1\"");

        (await response.ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Patch_WithoutIfMatch_AfterASharingChange_ReplacesTheDocument_AndKeepsTheSharing()
    {
        var id = await _client.CreateAsync(Document(name: "Before"));
        (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}/is_public", new JsonObject { ["is_public"] = false })).StatusCode.Should().Be(HttpStatusCode.OK);

        var body = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(Document(name: "After")))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("name").GetString().Should().Be("After");
        body.GetProperty("is_public").GetBoolean().Should().BeFalse();
    }

    private async Task<string> ETagAsync(string id)
    {
        using var response = await _client.GetWorkflowAsync(id);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("GET returned no ETag.");
    }

    private async Task<HttpResponseMessage> PatchAsync(string id, JsonObject document, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/workflows/i/{id}")
        {
            Content = new StringContent(Wrap(document).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _client.SendAsync(request);
    }
}
