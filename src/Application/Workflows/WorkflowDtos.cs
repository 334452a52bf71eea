using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invoke.Application.Workflows;

/// <summary>
/// A workflow as create, update and sharing return it. <paramref name="ETag"/> goes in the response's
/// <c>ETag</c> header, not the body.
/// </summary>
public sealed record WorkflowRecordDto(
    string WorkflowId,
    string Name,
    string CreatedAt,
    string UpdatedAt,
    string? OpenedAt,
    string UserId,
    bool IsPublic,
    RawJson Workflow,
    [property: JsonIgnore] string ETag);

/// <summary>A single workflow as GET returns it; <paramref name="ETag"/> goes in the <c>ETag</c> header.</summary>
public sealed record WorkflowRecordWithThumbnailDto(
    string WorkflowId,
    string Name,
    string CreatedAt,
    string UpdatedAt,
    string? OpenedAt,
    string UserId,
    bool IsPublic,
    RawJson Workflow,
    string? ThumbnailUrl,
    WorkflowCallCompatibilityDto? CallSavedWorkflowCompatibility,
    [property: JsonIgnore] string ETag);

/// <summary>A row of the library list: no document.</summary>
public sealed record WorkflowRecordListItemWithThumbnailDto(
    string WorkflowId,
    string Name,
    string CreatedAt,
    string UpdatedAt,
    string? OpenedAt,
    string UserId,
    bool IsPublic,
    string Description,
    string Category,
    string Tags,
    string? ThumbnailUrl,
    WorkflowCallCompatibilityDto? CallSavedWorkflowCompatibility);

public sealed record WorkflowCallCompatibilityDto(bool IsCallable, string Reason, string? Message);

public sealed record PaginatedResults<T>(int Page, int Pages, int PerPage, int Total, IReadOnlyList<T> Items);

/// <summary>
/// JSON stored as text and sent as it is, so that the workflow document keeps its own field names
/// (camelCase) and is never parsed just to be written out again.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Json)
{
    public override string ToString() => Json;
}

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
