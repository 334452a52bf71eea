using System.Globalization;
using Invoke.Application.Errors;
using Invoke.Domain.Workflows.Specifications;
using Microsoft.Extensions.Primitives;

namespace Invoke.WebApi.Http;

/// <summary>
/// Reads query parameters the way InvokeAI's server validates them: the last of repeated scalar
/// values wins, lists repeat the key, and every bad value becomes a 422 item at
/// <c>["query", name(, index)]</c>. Call <see cref="ThrowIfInvalid"/> once everything is read.
/// </summary>
internal sealed class QueryReader(IQueryCollection query)
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on", "t", "y"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off", "f", "n"];

    private readonly List<RequestValidationError> _errors = [];

    /// <summary>The <c>direction</c> parameter of every sorted list.</summary>
    public static readonly IReadOnlyDictionary<string, SortDirection> SortDirections = new Dictionary<string, SortDirection>(StringComparer.Ordinal)
    {
        ["ASC"] = SortDirection.Ascending,
        ["DESC"] = SortDirection.Descending,
    };

    public int? Int(string name)
    {
        if (Last(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _errors.Add(new RequestValidationError(
            "int_parsing", ["query", name], "Input should be a valid integer, unable to parse string as an integer", text));
        return null;
    }

    public bool? Bool(string name)
    {
        if (Last(name) is not { } text)
        {
            return null;
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

        _errors.Add(new RequestValidationError(
            "bool_parsing", ["query", name], "Input should be a valid boolean, unable to interpret input", text));
        return null;
    }

    public string? String(string name) => Last(name);

    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (Last(name) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        _errors.Add(EnumError(["query", name], text, choices.Keys));
        return null;
    }

    public List<T>? EnumList<T>(string name, IReadOnlyDictionary<string, T> choices)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var result = new List<T>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (choices.TryGetValue(values[i] ?? string.Empty, out var value))
            {
                result.Add(value);
            }
            else
            {
                _errors.Add(EnumError(["query", name, i], values[i], choices.Keys));
            }
        }

        return result;
    }

    public List<string>? StringList(string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0
            ? values.Select(v => v ?? string.Empty).ToList()
            : null;

    /// <summary>A required parameter that is absent.</summary>
    public void Missing(string name) =>
        _errors.Add(RequestValidationError.Missing(["query", name], null));

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(_errors);
        }
    }

    private string? Last(string name) =>
        query.TryGetValue(name, out StringValues values) && values.Count > 0 ? values[^1] : null;

    private static RequestValidationError EnumError(IReadOnlyList<object> loc, string? input, IEnumerable<string> choices)
    {
        var quoted = choices.Select(c => $"'{c}'").ToList();
        var expected = quoted.Count == 1
            ? quoted[0]
            : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[^1];
        return new RequestValidationError(
            "enum", loc, $"Input should be {expected}", input, new Dictionary<string, object?> { ["expected"] = expected });
    }
}
