using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.LiveUpdates;

/// <summary>The workflow calls the UI makes that raise live-update events.</summary>
internal static class LiveWorkflowCalls
{
    public static async Task ShareAsync(this HttpClient client, string workflowId, bool isPublic)
    {
        using var response = await client.PatchAsJsonAsync($"/api/v1/workflows/i/{workflowId}/is_public", new { is_public = isPublic });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> RenameAsync(this HttpClient client, string workflowId, string name)
    {
        var document = WorkflowBodies.Document(name);
        document["id"] = workflowId;
        return client.PatchJsonAsync($"/api/v1/workflows/i/{workflowId}", new JsonObject { ["workflow"] = document });
    }

    public static async Task DeleteWorkflowAsync(this HttpClient client, string workflowId)
    {
        using var response = await client.DeleteAsync($"/api/v1/workflows/i/{workflowId}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}
