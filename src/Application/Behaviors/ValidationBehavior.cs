using FluentValidation;
using FluentValidation.Results;
using Invoke.Application.Errors;
using Mediator;

namespace Invoke.Application.Behaviors;

/// <summary>
/// Runs the request's validators one after another (they may share the scoped DbContext) and
/// reports every failure at once as a 422.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        List<RequestValidationError>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                errors ??= [];
                errors.AddRange(result.Errors.Select(ToError));
            }
        }

        if (errors is not null)
        {
            throw new RequestValidationException(errors);
        }

        return await next(message, cancellationToken);
    }

    private static RequestValidationError ToError(ValidationFailure failure)
    {
        var loc = failure.PropertyName
            .Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(static segment => int.TryParse(segment, out var index) ? (object)index : segment)
            .ToArray();
        var type = string.IsNullOrEmpty(failure.ErrorCode) || failure.ErrorCode.EndsWith("Validator", StringComparison.Ordinal)
            ? "value_error"
            : failure.ErrorCode;
        return new RequestValidationError(
            type,
            loc,
            failure.ErrorMessage,
            failure.AttemptedValue,
            failure.CustomState as IReadOnlyDictionary<string, object?>);
    }
}
