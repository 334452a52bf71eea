using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class GetWorkflowEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Get_ReturnsTheRecordWithThumbnailAndCompatibilityInOrder()
    {
        var created = await _client.CreateRecordAsync(Document(name: "Readable"));
        var id = created.GetProperty("workflow_id").GetString()!;

        var body = await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().Equal(
            "workflow_id", "name", "created_at", "updated_at", "opened_at", "user_id", "is_public", "workflow",
            "thumbnail_url", "call_saved_workflow_compatibility");
        body.GetProperty("workflow").GetRawText().Should().Be(created.GetProperty("workflow").GetRawText());
        body.GetProperty("thumbnail_url").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("call_saved_workflow_compatibility").GetRawText().Should().Be(
            """{"is_callable":false,"reason":"missing_workflow_return","message":"The workflow must contain exactly one workflow_return node."}""");
    }

    [Fact]
    public async Task Get_OfACallableWorkflow_SaysSo()
    {
        var id = await _client.CreateAsync(Document(workflowReturnNodes: 1));

        var body = await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("call_saved_workflow_compatibility").GetRawText().Should().Be("""{"is_callable":true,"reason":"ok","message":null}""");
    }

    [Fact]
    public async Task Get_OfADefaultWorkflow_ReturnsItWithItsThumbnailUrl()
    {
        var body = await (await _client.GetWorkflowAsync(PromptBuilderDefault)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("user_id").GetString().Should().Be("system");
        body.GetProperty("workflow").GetProperty("meta").GetProperty("category").GetString().Should().Be("default");
        body.GetProperty("thumbnail_url").GetString().Should().MatchRegex(
            $"^api/v1/workflows/i/{PromptBuilderDefault}/thumbnail\\?[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$");
    }

    [Fact]
    public async Task Get_OfAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.GetWorkflowAsync(Guid.NewGuid().ToString())).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }
}
