namespace Invoke.WebApi.WebUi;

/// <summary>The <c>Invoke:WebUi</c> section: InvokeAI's built web UI, served on the API's own origin.</summary>
public sealed class WebUiOptions
{
    public const string SectionName = "Invoke:WebUi";

    /// <summary>
    /// The built UI: a folder holding <c>index.html</c> and <c>assets/</c>, such as the
    /// <c>invokeai/frontend/web/dist</c> folder of an InvokeAI installation. Unset: no UI is served.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// A file, or the URL of an InvokeAI server's <c>/openapi.json</c>, whose invocation schemas are
    /// added to Invoke's <c>/openapi.json</c> so that the workflow editor knows the nodes.
    /// </summary>
    public string? NodeDefinitions { get; set; }

    public static WebUiOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<WebUiOptions>() ?? new WebUiOptions();
}
