using System.Net;
using System.Net.Http.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Gallery;

/// <summary>The UI's gallery, board, queue, preset and prompt queries answered empty, in InvokeAI's shapes.</summary>
public sealed class EmptyGalleryEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Each list or count query the UI sends, as it sends it, and the empty answer.</summary>
    public static TheoryData<string, string> EmptyAnswers() => new()
    {
        { "/api/v1/images/?board_id=none&is_intermediate=false&limit=0&offset=0", """{"limit":0,"offset":0,"total":0,"items":[]}""" },
        { "/api/v1/images/?board_id=none&categories=general&is_intermediate=false&limit=20&offset=40", """{"limit":20,"offset":40,"total":0,"items":[]}""" },
        { "/api/v1/images/", """{"limit":10,"offset":0,"total":0,"items":[]}""" },
        { "/api/v1/images/names?board_id=none", """{"image_names":[],"starred_count":0,"total_count":0}""" },
        { "/api/v1/images/intermediates", "0" },
        { "/api/v1/videos/?board_id=none&is_intermediate=false&limit=0&offset=0", """{"limit":0,"offset":0,"total":0,"items":[]}""" },
        { "/api/v1/videos/names", """{"video_names":[],"starred_count":0,"total_count":0}""" },
        { "/api/v1/gallery/items/?limit=5", """{"limit":5,"offset":0,"total":0,"items":[]}""" },
        { "/api/v1/gallery/item_names?board_id=none&categories=general&is_intermediate=false&order_dir=DESC&search_term=&starred_first=true", """{"item_names":[],"starred_count":0,"total_count":0}""" },
        { "/api/v1/gallery/items/names", """{"items":[],"starred_count":0,"total_count":0}""" },
        { "/api/v1/boards/?all=true&include_archived=true", "[]" },
        { "/api/v1/boards/?all=true&order_by=created_at&direction=DESC", "[]" },
        { "/api/v1/boards/?offset=0&limit=50", """{"limit":50,"offset":0,"total":0,"items":[]}""" },
        { "/api/v1/virtual_boards/by_date", "[]" },
        { "/api/v1/style_presets/", "[]" },
        { "/api/v1/system_prompts/", "[]" },
        { "/api/v1/queue/default/status", """{"queue":{"queue_id":"default","item_id":null,"batch_id":null,"session_id":null,"pending":0,"in_progress":0,"waiting":0,"completed":0,"failed":0,"canceled":0,"total":0},"processor":{"is_started":false,"is_processing":false}}""" },
        { "/api/v1/queue/default/current", "null" },
        { "/api/v1/queue/default/next", "null" },
        { "/api/v1/queue/default/list_all", "[]" },
        { "/api/v1/queue/default/item_ids", """{"item_ids":[],"total_count":0}""" },
        { "/api/v1/queue/default/counts_by_destination?destination=canvas", """{"queue_id":"default","destination":"canvas","pending":0,"in_progress":0,"waiting":0,"completed":0,"failed":0,"canceled":0,"total":0}""" },
    };

    [Theory]
    [MemberData(nameof(EmptyAnswers))]
    public async Task ListAndCountQueries_AreAnsweredEmpty(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().Be(expected);
    }

    [Fact]
    public async Task RelatedModels_AreNone()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/model_relationships/batch", new { model_keys = new[] { "a", "b" } });

        (await response.Content.ReadAsStringAsync()).Should().Be("[]");
    }

    [Fact]
    public async Task Boards_WithoutAllOrAPage_Is400AsInInvokeAi()
    {
        (await (await _client.GetAsync("/api/v1/boards/?offset=0")).ShouldFailWithAsync(HttpStatusCode.BadRequest))
            .Should().Be("Invalid request: Must provide either 'all' or both 'offset' and 'limit'");
    }

    [Fact]
    public async Task APageOfImages_WithALimitThatIsNoNumber_IsA4xx()
    {
        var response = await _client.GetAsync("/api/v1/images/?limit=many");

        ((int)response.StatusCode).Should().BeInRange(400, 499);
        (await response.Content.ReadAsStringAsync()).Should().Contain("detail");
    }

    [Theory]
    [InlineData("POST", "/api/v1/images/upload")]
    [InlineData("GET", "/api/v1/images/i/some-image")]
    [InlineData("POST", "/api/v1/boards/")]
    [InlineData("POST", "/api/v1/queue/default/enqueue_batch")]
    [InlineData("POST", "/api/v1/style_presets/")]
    public async Task NothingElseOfThoseApis_Exists(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
    }
}
