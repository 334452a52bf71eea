using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>
/// An administrator changes an account; null leaves a field unchanged. A password change revokes
/// the account's tokens; an administrator changing their own password gets a replacement token.
/// </summary>
[RequireAdmin]
public sealed record UpdateUserCommand(string UserId, string? DisplayName = null, string? Password = null, bool? IsAdmin = null, bool? IsActive = null)
    : ICommand<UserChangeResult>;

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(c => c.DisplayName).ValidDisplayName().OverridePropertyName("body.display_name");
    }
}

internal sealed class UpdateUserHandler(
    IAppDbContext db,
    ICurrentUser currentUser,
    ServerMode mode,
    IPasswordHasher hasher,
    ITokenService tokens,
    IUserAdministrationLock administrationLock,
    TimeProvider time) : ICommandHandler<UpdateUserCommand, UserChangeResult>
{
    public async ValueTask<UserChangeResult> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await administrationLock.AcquireAsync(cancellationToken);
        var user = await db.Users.GetAsync(command.UserId, cancellationToken);
        var activeAdministrators = await db.Users.CountActiveAdministratorsAsync(cancellationToken);

        // InvokeAI's order: system-account protection, then the last administrator, then the password policy.
        user.EnsureAdministrativeChangeAllowed(command.IsAdmin, command.IsActive, command.Password is not null, activeAdministrators);
        if (command.Password is not null)
        {
            UserAdministration.CheckPassword(command.Password, mode.StrictPasswordChecking);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (command.DisplayName is not null)
        {
            user.Rename(command.DisplayName, now);
        }

        if (command.IsAdmin is { } isAdmin)
        {
            user.SetAdministrator(isAdmin, activeAdministrators, now);
        }

        if (command.IsActive is { } isActive)
        {
            user.SetActive(isActive, activeAdministrators, now);
        }

        if (command.Password is not null)
        {
            user.ChangePassword(hasher.Hash(command.Password), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var caller = currentUser.User;
        var changedOwnPassword = command.Password is not null && caller?.UserId == user.Id && user.IsActive;
        var replacement = changedOwnPassword
            ? await tokens.IssueReplacementTokenAsync(user, caller!.RememberMe, time, cancellationToken)
            : null;
        return new UserChangeResult(UserDto.From(user), replacement);
    }
}
