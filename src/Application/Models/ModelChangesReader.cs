using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Domain.Models;

namespace Invoke.Application.Models;

/// <summary>
/// Reads a <c>ModelRecordChanges</c> body: name, base, type and format as strings (null: unchanged),
/// description as a string or null, the settable settings as sent; unknown keys are ignored.
/// </summary>
public static class ModelChangesReader
{
    private static readonly string[] StringFields = ["name", "base", "type", "format"];

    public static ModelChanges Read(JsonElement body, List<RequestValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(RequestValidationError.NotAnObject(["body"], body.Clone()));
            return ModelChanges.None;
        }

        var strings = StringFields.ToDictionary(field => field, field => ReadString(body, field, errors));
        FieldChange<string?>? description = null;
        if (body.TryGetProperty("description", out var value))
        {
            description = value.ValueKind == JsonValueKind.Null ? new FieldChange<string?>(null) : new FieldChange<string?>(ReadString(body, "description", errors));
        }

        // A key sent twice counts once, with its last value, as Python's JSON reader keeps it.
        var settings = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject().Where(property => ModelChanges.SettableFields.Contains(property.Name)))
        {
            settings[property.Name] = property.Value.Clone();
        }

        return new ModelChanges(strings["name"], description, strings["base"], strings["type"], strings["format"], settings);
    }

    private static string? ReadString(JsonElement body, string field, List<RequestValidationError> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new RequestValidationError("string_type", ["body", field], "Input should be a valid string", value.Clone()));
            return null;
        }

        return value.GetString();
    }
}
