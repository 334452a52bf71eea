using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class CreateWorkflowEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Post_ReturnsTheRecordWithInvokeAiFieldsInOrder()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/workflows/", WorkflowBodies.Wrap(WorkflowBodies.Document(name: "Ordered")));

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.FieldNames().Should().Equal("workflow_id", "name", "created_at", "updated_at", "opened_at", "user_id", "is_public", "workflow");
        body.GetProperty("created_at").GetString().Should().Be("2026-11-27 12:00:00.000");
        body.GetProperty("workflow").FieldNames().Should().Equal(
            "name", "author", "description", "version", "contact", "tags", "notes", "exposedFields", "meta", "nodes", "edges", "form", "id");
    }

    [Fact]
    public async Task Post_WithMalformedJson_Is422JsonInvalid()
    {
        using var content = new StringContent("{\"workflow\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/v1/workflows/", content);

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("detail")[0].GetProperty("type").GetString().Should().Be("json_invalid");
    }
}
