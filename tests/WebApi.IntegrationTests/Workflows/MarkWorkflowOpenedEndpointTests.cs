using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class MarkWorkflowOpenedEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PutOpenedAt_Answers200WithJsonNullAndRecordsTheTime()
    {
        var id = await _client.CreateAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var expected = factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

        await (await _client.PutAsync($"/api/v1/workflows/i/{id}/opened_at", null)).ShouldBeJsonNullAsync();

        var body = await (await _client.GetWorkflowAsync(id)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("opened_at").GetString().Should().Be(expected);
        body.GetProperty("updated_at").GetString().Should().Be(expected);
    }

    [Fact]
    public async Task PutOpenedAt_OfADefaultWorkflowInSingleUserMode_IsAllowed()
    {
        await (await _client.PutAsync($"/api/v1/workflows/i/{PromptBuilderDefault}/opened_at", null)).ShouldBeJsonNullAsync();

        var body = await (await _client.GetWorkflowAsync(PromptBuilderDefault)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.GetProperty("opened_at").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task PutOpenedAt_OfAnUnknownWorkflow_Is404()
    {
        var detail = await (await _client.PutAsync("/api/v1/workflows/i/no-such-workflow/opened_at", null)).ShouldFailWithAsync(HttpStatusCode.NotFound);

        detail.Should().Be("Workflow not found");
    }
}
