namespace Invoke.Application.Errors;

/// <summary>
/// One problem with a request, shaped like a Pydantic v2 error item: <paramref name="Type"/> is the
/// error kind (<c>missing</c>, <c>value_error</c>, …), <paramref name="Loc"/> the path to the value
/// (<c>["body", "workflow", "name"]</c>), <paramref name="Input"/> the offending value.
/// </summary>
public sealed record RequestValidationError(
    string Type,
    IReadOnlyList<object> Loc,
    string Msg,
    object? Input,
    IReadOnlyDictionary<string, object?>? Ctx = null)
{
    public static RequestValidationError Missing(IReadOnlyList<object> loc, object? enclosing) =>
        new("missing", loc, "Field required", enclosing);

    /// <summary>A value that should be a JSON object (a model) and is not.</summary>
    public static RequestValidationError NotAnObject(IReadOnlyList<object> loc, object? input) =>
        new("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from", input);

    /// <summary>A failed custom check; Pydantic prefixes these messages with "Value error, ".</summary>
    public static RequestValidationError ValueError(IReadOnlyList<object> loc, string message, object? input) =>
        new("value_error", loc, "Value error, " + message, input, new Dictionary<string, object?> { ["error"] = message });
}
