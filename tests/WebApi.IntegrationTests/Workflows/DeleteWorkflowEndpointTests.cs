using System.Net;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class DeleteWorkflowEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Delete_Answers200WithJsonNullAndTheWorkflowIsGone()
    {
        var id = await _client.CreateAsync();

        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}")).ShouldBeJsonNullAsync();

        (await (await _client.GetWorkflowAsync(id)).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Delete_OfAWorkflowWithAThumbnail_RemovesTheThumbnailToo()
    {
        var id = await _client.CreateAsync();
        await (await _client.PutThumbnailAsync(id, TestImages.Png(20, 20))).ShouldBeJsonNullAsync();

        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}")).ShouldBeJsonNullAsync();

        File.Exists(Path.Combine(factory.Root, "workflow_thumbnails", id + ".webp")).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_OfAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.DeleteAsync("/api/v1/workflows/i/no-such-workflow")).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }

    [Fact]
    public async Task Delete_Twice_Is404TheSecondTime()
    {
        var id = await _client.CreateAsync();
        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}")).ShouldBeJsonNullAsync();

        (await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}")).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Workflow not found");
    }
}
