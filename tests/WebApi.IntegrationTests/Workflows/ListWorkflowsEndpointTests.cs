using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class ListWorkflowsEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task List_ReturnsThePaginatedEnvelopeAndItemsInOrder()
    {
        var marker = Unique();
        var id = await _client.CreateAsync(Document(name: marker, description: "Listed", tags: "x,y", workflowReturnNodes: 1));

        var body = await ListAsync($"query={marker}");

        body.FieldNames().Should().Equal("page", "pages", "per_page", "total", "items");
        var item = body.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        item.FieldNames().Should().Equal(
            "workflow_id", "name", "created_at", "updated_at", "opened_at", "user_id", "is_public",
            "description", "category", "tags", "thumbnail_url", "call_saved_workflow_compatibility");
        item.GetProperty("workflow_id").GetString().Should().Be(id);
        item.GetProperty("description").GetString().Should().Be("Listed");
        item.GetProperty("category").GetString().Should().Be("user");
        item.GetProperty("tags").GetString().Should().Be("x,y");
        item.GetProperty("thumbnail_url").ValueKind.Should().Be(JsonValueKind.Null);
        item.GetProperty("created_at").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$");
        item.GetProperty("call_saved_workflow_compatibility").GetRawText().Should().Be("""{"is_callable":true,"reason":"ok","message":null}""");
    }

    [Fact]
    public async Task List_WithCategoryDefault_ListsTheBundledDefaults()
    {
        var body = await ListAsync("categories=default");

        body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("workflow_id").GetString()).Should().BeEquivalentTo(
            "default_image_to_image", "default_prompt_builder", "default_text_to_image_basic", "default_upscale_esrgan");
        body.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("category").GetString() == "default");
    }

    [Fact]
    public async Task List_WithRepeatedCategories_ListsBoth()
    {
        var marker = Unique();
        await _client.CreateAsync(Document(name: marker));

        var both = await ListAsync("categories=user&categories=default");
        var defaults = await ListAsync("categories=default");
        var users = await ListAsync("categories=user");

        both.GetProperty("total").GetInt32().Should().Be(defaults.GetProperty("total").GetInt32() + users.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_WithPageAndPerPage_PagesTheResults()
    {
        var marker = Unique();
        foreach (var suffix in new[] { "a", "b", "c", "d", "e" })
        {
            await _client.CreateAsync(Document(name: $"{marker}-{suffix}"));
        }

        var body = await ListAsync($"query={marker}&page=1&per_page=2&order_by=name&direction=DESC");

        body.GetProperty("page").GetInt32().Should().Be(1);
        body.GetProperty("pages").GetInt32().Should().Be(3);
        body.GetProperty("per_page").GetInt32().Should().Be(2);
        body.GetProperty("total").GetInt32().Should().Be(5);
        body.Names().Should().Equal($"{marker}-c", $"{marker}-b");
    }

    [Fact]
    public async Task List_WithoutPerPage_EchoesTheTotalAsPerPage()
    {
        var marker = Unique();
        await _client.CreateAsync(Document(name: marker));
        await _client.CreateAsync(Document(name: marker));

        var body = await ListAsync($"query={marker}");

        body.GetProperty("per_page").GetInt32().Should().Be(2);
        body.GetProperty("pages").GetInt32().Should().Be(1);
        body.GetProperty("page").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task List_WhenNothingMatches_HasZeroPages()
    {
        var body = await ListAsync($"query={Unique()}&per_page=30");

        body.GetRawText().Should().Be("""{"page":0,"pages":0,"per_page":30,"total":0,"items":[]}""");
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("updated_at")]
    [InlineData("opened_at")]
    [InlineData("name")]
    [InlineData("is_public")]
    public async Task List_AcceptsEveryOrderByInBothDirections(string orderBy)
    {
        foreach (var direction in new[] { "ASC", "DESC" })
        {
            await ListAsync($"order_by={orderBy}&direction={direction}&per_page=5");
        }
    }

    [Fact]
    public async Task List_WithTagsAndCallableAndOpenedFilters_AppliesThem()
    {
        var marker = Unique();
        var opened = await _client.CreateAsync(Document(name: marker, tags: "SDXL", workflowReturnNodes: 1));
        await _client.CreateAsync(Document(name: marker, tags: "sd15"));
        await (await _client.PutAsync($"/api/v1/workflows/i/{opened}/opened_at", null)).ShouldBeJsonNullAsync();

        (await ListAsync($"query={marker}&tags=sdxl&tags=nothing")).GetProperty("total").GetInt32().Should().Be(1);
        (await ListAsync($"query={marker}&tags=SD")).GetProperty("total").GetInt32().Should().Be(2);
        (await ListAsync($"query={marker}&callable=true")).GetProperty("total").GetInt32().Should().Be(1);
        (await ListAsync($"query={marker}&has_been_opened=yes")).GetProperty("total").GetInt32().Should().Be(1);
        (await ListAsync($"query={marker}&has_been_opened=0")).GetProperty("total").GetInt32().Should().Be(1);
        (await ListAsync($"query={marker}&is_public=true")).GetProperty("total").GetInt32().Should().Be(2);
        (await ListAsync($"query={marker}&is_public=off")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("t")]
    [InlineData("Y")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("no")]
    [InlineData("OFF")]
    [InlineData("f")]
    [InlineData("n")]
    public async Task List_AcceptsEveryBooleanSpelling(string value)
    {
        await ListAsync($"has_been_opened={value}&is_public={value}&callable={value}");
    }

    [Fact]
    public async Task List_WithAnUnknownCategory_Is422EnumAtItsIndex()
    {
        var items = await (await _client.GetAsync($"{Collection}?categories=user&categories=project")).ShouldFailValidationAsync();

        items.Should().ContainSingle().Which.GetRawText().Should().Be(
            """{"type":"enum","loc":["query","categories",1],"msg":"Input should be 'user' or 'default'","input":"project","ctx":{"expected":"'user' or 'default'"}}""");
    }

    [Fact]
    public async Task List_WithAnUnknownOrderOrDirection_Is422Enum()
    {
        var items = await (await _client.GetAsync($"{Collection}?order_by=popularity&direction=asc")).ShouldFailValidationAsync();

        items.Select(i => i.Loc()).Should().Equal("""["query","order_by"]""", """["query","direction"]""");
        items[0].Msg().Should().Be("Input should be 'created_at', 'updated_at', 'opened_at', 'name' or 'is_public'");
        items[0].GetProperty("ctx").GetProperty("expected").GetString().Should().Be("'created_at', 'updated_at', 'opened_at', 'name' or 'is_public'");
        items[1].Msg().Should().Be("Input should be 'ASC' or 'DESC'");
        items.Should().OnlyContain(i => i.Type() == "enum");
    }

    [Fact]
    public async Task List_WithANonNumericPage_Is422IntParsing()
    {
        var item = (await (await _client.GetAsync($"{Collection}?page=first")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.GetRawText().Should().Be(
            """{"type":"int_parsing","loc":["query","page"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"first"}""");
    }

    [Theory]
    [InlineData("page=-1&per_page=10", """["query","page"]""")]
    [InlineData("per_page=-5", """["query","per_page"]""")]
    public async Task List_WithANegativePageOrPerPage_Is422GreaterThanEqual(string query, string loc)
    {
        var item = (await (await _client.GetAsync($"{Collection}?{query}")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("greater_than_equal");
        item.Loc().Should().Be(loc);
        item.Msg().Should().Be("Input should be greater than or equal to 0");
        item.GetProperty("ctx").GetRawText().Should().Be("""{"ge":0}""");
    }

    [Fact]
    public async Task List_WithANonBooleanFilter_Is422BoolParsing()
    {
        var item = (await (await _client.GetAsync($"{Collection}?is_public=maybe")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.GetRawText().Should().Be(
            """{"type":"bool_parsing","loc":["query","is_public"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}""");
    }

    [Fact]
    public async Task List_WithSeveralBadParameters_ReportsEachOne()
    {
        var items = await (await _client.GetAsync($"{Collection}?page=x&per_page=y&categories=nope&has_been_opened=perhaps")).ShouldFailValidationAsync();

        items.Select(i => i.Loc()).Should().BeEquivalentTo(
            """["query","page"]""", """["query","per_page"]""", """["query","categories",0]""", """["query","has_been_opened"]""");
    }

    [Theory]
    [InlineData("/api/v1/workflows/")]
    [InlineData("/api/v1/workflows")]
    public async Task List_AnswersWithAndWithoutTheTrailingSlash(string path)
    {
        var body = await (await _client.GetAsync($"{path}?categories=default")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        body.GetProperty("total").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task Post_AnswersWithoutTheTrailingSlash()
    {
        var response = await _client.PostAsync("/api/v1/workflows", new StringContent(Wrap(Document()).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private async Task<JsonElement> ListAsync(string query) =>
        await (await _client.GetAsync($"{Collection}?{query}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
}
