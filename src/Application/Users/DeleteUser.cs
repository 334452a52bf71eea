using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>
/// An administrator deletes an account. The workflows it owned stay (administrators still see and
/// manage them).
/// </summary>
[RequireAdmin]
public sealed record DeleteUserCommand(string UserId) : ICommand;

internal sealed class DeleteUserHandler(IAppDbContext db, IUserAdministrationLock administrationLock) : ICommandHandler<DeleteUserCommand>
{
    public async ValueTask<Unit> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await administrationLock.AcquireAsync(cancellationToken);
        var user = await db.Users.GetAsync(command.UserId, cancellationToken);
        user.Delete(await db.Users.CountActiveAdministratorsAsync(cancellationToken));
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
