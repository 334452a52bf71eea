using System.Net;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.App;

/// <summary>What the server says about itself, and how it answers paths it does not have.</summary>
public sealed class AppEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Version_ReturnsTheVersionAndNoHighlights()
    {
        var body = await (await _client.GetAsync("/api/v1/app/version")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetRawText().Should().Be("""{"version":"1.0.0","highlights":[]}""");
    }

    [Fact]
    public async Task Health_WhenTheDatabaseIsReachable_IsHealthy()
    {
        var response = await _client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task OpenApi_DescribesTheWorkflowRoutesAtInvokeAIsPaths()
    {
        var body = await (await _client.GetAsync("/openapi.json")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = body.GetProperty("paths").FieldNames();
        paths.Should().Contain([
            "/api/v1/workflows/",
            "/api/v1/workflows/i/{workflow_id}",
            "/api/v1/workflows/i/{workflow_id}/is_public",
            "/api/v1/workflows/i/{workflow_id}/opened_at",
            "/api/v1/workflows/i/{workflow_id}/thumbnail",
            "/api/v1/workflows/tags",
            "/api/v1/workflows/counts_by_tag",
            "/api/v1/workflows/counts_by_category",
            "/api/v1/app/version",
        ]);
    }

    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/api/v1/nothing")]
    [InlineData("/api/v1/workflows/i")]
    [InlineData("/api/v1/workflows/i/some-id/unknown")]
    [InlineData("/api/v1/boards/some-board")]
    [InlineData("/api/v1/images/i/some-image")]
    public async Task UnknownRoute_Is404NotFound(string path)
    {
        (await (await _client.GetAsync(path)).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
    }

    [Fact]
    public async Task UnknownRoute_ForAPost_Is404NotFound()
    {
        (await (await _client.PostAsync("/api/v1/nothing", null)).ShouldFailWithAsync(HttpStatusCode.NotFound)).Should().Be("Not Found");
    }

    [Fact]
    public async Task KnownRouteWithAnotherMethod_Is405WithADetail()
    {
        (await (await _client.PutAsync("/api/v1/workflows/tags", null)).ShouldFailWithAsync(HttpStatusCode.MethodNotAllowed))
            .Should().Be("Method Not Allowed");
    }
}
