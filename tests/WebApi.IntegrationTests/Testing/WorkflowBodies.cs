using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Invoke.WebApi.IntegrationTests.Testing;

/// <summary>Request bodies as InvokeAI's web UI sends them.</summary>
public static class WorkflowBodies
{
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

    public static async Task<string> CreateAsync(this HttpClient client, JsonObject? document = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/workflows/", Wrap(document ?? Document()));
        var body = await response.ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        return body.GetProperty("workflow_id").GetString()!;
    }

    private static JsonObject Node(string id, string type) => new()
    {
        ["id"] = id,
        ["type"] = "invocation",
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = "1.0.0", ["inputs"] = new JsonObject() },
    };
}
