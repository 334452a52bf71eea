using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invoke.WebApi.Workflows;

// The request bodies of the workflow routes as /openapi.json describes them. They are never
// deserialized: the bound requests read the JSON themselves, with InvokeAI's 422 messages.
#pragma warning disable CA1812 // Only the document generator reflects over these.

/// <summary>InvokeAI's <c>WorkflowWithoutID</c>.</summary>
internal class WorkflowWithoutIdSchema
{
    public required string Name { get; init; }

    public required string Author { get; init; }

    public required string Description { get; init; }

    public required string Version { get; init; }

    public required string Contact { get; init; }

    public required string Tags { get; init; }

    public required string Notes { get; init; }

    [JsonPropertyName("exposedFields")]
    public required IReadOnlyList<ExposedFieldSchema> ExposedFields { get; init; }

    public required WorkflowMetaSchema Meta { get; init; }

    public required IReadOnlyList<Dictionary<string, JsonElement>> Nodes { get; init; }

    public required IReadOnlyList<Dictionary<string, JsonElement>> Edges { get; init; }

    public Dictionary<string, JsonElement>? Form { get; init; }
}

/// <summary>InvokeAI's <c>Workflow</c>: a document with its id.</summary>
internal sealed class WorkflowSchema : WorkflowWithoutIdSchema
{
    public required string Id { get; init; }
}

internal sealed class ExposedFieldSchema
{
    [JsonPropertyName("nodeId")]
    public required string NodeId { get; init; }

    [JsonPropertyName("fieldName")]
    public required string FieldName { get; init; }
}

internal sealed class WorkflowMetaSchema
{
    public required string Version { get; init; }

    public required WorkflowCategorySchema Category { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowCategorySchema>))]
internal enum WorkflowCategorySchema
{
    [JsonStringEnumMemberName("user")]
    User,

    [JsonStringEnumMemberName("default")]
    Default,
}

internal sealed class CreateWorkflowBody
{
    public required WorkflowWithoutIdSchema Workflow { get; init; }
}

internal sealed class UpdateWorkflowBody
{
    public required WorkflowSchema Workflow { get; init; }
}

internal sealed class SetWorkflowSharingBody
{
    public required bool IsPublic { get; init; }
}

internal sealed class SetWorkflowThumbnailBody
{
    public required IFormFile Image { get; init; }
}
#pragma warning restore CA1812
