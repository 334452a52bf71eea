using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary><c>/tags</c>, <c>/counts_by_tag</c> and <c>/counts_by_category</c>.</summary>
public sealed class WorkflowTagsAndCountsEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Tags_AreAJsonArrayOfDistinctSortedTags()
    {
        var marker = Unique("tag");
        await _client.CreateAsync(Document(tags: $" {marker}-b ,{marker}-a,,"));
        await _client.CreateAsync(Document(tags: $"{marker}-a, {marker}-C"));

        var body = await GetOkAsync("/api/v1/workflows/tags?categories=user");

        body.ValueKind.Should().Be(JsonValueKind.Array);
        body.EnumerateArray().Select(t => t.GetString()).Where(t => t!.StartsWith(marker, StringComparison.Ordinal))
            .Should().Equal($"{marker}-C", $"{marker}-a", $"{marker}-b");
    }

    [Fact]
    public async Task Tags_OfTheDefaults_AreListedForCategoryDefault()
    {
        var body = await GetOkAsync("/api/v1/workflows/tags?categories=default");

        body.EnumerateArray().Select(t => t.GetString()).Should().Equal(
            "basic", "callable", "image2image", "prompt", "text2image", "upscale", "utility");
    }

    [Fact]
    public async Task Tags_WithAnUnknownCategory_Is422()
    {
        var item = (await (await _client.GetAsync("/api/v1/workflows/tags?categories=shared")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Loc().Should().Be("""["query","categories",0]""");
    }

    [Fact]
    public async Task CountsByTag_IsAnObjectKeyedByTheTagsAsSent()
    {
        var marker = Unique("count");
        await _client.CreateAsync(Document(tags: $"{marker}-SDXL"));
        await _client.CreateAsync(Document(tags: $"{marker}-sd15, other"));

        var body = await GetOkAsync(
            $"/api/v1/workflows/counts_by_tag?tags={marker}-SD&tags={marker}-sdxl&tags=%20{marker}-sd15%20&tags={marker}-none&categories=user");

        body.GetRawText().Should().Be($$"""{"{{marker}}-SD":2,"{{marker}}-sdxl":1," {{marker}}-sd15 ":1,"{{marker}}-none":0}""");
    }

    [Fact]
    public async Task CountsByTag_WithoutTags_Is422MissingAtQueryTags()
    {
        var item = (await (await _client.GetAsync("/api/v1/workflows/counts_by_tag?categories=user")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.GetRawText().Should().Be("""{"type":"missing","loc":["query","tags"],"msg":"Field required","input":null}""");
    }

    [Fact]
    public async Task CountsByCategory_IsAnObjectWithOneKeyPerRequestedCategory()
    {
        var body = await GetOkAsync("/api/v1/workflows/counts_by_category?categories=default&categories=user");

        body.FieldNames().Should().Equal("default", "user");
        body.GetProperty("default").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task CountsByCategory_WithHasBeenOpened_CountsOpenedWorkflows()
    {
        var before = (await GetOkAsync("/api/v1/workflows/counts_by_category?categories=user&has_been_opened=true")).GetProperty("user").GetInt32();
        var id = await _client.CreateAsync();
        await (await _client.PutAsync($"/api/v1/workflows/i/{id}/opened_at", null)).ShouldBeJsonNullAsync();

        var after = (await GetOkAsync("/api/v1/workflows/counts_by_category?categories=user&has_been_opened=true")).GetProperty("user").GetInt32();

        after.Should().Be(before + 1);
    }

    [Fact]
    public async Task CountsByCategory_WithoutCategories_Is422MissingAtQueryCategories()
    {
        var item = (await (await _client.GetAsync("/api/v1/workflows/counts_by_category?has_been_opened=true")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.GetRawText().Should().Be("""{"type":"missing","loc":["query","categories"],"msg":"Field required","input":null}""");
    }

    private async Task<JsonElement> GetOkAsync(string path) =>
        await (await _client.GetAsync(path)).ShouldHaveStatusAsync(HttpStatusCode.OK);
}
