using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.Users;

/// <summary>The caller's own account.</summary>
[RequireUser]
public sealed record GetCurrentUserQuery : IQuery<UserDto>;

internal sealed class GetCurrentUserHandler(IAppDbContext db, ICurrentUser currentUser) : IQueryHandler<GetCurrentUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken) =>
        UserDto.From(await db.Users.GetAsync(currentUser.RequireActor().UserId, cancellationToken));
}
