using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>
/// Makes sure the <c>system</c> account exists and is not a login account (undoing any tampering
/// with its row). Run at start as the local operator.
/// </summary>
[RequireAdmin]
public sealed record EnsureSystemAccountCommand : ICommand;

internal sealed class EnsureSystemAccountHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<EnsureSystemAccountCommand>
{
    public async ValueTask<Unit> Handle(EnsureSystemAccountCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var system = await db.Users.FirstOrDefaultAsync(u => u.Id == SystemAccount.UserId, cancellationToken);
        if (system is null)
        {
            db.Users.Add(User.CreateSystemAccount(now));
        }
        else if (!system.ResetSystemAccountProtection(now))
        {
            return Unit.Value;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (system is null)
        {
            // Another server instance created it at the same moment.
        }

        return Unit.Value;
    }
}
