using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.WebApi.WebUi;

/// <summary>
/// Adds InvokeAI's node definitions to the <c>/openapi.json</c> Invoke serves: the workflow editor
/// builds its node templates from the <c>components.schemas</c> entries whose <c>class</c> is
/// <c>invocation</c>. The schemas come from <see cref="WebUiOptions.NodeDefinitions"/> (a file, or
/// an InvokeAI server's <c>/openapi.json</c>), each with every component schema it references,
/// transitively. Invoke's own operations and schemas stay as they are: a name both documents define
/// keeps Invoke's. The served JSON is post-processed, so this works whatever generates the document.
/// </summary>
internal sealed partial class NodeDefinitionsMiddleware(RequestDelegate next, NodeDefinitionsSource source, ILogger<NodeDefinitionsMiddleware> logger)
{
    public const string DocumentPath = "/openapi.json";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!source.IsConfigured || context.Request.Path != DocumentPath || !HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            var definitions = await source.GetAsync(context.RequestAborted);
            if (definitions is not null && JsonNode.Parse(body) is JsonObject document)
            {
                var skipped = Merge(document, definitions);
                if (skipped.Count > 0)
                {
                    LogNameClash(string.Join(", ", skipped));
                }

                body = JsonSerializer.SerializeToUtf8Bytes(document);
            }
        }

        context.Response.ContentLength = body.Length;
        await original.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Adds the definitions' schemas to the document; returns the names Invoke already defines.</summary>
    internal static List<string> Merge(JsonObject document, IReadOnlyDictionary<string, JsonNode> definitions)
    {
        if (document["components"] is not JsonObject components)
        {
            components = [];
            document["components"] = components;
        }

        if (components["schemas"] is not JsonObject schemas)
        {
            schemas = [];
            components["schemas"] = schemas;
        }

        var skipped = new List<string>();
        foreach (var (name, schema) in definitions)
        {
            if (schemas.ContainsKey(name))
            {
                skipped.Add(name);
                continue;
            }

            schemas[name] = schema.DeepClone();
        }

        return skipped;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node definitions: Invoke's own schemas keep these names: {Names}")]
    private partial void LogNameClash(string names);
}

/// <summary>
/// Reads the node definitions once, from a file or an InvokeAI server. A server that cannot be
/// reached is asked again on the next request for the document, so the editor recovers without a restart.
/// </summary>
internal sealed partial class NodeDefinitionsSource(WebUiOptions options, IHttpClientFactory httpClients, ILogger<NodeDefinitionsSource> logger)
{
    public const string HttpClientName = "node-definitions";
    private const string SchemaReferencePrefix = "#/components/schemas/";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private IReadOnlyDictionary<string, JsonNode>? _definitions;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.NodeDefinitions);

    /// <summary>The invocation schemas and everything they reference, by name; null when they cannot be read now.</summary>
    public async Task<IReadOnlyDictionary<string, JsonNode>?> GetAsync(CancellationToken cancellationToken)
    {
        if (_definitions is not null)
        {
            return _definitions;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_definitions is null)
            {
                var location = options.NodeDefinitions!;
                try
                {
                    _definitions = Extract(await ReadAsync(location, cancellationToken));
                    LogLoaded(_definitions.Count, location);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or JsonException or InvalidDataException or UnauthorizedAccessException or TaskCanceledException)
                {
                    LogUnavailable(exception, location);
                }
            }

            return _definitions;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<JsonNode?> ReadAsync(string location, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            using var client = httpClients.CreateClient(HttpClientName);
            await using var stream = await client.GetStreamAsync(uri, cancellationToken);
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
        }

        await using var file = File.OpenRead(location);
        return await JsonNode.ParseAsync(file, cancellationToken: cancellationToken);
    }

    /// <summary>The component schemas of class <c>invocation</c>, with every schema they reference, transitively.</summary>
    internal static IReadOnlyDictionary<string, JsonNode> Extract(JsonNode? document)
    {
        if (document?["components"]?["schemas"] is not JsonObject schemas)
        {
            throw new InvalidDataException("The node definitions hold no components.schemas: is it an InvokeAI openapi.json?");
        }

        var selected = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var pending = new Queue<string>(schemas
            .Where(entry => entry.Value is JsonObject schema && schema["class"] is JsonValue kind && kind.TryGetValue<string>(out var text) && text == "invocation")
            .Select(entry => entry.Key));
        if (pending.Count == 0)
        {
            throw new InvalidDataException("The node definitions hold no invocation schemas (components.schemas entries with \"class\": \"invocation\").");
        }

        while (pending.TryDequeue(out var name))
        {
            if (selected.ContainsKey(name) || schemas[name] is not JsonNode schema)
            {
                continue;
            }

            selected[name] = schema;
            foreach (var reference in References(schema))
            {
                pending.Enqueue(reference);
            }
        }

        return selected;
    }

    private static IEnumerable<string> References(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target)
                        && target.StartsWith(SchemaReferencePrefix, StringComparison.Ordinal))
                    {
                        yield return target[SchemaReferencePrefix.Length..];
                    }
                    else if (value is not null)
                    {
                        foreach (var nested in References(value))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    foreach (var nested in References(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node definitions: {Count} schemas from {Location}")]
    private partial void LogLoaded(int count, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node definitions: cannot read {Location}; /openapi.json is served without them for now")]
    private partial void LogUnavailable(Exception exception, string location);
}
