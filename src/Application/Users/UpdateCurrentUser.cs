using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>
/// The caller changes their own display name and/or password (the current password is required
/// for the latter, and its checks are throttled as logins are, from <paramref name="ClientAddress"/>:
/// a stolen token cannot guess the password). E-mail, role and active flag cannot be changed here.
/// </summary>
[RequireUser]
public sealed record UpdateCurrentUserCommand(string? DisplayName, string? CurrentPassword, string? NewPassword, string? ClientAddress = null)
    : ICommand<UserChangeResult>;

internal sealed class UpdateCurrentUserValidator : AbstractValidator<UpdateCurrentUserCommand>
{
    public UpdateCurrentUserValidator()
    {
        RuleFor(c => c.DisplayName).ValidDisplayName().OverridePropertyName("body.display_name");
    }
}

internal sealed class UpdateCurrentUserHandler(
    IAppDbContext db,
    ICurrentUser currentUser,
    ServerMode mode,
    IPasswordHasher hasher,
    ITokenService tokens,
    ILoginThrottle throttle,
    TimeProvider time) : ICommandHandler<UpdateCurrentUserCommand, UserChangeResult>
{
    public async ValueTask<UserChangeResult> Handle(UpdateCurrentUserCommand command, CancellationToken cancellationToken)
    {
        var caller = currentUser.User ?? throw new UnauthenticatedException(AccessMessages.AuthenticationRequired);
        var user = await db.Users.GetAsync(caller.UserId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        if (command.NewPassword is not null)
        {
            if (string.IsNullOrEmpty(command.CurrentPassword))
            {
                throw new BadRequestException(UserMessages.CurrentPasswordRequired);
            }

            if (await throttle.TryReserveAsync(user.EmailKey, command.ClientAddress, cancellationToken) is { } wait)
            {
                throw new TooManyRequestsException(UserMessages.TooManyLoginAttempts, wait);
            }

            if (!hasher.Verify(command.CurrentPassword, user.PasswordHash))
            {
                await throttle.RecordFailureAsync(user.EmailKey, command.ClientAddress, cancellationToken);
                throw new BadRequestException(UserMessages.CurrentPasswordIncorrect);
            }

            await throttle.RecordSuccessAsync(user.EmailKey, command.ClientAddress, cancellationToken);

            UserAdministration.CheckPassword(command.NewPassword, mode.StrictPasswordChecking);
            user.ChangePassword(hasher.Hash(command.NewPassword), now);
        }

        if (command.DisplayName is not null)
        {
            user.Rename(command.DisplayName, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var replacement = command.NewPassword is null
            ? null
            : await tokens.IssueReplacementTokenAsync(user, caller.RememberMe, time, cancellationToken);
        return new UserChangeResult(UserDto.From(user), replacement);
    }
}
