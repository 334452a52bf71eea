using FluentValidation;

namespace Invoke.Application.Validation;

/// <summary>
/// Shapes FluentValidation failures like the Pydantic errors InvokeAI's clients expect. Property
/// names are full locations (<c>query.page</c>, <c>body.workflow.meta.version</c>).
/// </summary>
public static class ValidationRuleExtensions
{
    /// <summary>The error code of a check that fails with a 400 <c>{"detail"}</c> rather than a 422 item.</summary>
    public const string BadRequestCode = "bad_request";

    /// <summary>
    /// A check InvokeAI reports as a 400 with <paramref name="detail"/> (such as a body that names
    /// another record than the URL). It is only reported when the request has no 422 problems.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> AsBadRequest<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string detail) =>
        rule.WithErrorCode(BadRequestCode).WithMessage(detail);

    /// <summary>A custom check failing with Pydantic's <c>value_error</c> type and "Value error, " prefix.</summary>
    public static IRuleBuilderOptions<T, TProperty> AsValueError<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, Func<TProperty, string> message) =>
        rule.WithErrorCode("value_error")
            .WithMessage((_, value) => "Value error, " + message(value))
            .WithState((_, value) => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["error"] = message(value) });

    public static IRuleBuilderOptions<T, int?> NotNegative<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(static value => value is null or >= 0)
            .WithErrorCode("greater_than_equal")
            .WithMessage("Input should be greater than or equal to 0")
            .WithState(static _ => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["ge"] = 0 });

    /// <summary>Pydantic's <c>max_length</c> check of a string: <c>string_too_long</c> with the limit in <c>ctx</c>.</summary>
    public static IRuleBuilderOptions<T, string?> AtMostCharacters<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(value => value is null || value.Length <= maxLength)
            .WithErrorCode("string_too_long")
            .WithMessage($"String should have at most {maxLength} characters")
            .WithState(_ => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["max_length"] = maxLength });

    /// <summary>Why text holding U+0000 is refused: PostgreSQL <c>text</c> cannot store it, so no provider accepts it.</summary>
    public const string NulMessage = "Text may not contain the NUL character (\\u0000)";

    /// <summary>A <c>value_error</c> when the text holds a NUL character; null passes.</summary>
    public static IRuleBuilderOptions<T, string?> WithoutNul<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(static value => value is null || !value.Contains('\0', StringComparison.Ordinal)).AsValueError(_ => NulMessage);

    /// <summary>A <c>value_error</c> at <c><paramref name="location"/>.index</c> for each item holding a NUL character.</summary>
    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> EachWithoutNul<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, string location) =>
        rule.Custom((items, context) =>
        {
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (items![i].Contains('\0', StringComparison.Ordinal))
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure($"{location}.{i}", "Value error, " + NulMessage, items[i])
                    {
                        ErrorCode = "value_error",
                        CustomState = new Dictionary<string, object?> { ["error"] = NulMessage },
                    });
                }
            }
        });
}
