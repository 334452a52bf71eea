using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.WebUi;

/// <summary>A server serving a small stand-in for InvokeAI's built UI: an index page, a hashed asset and a locale file.</summary>
public sealed class WebUiApiFactory : InvokeApiFactory
{
    public const string IndexHtml = "<!doctype html><html><head><title>Stand-in UI</title><script src=\"./assets/App-tZJO_rfo.js\"></script></head><body></body></html>";

    /// <summary>The index page as served: with a base at the server's root, so that its relative assets load from any page.</summary>
    public const string ServedIndexHtml = "<!doctype html><html><head>\n  <base href=\"/\" /><title>Stand-in UI</title><script src=\"./assets/App-tZJO_rfo.js\"></script></head><body></body></html>";
    public const string AssetPath = "/assets/App-tZJO_rfo.js";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invoke-it-webui-" + Guid.NewGuid().ToString("N"));

    public WebUiApiFactory()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "assets"));
        Directory.CreateDirectory(Path.Combine(_directory, "locales"));
        File.WriteAllText(Path.Combine(_directory, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(_directory, "assets", "App-tZJO_rfo.js"), string.Concat(Enumerable.Repeat("console.log('InvokeAI stand-in');\n", 200)));
        File.WriteAllText(Path.Combine(_directory, "locales", "en.json"), """{"common":{"hello":"Hello"}}""");
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:WebUi:Directory"] = _directory,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A server whose <c>/openapi.json</c> carries the node definitions of the given file.</summary>
public sealed class NodeDefinitionsApiFactory(string definitions) : InvokeApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Invoke:WebUi:NodeDefinitions"] = definitions,
    };
}
