using System.Text.Json;
using System.Text.Json.Nodes;
using Invoke.Tests.Shared;
using Json.Schema;

namespace Invoke.WebApi.IntegrationTests.Models;

/// <summary>
/// The model config classes of InvokeAI's own OpenAPI document, as JSON Schemas: a record is valid
/// when a class with its type, format and base accepts it (the tag InvokeAI's union dispatches on).
/// </summary>
internal sealed class InvokeAiModelSchemas
{
    private const string BaseUri = "https://invokeai.invalid/openapi.json";

    private readonly EvaluationOptions _options = new() { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft202012 };
    private readonly Dictionary<(string Type, string Format, string Base), List<string>> _classes = [];

    private InvokeAiModelSchemas(JsonObject components)
    {
        foreach (var (name, schema) in components)
        {
            if (schema is JsonObject { } definition
                && definition["properties"] is JsonObject properties
                && properties["key"] is not null
                && Const(properties, "type") is { } type
                && Const(properties, "format") is { } format
                && Const(properties, "base") is { } modelBase)
            {
                _classes.TryAdd((type, format, modelBase), []);
                _classes[(type, format, modelBase)].Add(name);
            }
        }

        // Draft 2020-12 finds definitions under $defs; the document's references point into components.
        var text = new JsonObject { ["$id"] = BaseUri, ["$defs"] = components.DeepClone() }.ToJsonString()
            .Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        _options.SchemaRegistry.Register(JsonSchema.FromText(text));
    }

    /// <summary>InvokeAI's document, found through <see cref="SharedArtifacts"/> (the test is skipped without it).</summary>
    public static InvokeAiModelSchemas Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(SharedArtifacts.InvokeAiOpenApi))!;
        return new InvokeAiModelSchemas(document["components"]!["schemas"]!.AsObject());
    }

    public int ClassCount => _classes.Values.Sum(names => names.Count);

    /// <summary>Why the record is not valid as any InvokeAI config class with its tag; empty when it is.</summary>
    public IReadOnlyList<string> Problems(string record)
    {
        var node = JsonNode.Parse(record)!.AsObject();
        var tag = (Text(node, "type"), Text(node, "format"), Text(node, "base"));
        if (!_classes.TryGetValue(tag, out var candidates))
        {
            return [$"InvokeAI has no config class for {tag}"];
        }

        var problems = new List<string>();
        foreach (var name in candidates)
        {
            var results = JsonSchema.FromText($$"""{"$ref": "{{BaseUri}}#/$defs/{{name}}"}""").Evaluate(node, _options);
            if (results.IsValid)
            {
                return [];
            }

            problems.AddRange(results.Details
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{name} {d.InstanceLocation}: {e.Value}")));
        }

        return problems;
    }

    private static string? Const(JsonObject properties, string field) =>
        properties[field]?["const"]?.GetValue<string>();

    private static string Text(JsonObject node, string field) =>
        node[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;
}
