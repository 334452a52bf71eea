using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>An administrator (or the admin CLI) creates an account.</summary>
[RequireAdmin]
public sealed record CreateUserCommand(string Email, string? DisplayName, string Password, bool IsAdmin = false) : ICommand<UserDto>;

internal sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).ValidEmail().OverridePropertyName("body.email");
        RuleFor(c => c.DisplayName).ValidDisplayName().OverridePropertyName("body.display_name");
    }
}

internal sealed class CreateUserHandler(IAppDbContext db, ServerMode mode, IPasswordHasher hasher, TimeProvider time)
    : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var email = UserValidation.ParsedEmail(command.Email);
        if (await db.Users.EmailTakenAsync(email, cancellationToken))
        {
            throw new BadRequestException(UserMessages.EmailTaken(email.Value));
        }

        UserAdministration.CheckPassword(command.Password, mode.StrictPasswordChecking);
        var user = User.Register(email, command.DisplayName, hasher.Hash(command.Password), command.IsAdmin, time.GetUtcNow().UtcDateTime);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same address between the check and the insert. Any
            // other failure keeps its own cause (a refused value, an unavailable database …).
            if (await db.Users.EmailTakenAsync(email, CancellationToken.None))
            {
                throw new BadRequestException(UserMessages.EmailTaken(email.Value));
            }

            throw;
        }

        return UserDto.From(user);
    }
}
