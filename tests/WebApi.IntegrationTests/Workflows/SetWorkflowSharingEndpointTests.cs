using System.Net;
using System.Text.Json.Nodes;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class SetWorkflowSharingEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PatchIsPublic_ReturnsTheRecordWithTheSharedTag()
    {
        var id = await _client.CreateAsync(Document(tags: "a,b"));

        var body = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}/is_public", new JsonObject { ["is_public"] = true }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().Equal("workflow_id", "name", "created_at", "updated_at", "opened_at", "user_id", "is_public", "workflow");
        body.GetProperty("is_public").GetBoolean().Should().BeTrue();
        body.GetProperty("workflow").GetProperty("tags").GetString().Should().Be("a, b, shared");
    }

    [Fact]
    public async Task PatchIsPublicFalse_RemovesTheSharedTag()
    {
        var marker = Unique();
        var id = await _client.CreateAsync(Document(name: marker, tags: "shared, a"));

        var body = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}/is_public", new JsonObject { ["is_public"] = false }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("is_public").GetBoolean().Should().BeFalse();
        body.GetProperty("workflow").GetProperty("tags").GetString().Should().Be("a");
        var listed = await (await _client.GetAsync($"{Collection}?query={marker}&tags=shared")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        listed.GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task PatchIsPublic_WithoutTheField_Is422MissingAtBodyIsPublic()
    {
        var id = await _client.CreateAsync();

        var item = (await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}/is_public", new JsonObject())).ShouldFailValidationAsync())
            .Should().ContainSingle().Subject;

        item.GetRawText().Should().Be("""{"type":"missing","loc":["body","is_public"],"msg":"Field required","input":{}}""");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("2")]
    public async Task PatchIsPublic_WithANonBoolean_Is422(string value)
    {
        var id = await _client.CreateAsync();

        var item = (await (await _client.SendRawAsync(HttpMethod.Patch, $"/api/v1/workflows/i/{id}/is_public", $$"""{"is_public": {{value}}}"""))
            .ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("bool_type");
        item.Loc().Should().Be("""["body","is_public"]""");
    }

    [Fact]
    public async Task PatchIsPublic_OfAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.PatchJsonAsync("/api/v1/workflows/i/no-such-workflow/is_public", new JsonObject { ["is_public"] = true }))
            .ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }
}
