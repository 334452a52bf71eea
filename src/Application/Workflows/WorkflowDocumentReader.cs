using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Domain.Workflows;

namespace Invoke.Application.Workflows;

/// <summary>
/// Reads a workflow document from JSON the way InvokeAI's model does: every field but <c>form</c>
/// (and <c>id</c>) required, strings must be strings, unknown keys dropped. Problems are reported
/// as Pydantic-shaped errors located under <c>loc</c>.
/// </summary>
public static class WorkflowDocumentReader
{
    private const string CategoryChoices = "'user' or 'default'";

    /// <summary>The document, or null with the problems added to <paramref name="errors"/>.</summary>
    public static WorkflowDocument? Read(JsonElement json, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(RequestValidationError.NotAnObject(loc, json.Clone()));
            return null;
        }

        var before = errors.Count;
        var name = ReadString(json, "name", loc, errors);
        var author = ReadString(json, "author", loc, errors);
        var description = ReadString(json, "description", loc, errors);
        var version = ReadString(json, "version", loc, errors);
        var contact = ReadString(json, "contact", loc, errors);
        var tags = ReadString(json, "tags", loc, errors);
        var notes = ReadString(json, "notes", loc, errors);
        var exposedFields = ReadExposedFields(json, loc, errors);
        var meta = ReadMeta(json, loc, errors);
        var nodes = ReadArrayOfObjects(json, "nodes", loc, errors);
        var edges = ReadArrayOfObjects(json, "edges", loc, errors);
        var form = ReadForm(json, loc, errors);
        if (errors.Count > before)
        {
            return null;
        }

        return new WorkflowDocument(
            name!, author!, description!, version!, contact!, tags!, notes!, exposedFields!, meta!, nodes!.Value, edges!.Value, form);
    }

    /// <summary>The optional <c>id</c> of a full <c>Workflow</c>; null when absent or null.</summary>
    public static string? ReadId(JsonElement json, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (id.ValueKind != JsonValueKind.String)
        {
            errors.Add(StringType(At(loc, "id"), id));
            return null;
        }

        return id.GetString();
    }

    private static string? ReadString(JsonElement parent, string field, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        if (!parent.TryGetProperty(field, out var value))
        {
            errors.Add(RequestValidationError.Missing(At(loc, field), parent.Clone()));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(StringType(At(loc, field), value));
            return null;
        }

        return value.GetString();
    }

    private static List<ExposedField>? ReadExposedFields(JsonElement parent, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        var fieldLoc = At(loc, "exposedFields");
        if (!parent.TryGetProperty("exposedFields", out var value))
        {
            errors.Add(RequestValidationError.Missing(fieldLoc, parent.Clone()));
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new RequestValidationError("list_type", fieldLoc, "Input should be a valid list", value.Clone()));
            return null;
        }

        var result = new List<ExposedField>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemLoc = At(fieldLoc, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(RequestValidationError.NotAnObject(itemLoc, item.Clone()));
                continue;
            }

            var nodeId = ReadString(item, "nodeId", itemLoc, errors);
            var fieldName = ReadString(item, "fieldName", itemLoc, errors);
            if (nodeId is not null && fieldName is not null)
            {
                result.Add(new ExposedField(nodeId, fieldName));
            }
        }

        return result;
    }

    private static WorkflowMeta? ReadMeta(JsonElement parent, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        var metaLoc = At(loc, "meta");
        if (!parent.TryGetProperty("meta", out var meta))
        {
            errors.Add(RequestValidationError.Missing(metaLoc, parent.Clone()));
            return null;
        }

        if (meta.ValueKind != JsonValueKind.Object)
        {
            errors.Add(RequestValidationError.NotAnObject(metaLoc, meta.Clone()));
            return null;
        }

        var version = ReadString(meta, "version", metaLoc, errors);
        WorkflowCategory? category = null;
        if (!meta.TryGetProperty("category", out var categoryValue))
        {
            errors.Add(RequestValidationError.Missing(At(metaLoc, "category"), meta.Clone()));
        }
        else if (categoryValue.ValueKind == JsonValueKind.String
                 && WorkflowCategoryNames.TryParse(categoryValue.GetString(), out var parsed))
        {
            category = parsed;
        }
        else
        {
            errors.Add(new RequestValidationError(
                "enum",
                At(metaLoc, "category"),
                $"Input should be {CategoryChoices}",
                categoryValue.Clone(),
                new Dictionary<string, object?> { ["expected"] = CategoryChoices }));
        }

        return version is not null && category is { } c ? new WorkflowMeta(version, c) : null;
    }

    private static JsonElement? ReadArrayOfObjects(
        JsonElement parent, string field, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        var fieldLoc = At(loc, field);
        if (!parent.TryGetProperty(field, out var value))
        {
            errors.Add(RequestValidationError.Missing(fieldLoc, parent.Clone()));
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new RequestValidationError("list_type", fieldLoc, "Input should be a valid list", value.Clone()));
            return null;
        }

        var valid = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(DictType(At(fieldLoc, index), item));
                valid = false;
            }

            index++;
        }

        return valid ? value.Clone() : null;
    }

    private static JsonElement? ReadForm(JsonElement parent, IReadOnlyList<object> loc, List<RequestValidationError> errors)
    {
        if (!parent.TryGetProperty("form", out var form) || form.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (form.ValueKind != JsonValueKind.Object)
        {
            errors.Add(DictType(At(loc, "form"), form));
            return null;
        }

        return form.Clone();
    }

    private static RequestValidationError StringType(IReadOnlyList<object> loc, JsonElement input) =>
        new("string_type", loc, "Input should be a valid string", input.Clone());

    private static RequestValidationError DictType(IReadOnlyList<object> loc, JsonElement input) =>
        new("dict_type", loc, "Input should be a valid dictionary", input.Clone());

    private static object[] At(IReadOnlyList<object> loc, object segment) => [.. loc, segment];
}
