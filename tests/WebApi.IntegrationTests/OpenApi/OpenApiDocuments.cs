using System.Net;
using System.Text.Json;
using Invoke.WebApi.IntegrationTests.Testing;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// Reading OpenAPI documents of either version (Invoke writes 3.0, InvokeAI 3.1) in the terms the
/// comparison needs: a schema's type as one word (<c>integer</c>, <c>array&lt;string&gt;</c>,
/// <c>object</c>), nullability left out, references followed.
/// </summary>
internal static class OpenApiDocuments
{
    public static async Task<JsonElement> GetAsync(HttpClient client) =>
        await (await client.GetAsync("/openapi.json")).ShouldHaveStatusAsync(HttpStatusCode.OK);

    public static JsonElement Load(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    /// <summary>Every operation: "METHOD path" → the operation object.</summary>
    public static Dictionary<string, JsonElement> Operations(JsonElement document)
    {
        var operations = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters"))
            {
                operations[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = operation.Value;
            }
        }

        return operations;
    }

    public static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    public static string TypeOf(JsonElement document, JsonElement? maybeSchema)
    {
        if (maybeSchema is not { ValueKind: JsonValueKind.Object } given)
        {
            return "any";
        }

        var schema = Resolve(document, given);
        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var members))
            {
                var types = members.EnumerateArray().Select(m => TypeOf(document, m)).Where(t => t != "null").Distinct().Order(StringComparer.Ordinal).ToList();
                return types.Count == 0 ? "null" : string.Join("|", types);
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1)
        {
            return TypeOf(document, all[0]);
        }

        if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Null))
        {
            return "null";
        }

        string? type = null;
        if (schema.TryGetProperty("type", out var declared))
        {
            var names = declared.ValueKind == JsonValueKind.Array
                ? declared.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList()
                : [declared.GetString()!];
            type = string.Join("|", names.Order(StringComparer.Ordinal));
        }

        if (type == "array")
        {
            return $"array<{TypeOf(document, schema.TryGetProperty("items", out var items) ? items : null)}>";
        }

        if (type is null && schema.TryGetProperty("properties", out _))
        {
            type = "object";
        }

        if (type is null && schema.TryGetProperty("const", out var constant))
        {
            type = constant.ValueKind == JsonValueKind.String ? "string" : "any";
        }

        return type ?? "any";
    }

    /// <summary>An object schema's properties (name → type) and required names; a nullable object counts as the object.</summary>
    public static (SortedDictionary<string, string> Properties, SortedSet<string> Required) PropertiesOf(JsonElement document, JsonElement? maybeSchema)
    {
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        if (maybeSchema is not { ValueKind: JsonValueKind.Object } given)
        {
            return (properties, required);
        }

        var schema = Resolve(document, given);
        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var members))
            {
                var objects = members.EnumerateArray().Select(m => Resolve(document, m)).Where(m => m.TryGetProperty("properties", out _)).ToList();
                if (objects.Count == 1)
                {
                    schema = objects[0];
                }
            }
        }

        if (schema.TryGetProperty("properties", out var declared))
        {
            foreach (var property in declared.EnumerateObject())
            {
                properties[property.Name] = TypeOf(document, property.Value);
            }
        }

        if (schema.TryGetProperty("required", out var names))
        {
            required.UnionWith(names.EnumerateArray().Select(n => n.GetString()!));
        }

        return (properties, required);
    }

    /// <summary>The schema of a response's (or body's) first content type, if any.</summary>
    public static JsonElement? ContentSchema(JsonElement container, out string? contentType)
    {
        contentType = null;
        if (!container.TryGetProperty("content", out var content))
        {
            return null;
        }

        foreach (var media in content.EnumerateObject())
        {
            contentType = media.Name;
            return media.Value.TryGetProperty("schema", out var schema) ? schema : null;
        }

        return null;
    }
}
