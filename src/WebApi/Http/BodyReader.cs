using System.Text.Json;
using Invoke.Application.Errors;

namespace Invoke.WebApi.Http;

/// <summary>
/// Reads the fields of an unwrapped JSON object body with Pydantic's checks: required fields,
/// strings that must be strings, booleans that must be booleans; unknown fields are ignored.
/// Problems are added to <paramref name="errors"/>.
/// </summary>
internal sealed class BodyReader(JsonElement body, List<RequestValidationError> errors)
{
    /// <summary>The body itself, for readers of richer shapes (a workflow document, model changes).</summary>
    public JsonElement Json => body;

    public string? RequiredString(string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            errors.Add(RequestValidationError.Missing(["body", name], body));
            return null;
        }

        return String(name, value);
    }

    /// <summary>A string or null; absent is null.</summary>
    public string? OptionalString(string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(name, value) : null;

    /// <summary>A boolean or null; absent is null.</summary>
    public bool? OptionalBool(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Bool(name, value);
    }

    /// <summary>A boolean that must be present.</summary>
    public bool? RequiredBool(string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            errors.Add(RequestValidationError.Missing(["body", name], body));
            return null;
        }

        return Bool(name, value);
    }

    /// <summary>The value of a field that must be present (<c>{"workflow": …}</c>), or null with a 422 item.</summary>
    public JsonElement? RequiredField(string name)
    {
        if (body.TryGetProperty(name, out var value))
        {
            return value;
        }

        errors.Add(RequestValidationError.Missing(["body", name], body));
        return null;
    }

    /// <summary>A required list of strings, such as <c>{"keys": […]}</c>.</summary>
    public List<string>? RequiredStringList(string name)
    {
        if (RequiredField(name) is not { } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new RequestValidationError("list_type", ["body", name], "Input should be a valid list", list));
            return null;
        }

        var values = new List<string>();
        var before = errors.Count;
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else
            {
                errors.Add(new RequestValidationError("string_type", ["body", name, index], "Input should be a valid string", item));
            }

            index++;
        }

        return errors.Count == before ? values : null;
    }

    private bool? Bool(string name, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new RequestValidationError("bool_type", ["body", name], "Input should be a valid boolean", value));
        return null;
    }

    private string? String(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(new RequestValidationError("string_type", ["body", name], "Input should be a valid string", value));
        return null;
    }
}
