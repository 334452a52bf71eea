using System.Globalization;
using Invoke.Application.Errors;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.Extensions.Primitives;

namespace Invoke.WebApi.Http;

/// <summary>
/// Reads query parameters the way InvokeAI's server validates them: the last of repeated scalar
/// values wins, lists repeat the key, and every bad value becomes a 422 item at
/// <c>["query", name(, index)]</c>, added to <paramref name="errors"/>.
/// </summary>
internal sealed class QueryReader(IQueryCollection query, List<RequestValidationError> errors)
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on", "t", "y"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off", "f", "n"];

    /// <summary>The <c>direction</c> parameter of every sorted list.</summary>
    public static readonly IReadOnlyDictionary<string, SortDirection> SortDirections = new Dictionary<string, SortDirection>(StringComparer.Ordinal)
    {
        ["ASC"] = SortDirection.Ascending,
        ["DESC"] = SortDirection.Descending,
    };

    public int? Read(IntQuery parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (Last(parameter) is not { } text)
        {
            return parameter.Default;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new RequestValidationError(
                "int_parsing", ["query", parameter.Name], "Input should be a valid integer, unable to parse string as an integer", text));
            return null;
        }

        return value;
    }

    public bool? Read(BoolQuery parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (Last(parameter) is not { } text)
        {
            return parameter.Default;
        }

        var word = text.Trim();
        if (TrueWords.Contains(word, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FalseWords.Contains(word, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        errors.Add(new RequestValidationError(
            "bool_parsing", ["query", parameter.Name], "Input should be a valid boolean, unable to interpret input", text));
        return null;
    }

    public string? Read(StringQuery parameter) => Last(parameter);

    public T? Read<T>(EnumQuery<T> parameter)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (Last(parameter) is not { } text)
        {
            return parameter.DefaultChoice;
        }

        if (parameter.Values.TryGetValue(text, out var value))
        {
            return value;
        }

        errors.Add(EnumError(["query", parameter.Name], text, parameter.Choices));
        return null;
    }

    public List<T>? Read<T>(EnumListQuery<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (All(parameter) is not { } values)
        {
            return null;
        }

        var result = new List<T>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (parameter.Values.TryGetValue(values[i] ?? string.Empty, out var value))
            {
                result.Add(value);
            }
            else
            {
                errors.Add(EnumError(["query", parameter.Name, i], values[i], parameter.Choices));
            }
        }

        return result;
    }

    public List<string>? Read(StringListQuery parameter) =>
        All(parameter) is { } values ? values.Select(v => v ?? string.Empty).ToList() : null;

    private string? Last(QueryParameter parameter) =>
        All(parameter) is { } values ? values[^1] : null;

    /// <summary>Every value of the parameter; absent (and a 422 when required) is null.</summary>
    private StringValues? All(QueryParameter parameter)
    {
        if (query.TryGetValue(parameter.Name, out var values) && values.Count > 0)
        {
            return values;
        }

        if (parameter.Required)
        {
            errors.Add(RequestValidationError.Missing(["query", parameter.Name], null));
        }

        return null;
    }

    private static RequestValidationError EnumError(IReadOnlyList<object> loc, string? input, IReadOnlyList<string> choices)
    {
        var quoted = choices.Select(c => $"'{c}'").ToList();
        var expected = quoted.Count == 1
            ? quoted[0]
            : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[^1];
        return new RequestValidationError(
            "enum", loc, $"Input should be {expected}", input, new Dictionary<string, object?> { ["expected"] = expected });
    }
}
