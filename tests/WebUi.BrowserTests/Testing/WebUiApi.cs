using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Invoke.WebUi.BrowserTests.Testing;

/// <summary>
/// Invoke's HTTP API beside the browser: what a test arranges without the UI and what it checks
/// the UI did, as the user whose e-mail logs in.
/// </summary>
public sealed class WebUiApi(Uri address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> TokenAsync(string email)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = WebUiSession.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<string> UserIdAsync(string email)
    {
        var me = await SendAsync(email, HttpMethod.Get, "/api/v1/auth/me");
        return me.GetProperty("user_id").GetString()!;
    }

    /// <summary>A private, empty workflow of <paramref name="email"/>'s; its id.</summary>
    public async Task<string> CreateWorkflowAsync(string email, string name)
    {
        var workflow = new
        {
            name,
            author = "",
            description = "",
            version = "",
            contact = "",
            tags = "",
            notes = "",
            exposedFields = Array.Empty<object>(),
            meta = new { version = "4.0.0", category = "user" },
            nodes = Array.Empty<object>(),
            edges = Array.Empty<object>(),
            form = new
            {
                elements = new { root = new { id = "root", type = "container", data = new { layout = "column", children = Array.Empty<object>() } } },
                rootElementId = "root",
            },
        };
        var created = await SendAsync(email, HttpMethod.Post, "/api/v1/workflows/", new { workflow });
        return created.GetProperty("workflow_id").GetString()!;
    }

    public Task<JsonElement> SetSharedAsync(string email, string workflowId, bool shared) =>
        SendAsync(email, HttpMethod.Patch, $"/api/v1/workflows/i/{workflowId}/is_public", new { is_public = shared });

    /// <summary>The items of every page of <paramref name="email"/>'s library list for <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListWorkflowsAsync(string email, string query)
    {
        var page = await SendAsync(email, HttpMethod.Get, $"/api/v1/workflows/?{query}&per_page=1000");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public Task<JsonElement> GetAsync(string email, string path) => SendAsync(email, HttpMethod.Get, path);

    private async Task<JsonElement> SendAsync(string email, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
