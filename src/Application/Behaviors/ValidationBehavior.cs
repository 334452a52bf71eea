using FluentValidation;
using FluentValidation.Results;
using Invoke.Application.Errors;
using Invoke.Application.Validation;
using Mediator;

namespace Invoke.Application.Behaviors;

/// <summary>
/// Runs the request's validators one after another (they may share the scoped DbContext) and
/// reports every failure at once as a 422; a check marked as a bad request is a 400 when nothing else failed.
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
        string? badRequest = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in result.Errors)
            {
                if (failure.ErrorCode == ValidationRuleExtensions.BadRequestCode)
                {
                    badRequest ??= failure.ErrorMessage;
                }
                else
                {
                    (errors ??= []).Add(ToError(failure));
                }
            }
        }

        if (errors is not null)
        {
            throw new RequestValidationException(errors);
        }

        if (badRequest is not null)
        {
            throw new BadRequestException(badRequest);
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
