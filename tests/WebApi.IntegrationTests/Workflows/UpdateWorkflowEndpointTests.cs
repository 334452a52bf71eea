using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class UpdateWorkflowEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Patch_ReplacesTheDocumentAndReturnsTheRecord()
    {
        var created = await _client.CreateRecordAsync(Document(name: "Before"));
        var id = created.GetProperty("workflow_id").GetString()!;
        factory.Clock.Advance(TimeSpan.FromSeconds(90));
        var changed = Document(name: "After", tags: "new");
        changed["id"] = id;

        var body = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(changed))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.FieldNames().Should().Equal("workflow_id", "name", "created_at", "updated_at", "opened_at", "user_id", "is_public", "workflow");
        body.GetProperty("name").GetString().Should().Be("After");
        body.GetProperty("created_at").GetString().Should().Be(created.GetProperty("created_at").GetString());
        body.GetProperty("updated_at").GetString().Should().NotBe(created.GetProperty("updated_at").GetString());
        body.GetProperty("workflow").GetProperty("tags").GetString().Should().Be("new");
        var read = await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        read.GetProperty("workflow").GetRawText().Should().Be(body.GetProperty("workflow").GetRawText());
    }

    [Fact]
    public async Task Patch_WithoutIdInTheBody_UpdatesTheWorkflowInTheUrl()
    {
        var id = await _client.CreateAsync(Document(name: "Before"));

        var body = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(Document(name: "After")))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("workflow_id").GetString().Should().Be(id);
        body.GetProperty("workflow").GetProperty("id").GetString().Should().Be(id);
    }

    [Fact]
    public async Task Patch_WhenTheBodyIdDiffersFromTheUrl_Is400()
    {
        var target = await _client.CreateAsync(Document(name: "Target"));
        var other = await _client.CreateAsync(Document(name: "Other"));
        var document = Document(name: "Changed");
        document["id"] = other;

        var detail = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{target}", Wrap(document))).ShouldFailWithAsync(HttpStatusCode.BadRequest);

        detail.Should().Be("Workflow id in body does not match the URL");
        (await (await _client.GetWorkflowAsync(other)).ShouldHaveStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("Other");
    }

    [Fact]
    public async Task Patch_OfAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.PatchJsonAsync("/api/v1/workflows/i/no-such-workflow", Wrap(Document()))).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Patch_IntoTheDefaultCategory_Is400()
    {
        var id = await _client.CreateAsync();
        var document = Document();
        document["meta"]!["category"] = "default";

        var detail = await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(document))).ShouldFailWithAsync(HttpStatusCode.BadRequest);

        detail.Should().Be("A workflow cannot be moved into the default category");
    }

    [Fact]
    public async Task Patch_WithANonStringId_Is422StringType()
    {
        var id = await _client.CreateAsync();
        var document = Document();
        document["id"] = 42;

        var item = (await (await _client.PatchJsonAsync($"/api/v1/workflows/i/{id}", Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("string_type");
        item.Loc().Should().Be("""["body","workflow","id"]""");
    }
}
