using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>One account by id (the <c>system</c> account too).</summary>
[RequireAdmin]
public sealed record GetUserQuery(string UserId) : IQuery<UserDto>;

internal sealed class GetUserHandler(IAppDbContext db) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken) =>
        UserDto.From(await db.Users.AsNoTracking().Where(u => u.Id == query.UserId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new Errors.NotFoundException(UserMessages.UserNotFound));
}
