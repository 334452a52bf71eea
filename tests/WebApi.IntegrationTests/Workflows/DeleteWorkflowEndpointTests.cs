using System.Net;
using Invoke.Infrastructure.Persistence;
using Invoke.Tests.Shared;
using Invoke.WebApi.IntegrationTests.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        var before = await StoredThumbnailsAsync();
        await (await _client.PutThumbnailAsync(id, TestImages.Png(20, 20))).ShouldBeJsonNullAsync();
        (await StoredThumbnailsAsync()).Should().Be(before + 1);

        await (await _client.DeleteAsync($"/api/v1/workflows/i/{id}")).ShouldBeJsonNullAsync();

        (await StoredThumbnailsAsync()).Should().Be(before);
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

    private async Task<int> StoredThumbnailsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().WorkflowThumbnails.CountAsync();
    }
}
