using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>Request bodies as InvokeAI's web UI sends them, and the calls that send them.</summary>
public static class WorkflowBodies
{
    public const string Collection = "/api/v1/workflows/";

    public const string PromptBuilderDefault = "default_prompt_builder";

    /// <summary>A workflow document (without <c>id</c>) as JSON, with fields the caller may replace.</summary>
    public static JsonObject Document(string name = "My workflow", string tags = "", string description = "For tests", int workflowReturnNodes = 0)
    {
        var nodes = new JsonArray
        {
            Node("noise-1", "noise"),
            Node("denoise-1", "denoise_latents"),
        };
        for (var i = 0; i < workflowReturnNodes; i++)
        {
            nodes.Add(Node($"return-{i}", "workflow_return"));
        }

        return new JsonObject
        {
            ["name"] = name,
            ["author"] = "Tester",
            ["description"] = description,
            ["version"] = "1.0.0",
            ["contact"] = "tester@example.com",
            ["tags"] = tags,
            ["notes"] = "",
            ["exposedFields"] = new JsonArray(new JsonObject { ["nodeId"] = "noise-1", ["fieldName"] = "seed" }),
            ["meta"] = new JsonObject { ["version"] = "3.0.0", ["category"] = "user" },
            ["nodes"] = nodes,
            ["edges"] = new JsonArray(),
            ["form"] = null,
        };
    }

    public static JsonObject Wrap(JsonObject document) => new() { ["workflow"] = document };

    /// <summary>A name no other test uses, to find this test's workflows in a shared server.</summary>
    public static string Unique(string prefix = "wf") => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<string> CreateAsync(this HttpClient client, JsonObject? document = null) =>
        (await client.CreateRecordAsync(document)).GetProperty("workflow_id").GetString()!;

    public static async Task<JsonElement> CreateRecordAsync(this HttpClient client, JsonObject? document = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync(Collection, Wrap(document ?? Document()));
        return await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> GetWorkflowAsync(this HttpClient client, string workflowId) =>
        client.GetAsync($"/api/v1/workflows/i/{workflowId}");

    /// <summary>Sends <paramref name="body"/> exactly as given, as JSON.</summary>
    public static async Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.SendRawAsync(HttpMethod.Patch, path, body.ToJsonString());

    /// <summary>Uploads a thumbnail as the UI does: multipart/form-data with a file field <c>image</c>.</summary>
    public static async Task<HttpResponseMessage> PutThumbnailAsync(
        this HttpClient client, string workflowId, byte[] image, string? contentType = "image/png", string field = "image")
    {
        ArgumentNullException.ThrowIfNull(client);
        var file = new ByteArrayContent(image);
        if (contentType is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var form = new MultipartFormDataContent { { file, field, "thumbnail.png" } };
        return await client.PutAsync($"/api/v1/workflows/i/{workflowId}/thumbnail", form);
    }

    /// <summary>The <c>name</c>s of the items of a list response.</summary>
    public static IReadOnlyList<string?> Names(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonObject Node(string id, string type) => new()
    {
        ["id"] = id,
        ["type"] = "invocation",
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = "1.0.0", ["inputs"] = new JsonObject() },
    };
}
