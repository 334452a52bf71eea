using System.Text.Json;

namespace Invoke.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema, for the keywords Invoke's document uses:
/// <c>$ref</c>, <c>type</c>, <c>nullable</c>, <c>enum</c>, <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c>, <c>anyOf</c>, <c>oneOf</c>, <c>allOf</c>.
/// </summary>
internal static class OpenApiSchemaValidator
{
    public static List<string> Validate(JsonElement document, JsonElement schema, JsonElement value, string path = "$")
    {
        var errors = new List<string>();
        Check(document, schema, value, path, errors);
        return errors;
    }

    private static void Check(JsonElement document, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        schema = OpenApiDocuments.Resolve(document, schema);
        if (value.ValueKind == JsonValueKind.Null && IsNullable(document, schema))
        {
            return;
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(document, part, value, path, errors);
            }
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var members))
            {
                var matches = members.EnumerateArray().Count(member => Validate(document, member, value, path).Count == 0);
                if (combinator == "anyOf" ? matches == 0 : matches != 1)
                {
                    errors.Add($"{path}: {value.GetRawText()} matches {matches} of the {combinator} schemas");
                }
            }
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(choice => JsonElement.DeepEquals(choice, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {choices.GetRawText()}");
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return;
        }

        var expected = type.GetString();
        var actual = value.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (actual != expected && !(expected == "number" && actual == "integer"))
        {
            errors.Add($"{path}: expected {expected}, got {actual} ({Truncate(value.GetRawText())})");
            return;
        }

        if (actual == "object")
        {
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(document, propertySchema, property.Value, $"{path}.{property.Name}", errors);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    if (additional.ValueKind == JsonValueKind.False)
                    {
                        errors.Add($"{path}: property '{property.Name}' is not documented");
                    }
                    else if (additional.ValueKind == JsonValueKind.Object)
                    {
                        Check(document, additional, property.Value, $"{path}.{property.Name}", errors);
                    }
                }
                else if (properties.ValueKind == JsonValueKind.Object)
                {
                    errors.Add($"{path}: property '{property.Name}' is not documented");
                }
            }
        }
        else if (actual == "array" && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(document, items, item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static bool IsNullable(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        return new[] { "anyOf", "oneOf" }.Any(c => schema.TryGetProperty(c, out var members)
            && members.EnumerateArray().Any(m => IsNullable(document, OpenApiDocuments.Resolve(document, m))));
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
