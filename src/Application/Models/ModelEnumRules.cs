using FluentValidation;
using FluentValidation.Results;

namespace Invoke.Application.Models;

/// <summary>Pydantic's <c>enum</c> error for InvokeAI's model enums: "Input should be 'a', 'b' or 'c'".</summary>
internal static class ModelEnumRules
{
    public static IRuleBuilderOptions<T, string?> IsOneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.Must(value => value is null || values.Contains(value, StringComparer.Ordinal))
            .WithErrorCode("enum")
            .WithMessage(Message(values))
            .WithState(_ => Context(values));

    /// <summary>The same error for a value checked outside a property rule (list items, body settings).</summary>
    public static ValidationFailure Failure(string location, object? input, IReadOnlyList<string> values) =>
        new(location, Message(values), input) { ErrorCode = "enum", CustomState = Context(values) };

    public static string Expected(IReadOnlyList<string> values)
    {
        var quoted = values.Select(v => $"'{v}'").ToList();
        return quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[^1];
    }

    private static string Message(IReadOnlyList<string> values) => $"Input should be {Expected(values)}";

    private static IReadOnlyDictionary<string, object?> Context(IReadOnlyList<string> values) =>
        new Dictionary<string, object?> { ["expected"] = Expected(values) };
}
