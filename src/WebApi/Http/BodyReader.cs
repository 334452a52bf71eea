using System.Text.Json;
using Invoke.Application.Errors;

namespace Invoke.WebApi.Http;

/// <summary>
/// Reads the fields of an unwrapped JSON object body with Pydantic's checks: required fields,
/// strings that must be strings, booleans that must be booleans; unknown fields are ignored.
/// Call <see cref="ThrowIfInvalid"/> once everything is read.
/// </summary>
internal sealed class BodyReader
{
    private readonly JsonElement _body;
    private readonly List<RequestValidationError> _errors = [];

    private BodyReader(JsonElement body)
    {
        _body = body;
    }

    public static async Task<BodyReader> ReadAsync(HttpRequest request)
    {
        return new BodyReader(JsonBody.RequireObject(await JsonBody.ReadAsync(request, limit: 64 * 1024)));
    }

    public string? RequiredString(string name)
    {
        if (!_body.TryGetProperty(name, out var value))
        {
            _errors.Add(RequestValidationError.Missing(["body", name], _body));
            return null;
        }

        return String(name, value);
    }

    /// <summary>A string or null; absent is null.</summary>
    public string? OptionalString(string name) =>
        _body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(name, value) : null;

    /// <summary>A boolean or null; absent is null.</summary>
    public bool? OptionalBool(string name)
    {
        if (!_body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        _errors.Add(new RequestValidationError("bool_type", ["body", name], "Input should be a valid boolean", value));
        return null;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(_errors);
        }
    }

    private string? String(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        _errors.Add(new RequestValidationError("string_type", ["body", name], "Input should be a valid string", value));
        return null;
    }
}
