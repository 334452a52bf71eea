using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invoke.Domain.Workflows;

/// <summary>
/// The workflow document a client edits: metadata, the node graph and the linear-view form. Nodes,
/// edges and the form are opaque JSON to the server; only the metadata is read.
/// </summary>
public sealed record WorkflowDocument(
    string Name,
    string Author,
    string Description,
    string Version,
    string Contact,
    string Tags,
    string Notes,
    IReadOnlyList<ExposedField> ExposedFields,
    WorkflowMeta Meta,
    JsonElement Nodes,
    JsonElement Edges,
    JsonElement? Form)
{
    public const string WorkflowReturnNodeType = "workflow_return";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions NodeOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Nodes of type <c>invocation</c> whose data type is <c>workflow_return</c>.</summary>
    public int CountWorkflowReturnNodes()
    {
        if (Nodes.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        var count = 0;
        foreach (var node in Nodes.EnumerateArray())
        {
            if (node.ValueKind == JsonValueKind.Object
                && node.TryGetProperty("type", out var type) && IsString(type, "invocation")
                && node.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("type", out var dataType) && IsString(dataType, WorkflowReturnNodeType))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Node types are client data: a number or an object where a string belongs is simply not a match.</summary>
    private static bool IsString(JsonElement value, string text) =>
        value.ValueKind == JsonValueKind.String && value.ValueEquals(text);

    /// <summary>The stored form of the document: fields in InvokeAI's order, ending with <c>id</c>.</summary>
    public string ToJson(string id)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name", Name);
            writer.WriteString("author", Author);
            writer.WriteString("description", Description);
            writer.WriteString("version", Version);
            writer.WriteString("contact", Contact);
            writer.WriteString("tags", Tags);
            writer.WriteString("notes", Notes);
            writer.WriteStartArray("exposedFields");
            foreach (var field in ExposedFields)
            {
                writer.WriteStartObject();
                writer.WriteString("nodeId", field.NodeId);
                writer.WriteString("fieldName", field.FieldName);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("meta");
            writer.WriteString("version", Meta.Version);
            writer.WriteString("category", Meta.Category.ToWireName());
            writer.WriteEndObject();
            writer.WritePropertyName("nodes");
            Nodes.WriteTo(writer);
            writer.WritePropertyName("edges");
            Edges.WriteTo(writer);
            writer.WritePropertyName("form");
            if (Form is { } form)
            {
                form.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteString("id", id);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Rewrites only the <c>tags</c> field of a stored document, keeping everything else as it is.</summary>
    internal static string ReplaceTags(string documentJson, string tags)
    {
        var node = JsonNode.Parse(documentJson)?.AsObject()
            ?? throw new InvalidOperationException("A stored workflow document is not a JSON object.");
        node["tags"] = tags;
        return node.ToJsonString(NodeOptions);
    }
}
