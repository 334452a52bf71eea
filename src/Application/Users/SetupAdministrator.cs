using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Users;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>Creates the first administrator of a multi-user server; closed once an active administrator exists.</summary>
[AllowAnonymousRequest]
public sealed record SetupAdministratorCommand(string Email, string? DisplayName, string Password) : ICommand<SetupResponse>;

public sealed record SetupResponse(bool Success, UserDto User);

internal sealed class SetupAdministratorValidator : AbstractValidator<SetupAdministratorCommand>
{
    public SetupAdministratorValidator()
    {
        RuleFor(c => c.Email).ValidEmail().OverridePropertyName("body.email");
        RuleFor(c => c.DisplayName).ValidDisplayName().OverridePropertyName("body.display_name");
    }
}

internal sealed class SetupAdministratorHandler(
    IAppDbContext db,
    ServerMode mode,
    IPasswordHasher hasher,
    IUserAdministrationLock administrationLock,
    TimeProvider time) : ICommandHandler<SetupAdministratorCommand, SetupResponse>
{
    public async ValueTask<SetupResponse> Handle(SetupAdministratorCommand command, CancellationToken cancellationToken)
    {
        if (!mode.MultiUser)
        {
            throw new ForbiddenException(UserMessages.SetupDisabledInSingleUserMode);
        }

        var email = UserValidation.ParsedEmail(command.Email);
        await using var transaction = await administrationLock.AcquireAsync(cancellationToken);
        if (await db.Users.CountActiveAdministratorsAsync(cancellationToken) > 0)
        {
            throw new BadRequestException(UserMessages.AdministratorAlreadyConfigured);
        }

        UserAdministration.CheckPassword(command.Password, mode.StrictPasswordChecking);
        if (await db.Users.EmailTakenAsync(email, cancellationToken))
        {
            throw new BadRequestException(UserMessages.EmailTaken(email.Value));
        }

        var admin = User.Register(email, command.DisplayName, hasher.Hash(command.Password), isAdmin: true, time.GetUtcNow().UtcDateTime);
        db.Users.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SetupResponse(true, UserDto.From(admin));
    }
}
