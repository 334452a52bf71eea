using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>
/// Every account, newest first. The <c>system</c> account is left out unless asked for (the CLI
/// lists it).
/// </summary>
[RequireAdmin]
public sealed record ListUsersQuery(bool IncludeSystemAccount = false) : IQuery<IReadOnlyList<UserDto>>;

internal sealed class ListUsersHandler(IAppDbContext db) : IQueryHandler<ListUsersQuery, IReadOnlyList<UserDto>>
{
    public async ValueTask<IReadOnlyList<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => query.IncludeSystemAccount || u.Id != SystemAccount.UserId)
            .OrderByDescending(u => u.CreatedAt)
            .ThenByDescending(u => u.Id)
            .ToListAsync(cancellationToken);
        return users.Select(UserDto.From).ToList();
    }
}
