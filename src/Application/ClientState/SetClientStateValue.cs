using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.ClientState;

/// <summary>Stores the caller's <paramref name="Value"/> under <paramref name="Key"/>; answers the value, as InvokeAI does.</summary>
[RequireUser]
public sealed record SetClientStateValueCommand(string Key, string Value) : ICommand<string>;

internal sealed class SetClientStateValueValidator : AbstractValidator<SetClientStateValueCommand>
{
    public SetClientStateValueValidator()
    {
        RuleFor(c => c.Key).ValidClientStateKey();
        RuleFor(c => c.Value)
            .NotNull()
            .MaximumLength(ClientStateLimits.MaxValueLength)
            .WithMessage($"The value may have at most {ClientStateLimits.MaxValueLength} characters")
            .OverridePropertyName("body");
    }
}

internal sealed class SetClientStateValueHandler(IClientStateStore store, ICurrentUser currentUser)
    : ICommandHandler<SetClientStateValueCommand, string>
{
    public async ValueTask<string> Handle(SetClientStateValueCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireActor().UserId;
        if (!await store.SetAsync(userId, command.Key, command.Value, ClientStateLimits.MaxKeysPerUser, cancellationToken))
        {
            throw new BadRequestException(ClientStateLimits.TooManyKeys);
        }

        return command.Value;
    }
}

internal static class ClientStateValidation
{
    public static IRuleBuilderOptions<T, string> ValidClientStateKey<T>(this IRuleBuilder<T, string> key) =>
        key.NotEmpty()
            .WithMessage("The key must not be empty")
            .MaximumLength(ClientStateLimits.MaxKeyLength)
            .WithMessage($"The key may have at most {ClientStateLimits.MaxKeyLength} characters")
            .OverridePropertyName("query.key");
}
