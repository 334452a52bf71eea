using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

public sealed class CreateWorkflowEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Post_ReturnsTheRecordWithInvokeAiFieldsInOrder()
    {
        var response = await _client.PostAsJsonAsync(Collection, Wrap(Document(name: "Ordered")));

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        body.FieldNames().Should().Equal("workflow_id", "name", "created_at", "updated_at", "opened_at", "user_id", "is_public", "workflow");
        body.GetProperty("workflow").FieldNames().Should().Equal(
            "name", "author", "description", "version", "contact", "tags", "notes", "exposedFields", "meta", "nodes", "edges", "form", "id");
        body.GetProperty("workflow").GetProperty("exposedFields")[0].FieldNames().Should().Equal("nodeId", "fieldName");
    }

    [Fact]
    public async Task Post_InSingleUserMode_IsOwnedBySystemAndPublicWithSqliteStyleTimes()
    {
        var body = await _client.CreateRecordAsync(Document(name: "Mine", tags: "a,b"));

        body.GetProperty("name").GetString().Should().Be("Mine");
        body.GetProperty("user_id").GetString().Should().Be("system");
        body.GetProperty("is_public").GetBoolean().Should().BeTrue();
        body.GetProperty("opened_at").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        body.GetProperty("created_at").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$");
        body.GetProperty("updated_at").GetString().Should().Be(body.GetProperty("created_at").GetString());
        body.GetProperty("workflow").GetProperty("id").GetString().Should().Be(body.GetProperty("workflow_id").GetString());
        body.GetProperty("workflow").GetProperty("tags").GetString().Should().Be("a,b");
    }

    [Fact]
    public async Task Post_IgnoresAnIdAndUnknownKeysInTheBody()
    {
        var document = Document();
        document["id"] = "chosen-by-client";
        document["form_fields"] = new JsonArray();
        var body = new JsonObject { ["workflow"] = document, ["extra"] = true };

        var record = await (await _client.PostAsJsonAsync(Collection, body)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var id = record.GetProperty("workflow_id").GetString();
        Guid.TryParse(id, out _).Should().BeTrue();
        record.GetProperty("workflow").GetProperty("id").GetString().Should().Be(id);
        record.GetProperty("workflow").TryGetProperty("form_fields", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Post_WithNullIdAsTheUiSends_Succeeds()
    {
        var document = Document();
        document["id"] = null;

        await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_KeepsTheFormAsSent()
    {
        var document = Document();
        document["form"] = new JsonObject { ["rootElementId"] = "root", ["elements"] = new JsonObject { ["root"] = new JsonObject { ["id"] = "root" } } };

        var record = await _client.CreateRecordAsync(document);

        JsonNode.DeepEquals(JsonNode.Parse(record.GetProperty("workflow").GetProperty("form").GetRawText()), document["form"]).Should().BeTrue();
    }

    [Fact]
    public async Task Post_WithDefaultCategory_Is400()
    {
        var document = Document();
        document["meta"]!["category"] = "default";

        var detail = await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailWithAsync(HttpStatusCode.BadRequest);

        detail.Should().Be("Default workflows cannot be created");
    }

    [Fact]
    public async Task Post_WithMissingFields_Is422AtEachFieldWithTheEnclosingObjectAsInput()
    {
        var document = Document();
        document.Remove("name");
        document.Remove("edges");

        var items = await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync();

        items.Select(i => i.Loc()).Should().Equal("""["body","workflow","name"]""", """["body","workflow","edges"]""");
        foreach (var item in items)
        {
            item.Type().Should().Be("missing");
            item.Msg().Should().Be("Field required");
            JsonNode.DeepEquals(JsonNode.Parse(item.GetProperty("input").GetRawText()), document).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Post_WithoutTheWorkflowKey_Is422AtBodyWorkflow()
    {
        var body = new JsonObject { ["name"] = "not wrapped" };

        var item = (await (await _client.PostAsJsonAsync(Collection, body)).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("missing");
        item.Loc().Should().Be("""["body","workflow"]""");
        item.GetProperty("input").GetRawText().Should().Be("""{"name":"not wrapped"}""");
    }

    [Fact]
    public async Task Post_WithANonStringName_Is422StringType()
    {
        var document = Document();
        document["name"] = 5;

        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("string_type");
        item.Loc().Should().Be("""["body","workflow","name"]""");
        item.Msg().Should().Be("Input should be a valid string");
        item.GetProperty("input").GetInt32().Should().Be(5);
    }

    [Fact]
    public async Task Post_WithNodesThatAreNotAList_Is422ListType()
    {
        var document = Document();
        document["nodes"] = "nodes";

        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("list_type");
        item.Loc().Should().Be("""["body","workflow","nodes"]""");
        item.Msg().Should().Be("Input should be a valid list");
        item.GetProperty("input").GetString().Should().Be("nodes");
    }

    [Fact]
    public async Task Post_WithAnUnknownCategory_Is422EnumWithTheExpectedValues()
    {
        var document = Document();
        document["meta"]!["category"] = "project";

        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.GetRawText().Should().Be(
            """{"type":"enum","loc":["body","workflow","meta","category"],"msg":"Input should be 'user' or 'default'","input":"project","ctx":{"expected":"'user' or 'default'"}}""");
    }

    [Fact]
    public async Task Post_WithANonSemverMetaVersion_Is422ValueError()
    {
        var document = Document();
        document["meta"]!["version"] = "x";

        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("value_error");
        item.Loc().Should().Be("""["body","workflow","meta","version"]""");
        item.Msg().Should().Be("Value error, Invalid workflow meta version: x");
        item.GetProperty("ctx").GetProperty("error").GetString().Should().Be("Invalid workflow meta version: x");
    }

    [Fact]
    public async Task Post_WithTwoWorkflowReturnNodes_Is422ValueError()
    {
        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(Document(workflowReturnNodes: 2)))).ShouldFailValidationAsync())
            .Should().ContainSingle().Subject;

        item.Type().Should().Be("value_error");
        item.Msg().Should().Be("Value error, A workflow may not contain more than one workflow_return node.");
    }

    [Fact]
    public async Task Post_WithMalformedJson_Is422JsonInvalidAtTheCharacterOffset()
    {
        var item = (await (await _client.SendRawAsync(HttpMethod.Post, Collection, """{"workflow": """)).ShouldFailValidationAsync())
            .Should().ContainSingle().Subject;

        item.Type().Should().Be("json_invalid");
        item.Loc().Should().Be("""["body",13]""");
        item.Msg().Should().Be("JSON decode error");
        item.GetProperty("input").GetRawText().Should().Be("{}");
        item.GetProperty("ctx").GetProperty("error").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("{\n  \"workflow\": }", 16)]
    [InlineData("{\"a\": \"é\",}", 10)]
    public async Task Post_WithMalformedJson_CountsCharactersFromTheStartOfTheBody(string body, int offset)
    {
        var item = (await (await _client.SendRawAsync(HttpMethod.Post, Collection, body)).ShouldFailValidationAsync())
            .Should().ContainSingle().Subject;

        item.Type().Should().Be("json_invalid");
        item.Loc().Should().Be($"[\"body\",{offset}]");
    }

    [Fact]
    public async Task Post_WithAnUnpairedSurrogateEscape_Is422StringUnicode()
    {
        var body = Wrap(Document()).ToJsonString().Replace("\"My workflow\"", "\"\\ud800\"", StringComparison.Ordinal);

        var item = (await (await _client.SendRawAsync(HttpMethod.Post, Collection, body)).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.GetRawText().Should().Be(
            """{"type":"string_unicode","loc":["body"],"msg":"Input should be a valid string, unable to parse raw data as a unicode string","input":null}""");
    }

    [Fact]
    public async Task Post_WithAnEmptyBody_Is422MissingBody()
    {
        var item = (await (await _client.SendRawAsync(HttpMethod.Post, Collection, "")).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("missing");
        item.Loc().Should().Be("""["body"]""");
    }

    [Theory]
    [InlineData("description", 5_000)]
    [InlineData("notes", 50_000)]
    [InlineData("author", 255)]
    public async Task Post_WithATextFieldOverItsLimit_Is422NamingTheField(string field, int maxLength)
    {
        var document = Document();
        document[field] = new string('x', maxLength + 1);

        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("string_too_long");
        item.Loc().Should().Be($$"""["body","workflow","{{field}}"]""");
        item.Msg().Should().Be($"String should have at most {maxLength} characters");
        item.GetProperty("ctx").GetProperty("max_length").GetInt32().Should().Be(maxLength);
    }

    [Fact]
    public async Task Post_WithTooManyTags_Is422OnTags()
    {
        var document = Document();
        document["tags"] = string.Join(",", Enumerable.Range(0, 51).Select(i => $"t{i}"));

        var item = (await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailValidationAsync()).Should().ContainSingle().Subject;

        item.Type().Should().Be("value_error");
        item.Loc().Should().Be("""["body","workflow","tags"]""");
    }

    [Fact]
    public async Task Post_WithAHugeBody_Is413WithADetail()
    {
        var document = Document();
        document["notes"] = new string('x', 9 * 1024 * 1024);

        var detail = await (await _client.PostAsJsonAsync(Collection, Wrap(document))).ShouldFailWithAsync(HttpStatusCode.RequestEntityTooLarge);

        detail.Should().Be("Request body too large");
    }

    [Fact]
    public async Task Post_WithAHugeBodyOfUnknownLength_Is413WithADetail()
    {
        var document = Document();
        document["notes"] = new string('x', 9 * 1024 * 1024);
        using var content = new StreamContent(new UnseekableStream(System.Text.Encoding.UTF8.GetBytes(Wrap(document).ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var detail = await (await _client.PostAsync(Collection, content)).ShouldFailWithAsync(HttpStatusCode.RequestEntityTooLarge);

        detail.Should().Be("Request body too large");
    }

    /// <summary>A body whose length the client cannot know in advance, so it is sent without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
