using Invoke.WebApi.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Invoke.WebApi.WebUi;

/// <summary>
/// Serves InvokeAI's built web UI from <see cref="WebUiOptions.Directory"/> on the API's origin (the
/// UI calls the API on the origin that served it): its files, and <c>index.html</c> for every other
/// page the UI routes itself (<c>/</c>, <c>/login</c>, <c>/admin/users</c>, …). API paths never get
/// the page: an unknown one stays a JSON 404.
/// </summary>
internal static class WebUiHosting
{
    /// <summary>Paths that belong to the server, never to the UI's own router.</summary>
    private static readonly string[] ServerPaths = ["/api", "/ws", "/openapi.json", "/health"];

    private const string ImmutableAssets = "public, max-age=31536000, immutable";

    public static IServiceCollection AddWebUi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = WebUiOptions.Read(configuration);
        services.AddSingleton(options);
        services.AddSingleton<NodeDefinitionsSource>();
        services.AddHttpClient(NodeDefinitionsSource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        return services;
    }

    /// <summary>Compression, the UI's files and its page fallback; after routing, so that API routes win.</summary>
    public static IApplicationBuilder UseWebUi(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<WebUiOptions>();
        app.UseResponseCompression();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return app.Use(NoWebUiAsync);
        }

        var root = Path.GetFullPath(options.Directory);
        var index = new FileInfo(Path.Combine(root, "index.html"));
        if (!index.Exists)
        {
            throw new InvalidOperationException(
                $"Invoke:WebUi:Directory: '{root}' holds no index.html; point it at InvokeAI's built web UI (the invokeai/frontend/web/dist folder of an InvokeAI installation).");
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? ImmutableAssets : "no-cache",
        });
        return app.Use((context, next) => IsUiPage(context) ? SendIndexAsync(context, index) : next(context));
    }

    /// <summary>A GET for a page of the UI: no route took it, it is not the server's, and it names no file.</summary>
    private static bool IsUiPage(HttpContext context) =>
        context.GetEndpoint() is null
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !IsServerPath(context.Request.Path)
        && !Path.HasExtension(context.Request.Path.Value);

    private static bool IsServerPath(PathString path) =>
        ServerPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The index page, with a <c>&lt;base&gt;</c> at the server's root (or its proxy prefix): the page
    /// loads <c>./assets/…</c> relative to itself, which from <c>/admin/users</c> would be
    /// <c>/admin/assets/…</c>, and the UI derives the API's address from where its script came from.
    /// </summary>
    private static async Task SendIndexAsync(HttpContext context, FileInfo index)
    {
        var html = await File.ReadAllTextAsync(index.FullName, context.RequestAborted);
        var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        if (head >= 0 && !html.Contains("<base ", StringComparison.OrdinalIgnoreCase))
        {
            var root = System.Net.WebUtility.HtmlEncode(context.Request.PathBase.Add("/").Value);
            html = html.Insert(head + "<head>".Length, $"\n  <base href=\"{root}\" />");
        }

        var body = System.Text.Encoding.UTF8.GetBytes(html);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Without a UI, the root says where the API is and how to serve the UI, instead of a bare 404.</summary>
    private static async Task NoWebUiAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is null && context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, ErrorResponses.Detail(NoWebUiMessage));
            return;
        }

        await next(context);
    }

    public const string NoWebUiMessage =
        "This Invoke server serves no web UI. Its API is under /api and described at /openapi.json; "
        + "to serve InvokeAI's web UI here, set Invoke:WebUi:Directory to its built files "
        + "(the invokeai/frontend/web/dist folder of an InvokeAI installation).";
}
