using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.Domain.Models;

/// <summary>
/// Changes to a model's config, as InvokeAI's <c>ModelRecordChanges</c>: null means "leave as it is".
/// <paramref name="Settings"/> are further config fields (trigger phrases, default settings,
/// variant, …) copied into the document as sent.
/// </summary>
public sealed record ModelChanges(
    string? Name = null,
    FieldChange<string?>? Description = null,
    string? Base = null,
    string? Type = null,
    string? Format = null,
    IReadOnlyDictionary<string, JsonElement>? Settings = null)
{
    public static ModelChanges None { get; } = new();

    /// <summary>The config document fields these changes set, in the order they were declared.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> DocumentFields()
    {
        if (Name is { } name)
        {
            yield return new("name", name);
        }

        if (Description is { } description)
        {
            yield return new("description", description.Value);
        }

        if (Base is { } modelBase)
        {
            yield return new("base", modelBase);
        }

        if (Type is { } type)
        {
            yield return new("type", type);
        }

        if (Format is { } format)
        {
            yield return new("format", format);
        }

        foreach (var (field, value) in Settings ?? new Dictionary<string, JsonElement>())
        {
            if (SettableFields.Contains(field))
            {
                yield return new(field, field == "trigger_phrases" ? DistinctItems(value) : JsonNode.Parse(value.GetRawText()));
            }
        }
    }

    /// <summary>Trigger phrases are a set: a phrase sent twice is kept once, in its first place.</summary>
    private static JsonNode? DistinctItems(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
            ? new JsonArray([.. value.EnumerateArray().Select(item => item.GetRawText()).Distinct(StringComparer.Ordinal).Select(raw => JsonNode.Parse(raw))])
            : JsonNode.Parse(value.GetRawText());

    /// <summary>Config fields a client may set besides name, description, base, type and format.</summary>
    public static IReadOnlySet<string> SettableFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "trigger_phrases",
        "default_settings",
        "variant",
        "prediction_type",
        "upcast_attention",
        "config_path",
        "repo_variant",
        "cpu_only",
        "source_url",
    };
}

/// <summary>A field that is set, possibly to null (as opposed to absent).</summary>
public readonly record struct FieldChange<T>(T Value);
