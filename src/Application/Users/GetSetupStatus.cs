using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>What the UI needs before anyone logs in: the mode, whether setup is needed, and whom to ask.</summary>
[AllowAnonymousRequest]
public sealed record GetSetupStatusQuery : IQuery<SetupStatusResponse>;

/// <summary>
/// <paramref name="AdminEmail"/> is the oldest active administrator's address, given only to
/// authenticated callers in multi-user mode (so a user can be told whom to ask to install models);
/// anonymous callers get null.
/// </summary>
public sealed record SetupStatusResponse(bool SetupRequired, bool MultiuserEnabled, bool StrictPasswordChecking, string? AdminEmail);

internal sealed class GetSetupStatusHandler(IAppDbContext db, ServerMode mode, ICurrentUser currentUser)
    : IQueryHandler<GetSetupStatusQuery, SetupStatusResponse>
{
    public async ValueTask<SetupStatusResponse> Handle(GetSetupStatusQuery query, CancellationToken cancellationToken)
    {
        if (!mode.MultiUser)
        {
            return new SetupStatusResponse(false, false, mode.StrictPasswordChecking, null);
        }

        var oldestAdminEmail = await db.Users
            .Where(u => u.IsAdmin && u.IsActive)
            .OrderBy(u => u.CreatedAt)
            .ThenBy(u => u.Id)
            .Select(u => u.Email)
            .FirstOrDefaultAsync(cancellationToken);

        var adminEmail = currentUser.User is null ? null : oldestAdminEmail;
        return new SetupStatusResponse(oldestAdminEmail is null, true, mode.StrictPasswordChecking, adminEmail);
    }
}
