using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>Model files under a test server's root, and the install call every model test starts with.</summary>
internal static class ModelHttp
{
    public static string ModelsPath(this InvokeApiFactory factory) => Path.Combine(factory.Root, "models");

    public static string WriteFile(string path, string content = "weights")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A weights file with unique content in its own folder under the models directory.</summary>
    public static string WriteUniqueModel(this InvokeApiFactory factory, string name = "model.safetensors") =>
        WriteFile(Path.Combine(factory.ModelsPath(), Guid.NewGuid().ToString("N"), name), Guid.NewGuid().ToString());

    public static async Task<JsonElement> InstallAsync(this HttpClient client, string source, object? config = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v2/models/install?source={Uri.EscapeDataString(source)}", config ?? new { });
        var job = await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return job.GetProperty("config_out");
    }
}
