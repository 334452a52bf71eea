using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.WebApi.IntegrationTests.Testing;
using static Invoke.WebApi.IntegrationTests.Testing.WorkflowBodies;

namespace Invoke.WebApi.IntegrationTests.Workflows;

/// <summary>Whatever a client sends, the server answers with a client error in InvokeAI's shape, never a 500.</summary>
public sealed class BadInputEndpointTests(InvokeApiFactory factory) : IClassFixture<InvokeApiFactory>
{
    /// <summary>Placeholder for the id of an existing workflow in a path.</summary>
    private const string Id = "{id}";

    private static readonly Dictionary<string, Func<HttpRequestMessage>> Requests = new(StringComparer.Ordinal)
    {
        ["POST empty body"] = () => Json(HttpMethod.Post, Collection, ""),
        ["POST null"] = () => Json(HttpMethod.Post, Collection, "null"),
        ["POST array"] = () => Json(HttpMethod.Post, Collection, "[]"),
        ["POST number"] = () => Json(HttpMethod.Post, Collection, "123"),
        ["POST string"] = () => Json(HttpMethod.Post, Collection, "\"workflow\""),
        ["POST truncated JSON"] = () => Json(HttpMethod.Post, Collection, """{"workflow": {"name" """),
        ["POST trailing comma"] = () => Json(HttpMethod.Post, Collection, """{"workflow": {},}"""),
        ["POST not JSON at all"] = () => Json(HttpMethod.Post, Collection, "name=value&x=1"),
        ["POST invalid UTF-8"] = () => Bytes(HttpMethod.Post, Collection, [.. "{\"workflow\": \""u8, 0xFF, 0xFE, .. "\"}"u8]),
        ["POST lone surrogate in a string"] = () => Json(HttpMethod.Post, Collection, WithField("name", "\"\\ud800\"")),
        ["POST lone surrogate in tags"] = () => Json(HttpMethod.Post, Collection, WithField("tags", "\"a\\udc00b\"")),
        ["POST lone surrogate in a missing field's object"] = () => Json(HttpMethod.Post, Collection, """{"workflow": {"name": "\ud800"}}"""),
        ["POST lone surrogate as a node"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", """["\ud800"]""")),
        ["PATCH is_public lone surrogate key"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}/is_public", """{"\ud800": true}"""),
        ["POST lone surrogate as category"] = () => Json(HttpMethod.Post, Collection, WithField("meta", """{"version": "3.0.0", "category": "\udfff"}""")),
        ["POST lone surrogate in an exposed field"] = () => Json(HttpMethod.Post, Collection, WithField("exposedFields", """[{"nodeId": "\ud800", "fieldName": "x"}]""")),
        ["POST lone surrogate inside a node"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", """[{"id": "\ud800", "type": "invocation", "data": {"type": "\ud801"}}]""")),
        ["POST lone surrogate inside the form"] = () => Json(HttpMethod.Post, Collection, WithField("form", """{"\ud800": "\udc00x"}""")),
        ["PATCH lone surrogate as id"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", WithField("id", "\"\\ud800\"")),
        ["POST NUL in the name"] = () => Json(HttpMethod.Post, Collection, WithField("name", "\"a\\u0000b\"")),
        ["POST NUL in the tags"] = () => Json(HttpMethod.Post, Collection, WithField("tags", "\"\\u0000\"")),
        ["POST deeply nested node"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", "[" + new string('[', 500) + new string(']', 500) + "]")),
        ["POST huge number as name"] = () => Json(HttpMethod.Post, Collection, WithField("name", "1e400")),
        ["POST workflow null"] = () => Json(HttpMethod.Post, Collection, """{"workflow": null}"""),
        ["POST workflow array"] = () => Json(HttpMethod.Post, Collection, """{"workflow": []}"""),
        ["POST workflow string"] = () => Json(HttpMethod.Post, Collection, """{"workflow": "x"}"""),
        ["POST workflow empty"] = () => Json(HttpMethod.Post, Collection, """{"workflow": {}}"""),
        ["POST every field null"] = () => Json(HttpMethod.Post, Collection, EveryFieldNull()),
        ["POST nodes of numbers"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", "[1, 2]")),
        ["POST node type a number"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", """[{"type": 5, "data": {"type": "workflow_return"}}]""")),
        ["POST node data type a number"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", """[{"type": "invocation", "data": {"type": 7}}]""")),
        ["POST node data a list"] = () => Json(HttpMethod.Post, Collection, WithField("nodes", """[{"type": "invocation", "data": []}]""")),
        ["POST exposed fields of strings"] = () => Json(HttpMethod.Post, Collection, WithField("exposedFields", """["a"]""")),
        ["POST exposed field of numbers"] = () => Json(HttpMethod.Post, Collection, WithField("exposedFields", """[{"nodeId": 1, "fieldName": 2}]""")),
        ["POST meta null"] = () => Json(HttpMethod.Post, Collection, WithField("meta", "null")),
        ["POST meta version a number"] = () => Json(HttpMethod.Post, Collection, WithField("meta", """{"version": 3, "category": "user"}""")),
        ["POST meta category a number"] = () => Json(HttpMethod.Post, Collection, WithField("meta", """{"version": "3.0.0", "category": 1}""")),
        ["POST meta category project"] = () => Json(HttpMethod.Post, Collection, WithField("meta", """{"version": "3.0.0", "category": "project"}""")),
        ["POST form a number"] = () => Json(HttpMethod.Post, Collection, WithField("form", "5")),
        ["POST form a list"] = () => Json(HttpMethod.Post, Collection, WithField("form", "[]")),
        ["POST edges an object"] = () => Json(HttpMethod.Post, Collection, WithField("edges", "{}")),
        ["POST very long name"] = () => Json(HttpMethod.Post, Collection, WithField("name", JsonSerializer.Serialize(new string('n', 100_000)))),
        ["PATCH empty body"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", ""),
        ["PATCH truncated JSON"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", "{\"workflow\""),
        ["PATCH workflow null"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", """{"workflow": null}"""),
        ["PATCH id a number"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", WithField("id", "7")),
        ["PATCH id a list"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", WithField("id", "[]")),
        ["PATCH id of another workflow"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}", WithField("id", "\"someone-else\"")),
        ["PATCH unknown id in url"] = () => Json(HttpMethod.Patch, "/api/v1/workflows/i/unknown", WithField("id", "\"unknown\"")),
        ["PATCH is_public empty body"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}/is_public", ""),
        ["PATCH is_public array"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}/is_public", "[true]"),
        ["PATCH is_public a string"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}/is_public", """{"is_public": "true"}"""),
        ["PATCH is_public malformed"] = () => Json(HttpMethod.Patch, $"/api/v1/workflows/i/{Id}/is_public", """{"is_public": tru}"""),
        ["PUT thumbnail plain text"] = () => Raw(HttpMethod.Put, $"/api/v1/workflows/i/{Id}/thumbnail", "image", "text/plain"),
        ["PUT thumbnail multipart without boundary"] = () => Raw(HttpMethod.Put, $"/api/v1/workflows/i/{Id}/thumbnail", "garbage", "multipart/form-data"),
        ["PUT thumbnail broken multipart"] = () => Raw(HttpMethod.Put, $"/api/v1/workflows/i/{Id}/thumbnail", "--x\r\ngarbage", "multipart/form-data; boundary=x"),
        ["PUT thumbnail image as a text field"] = () => Form($"/api/v1/workflows/i/{Id}/thumbnail", new StringContent("not a file"), fileName: null),
        ["PUT thumbnail empty file"] = () => Form($"/api/v1/workflows/i/{Id}/thumbnail", Image([]), "empty.png"),
        ["PUT thumbnail truncated png"] = () => Form($"/api/v1/workflows/i/{Id}/thumbnail", Image([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), "t.png"),
        ["PUT thumbnail svg"] = () => Form($"/api/v1/workflows/i/{Id}/thumbnail", Image("<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray(), "image/svg+xml"), "a.svg"),
        ["PUT thumbnail of unknown workflow"] = () => Form("/api/v1/workflows/i/unknown/thumbnail", Image([1, 2, 3]), "a.png"),
        ["GET list page too big for an int"] = () => Get($"{Collection}?page=99999999999"),
        ["GET list page a fraction"] = () => Get($"{Collection}?page=1.5"),
        ["GET list page empty"] = () => Get($"{Collection}?page="),
        ["GET list per_page blank"] = () => Get($"{Collection}?per_page=%20"),
        ["GET list far page of a huge size"] = () => Get($"{Collection}?page=2147483647&per_page=2147483647"),
        ["GET list negative page"] = () => Get($"{Collection}?page=-2147483648&per_page=-1"),
        ["GET list empty category"] = () => Get($"{Collection}?categories="),
        ["GET list lower-case direction"] = () => Get($"{Collection}?direction=desc"),
        ["GET list empty order_by"] = () => Get($"{Collection}?order_by="),
        ["GET list empty boolean"] = () => Get($"{Collection}?has_been_opened="),
        ["GET list empty tag"] = () => Get($"{Collection}?tags="),
        ["GET list NUL in query"] = () => Get($"{Collection}?query=%00"),
        ["GET list invalid UTF-8 in query"] = () => Get($"{Collection}?query=%FF%FE"),
        ["GET list very long query"] = () => Get($"{Collection}?query={new string('q', 20_000)}"),
        ["GET list wildcards only"] = () => Get($"{Collection}?query=%25_%25&tags=%25"),
        ["GET workflow very long id"] = () => Get($"/api/v1/workflows/i/{new string('x', 5_000)}"),
        ["GET workflow encoded slashes"] = () => Get("/api/v1/workflows/i/..%2F..%2Fetc%2Fpasswd"),
        ["GET thumbnail encoded slashes"] = () => Get("/api/v1/workflows/i/..%2F..%2Fetc%2Fpasswd/thumbnail"),
        ["GET thumbnail dot-dot"] = () => Get("/api/v1/workflows/i/../thumbnail"),
        ["DELETE workflow very long id"] = () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/workflows/i/{new string('y', 5_000)}"),
        ["DELETE thumbnail encoded slashes"] = () => new HttpRequestMessage(HttpMethod.Delete, "/api/v1/workflows/i/..%2Fx/thumbnail"),
        ["GET counts_by_tag empty tag"] = () => Get("/api/v1/workflows/counts_by_tag?tags="),
        ["GET counts_by_tag bad boolean"] = () => Get("/api/v1/workflows/counts_by_tag?tags=a&is_public=2"),
        ["GET counts_by_category bogus category"] = () => Get("/api/v1/workflows/counts_by_category?categories=bogus"),
        ["GET tags bad boolean"] = () => Get("/api/v1/workflows/tags?is_public=sometimes"),
    };

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Cases() => new(Requests.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_NeverGivesA500(string name)
    {
        var id = await _client.CreateAsync();
        using var request = Requests[name]();
        request.RequestUri = new Uri(request.RequestUri!.OriginalString.Replace(Id, id, StringComparison.Ordinal), UriKind.Relative);

        using var response = await _client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeLessThan(500, "the body was: {0}", body);
        if ((int)response.StatusCode >= 400)
        {
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
            JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out _).Should().BeTrue("the body was: {0}", body);
        }
    }

    [Fact]
    public async Task BadInput_AfterwardsTheServerStillWorks()
    {
        foreach (var build in Requests.Values.Take(10))
        {
            using var request = build();
            request.RequestUri = new Uri(request.RequestUri!.OriginalString.Replace(Id, "unknown", StringComparison.Ordinal), UriKind.Relative);
            using var ignored = await _client.SendAsync(request);
        }

        await _client.CreateAsync();
    }

    private static string WithField(string field, string json)
    {
        var document = Document();
        document[field] = JsonNode.Parse("0");
        return Wrap(document).ToJsonString().Replace($"\"{field}\":0", $"\"{field}\":{json}", StringComparison.Ordinal);
    }

    private static string EveryFieldNull()
    {
        var document = new JsonObject();
        foreach (var (key, _) in Document())
        {
            document[key] = null;
        }

        return Wrap(document).ToJsonString();
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) => Raw(method, path, body, "application/json");

    private static HttpRequestMessage Raw(HttpMethod method, string path, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(method, path) { Content = content };
    }

    private static HttpRequestMessage Bytes(HttpMethod method, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, path) { Content = content };
    }

    private static ByteArrayContent Image(byte[] bytes, string contentType = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpRequestMessage Form(string path, HttpContent image, string? fileName)
    {
        var form = new MultipartFormDataContent();
        if (fileName is null)
        {
            form.Add(image, "image");
        }
        else
        {
            form.Add(image, "image", fileName);
        }

        return new HttpRequestMessage(HttpMethod.Put, path) { Content = form };
    }
}
