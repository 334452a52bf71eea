using System.Net;
using System.Text.Json.Nodes;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>The bundled default workflows: listed and readable, never modified (contract A.2.3).</summary>
public sealed class DefaultWorkflowsEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private const string Path = $"/api/v1/workflows/i/{PromptBuilderDefault}";

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Modifications() => new("update", "delete", "share", "set thumbnail", "delete thumbnail");

    [Theory]
    [MemberData(nameof(Modifications))]
    public async Task Modifying_ADefaultWorkflow_Is403ReadOnlyAndChangesNothing(string modification)
    {
        var before = (await (await _client.GetWorkflowAsync(PromptBuilderDefault)).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("workflow").GetRawText();

        var response = modification switch
        {
            "update" => await _client.PatchJsonAsync(Path, Wrap(Document(name: "Changed"))),
            "delete" => await _client.DeleteAsync(Path),
            "share" => await _client.PatchJsonAsync($"{Path}/is_public", new JsonObject { ["is_public"] = true }),
            "set thumbnail" => await _client.PutThumbnailAsync(PromptBuilderDefault, TestImages.Png(10, 10)),
            "delete thumbnail" => await _client.DeleteAsync($"{Path}/thumbnail"),
            _ => throw new ArgumentOutOfRangeException(nameof(modification), modification, null),
        };

        (await response.ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Default workflows are read-only");
        var after = await (await _client.GetWorkflowAsync(PromptBuilderDefault)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        after.GetProperty("workflow").GetRawText().Should().Be(before);
        after.GetProperty("is_public").GetBoolean().Should().BeFalse();
        (await _client.GetAsync($"{Path}/thumbnail")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Update_OfADefaultWorkflowWithItsOwnDocument_IsStill403()
    {
        var current = await (await _client.GetWorkflowAsync(PromptBuilderDefault)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var body = new JsonObject { ["workflow"] = JsonNode.Parse(current.GetProperty("workflow").GetRawText()) };

        (await (await _client.PatchJsonAsync(Path, body)).ShouldFailWithAsync(HttpStatusCode.Forbidden)).Should().Be("Default workflows are read-only");
    }

    [Fact]
    public async Task List_OfCategoryDefault_ShowsEveryBundledDefaultWithItsThumbnail()
    {
        var body = await (await _client.GetAsync($"{Collection}?categories=default&order_by=name")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.Names().Should().Equal("Image to Image", "Prompt Builder", "Text to Image - Basic", "Upscale with ESRGAN");
        body.GetProperty("items").EnumerateArray().Should().OnlyContain(i =>
            i.GetProperty("user_id").GetString() == "system" && i.GetProperty("thumbnail_url").GetString() != null);
    }
}
