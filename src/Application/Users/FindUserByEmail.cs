using FluentValidation;
using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Users;

/// <summary>An account by its e-mail address, matched case-insensitively (the admin CLI addresses users this way).</summary>
[RequireAdmin]
public sealed record FindUserByEmailQuery(string Email) : IQuery<UserDto>;

internal sealed class FindUserByEmailValidator : AbstractValidator<FindUserByEmailQuery>
{
    public FindUserByEmailValidator()
    {
        RuleFor(q => q.Email).ValidEmail().OverridePropertyName("email");
    }
}

internal sealed class FindUserByEmailHandler(IAppDbContext db) : IQueryHandler<FindUserByEmailQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(FindUserByEmailQuery query, CancellationToken cancellationToken)
    {
        var key = UserValidation.ParsedEmail(query.Email).Key;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.EmailKey == key, cancellationToken)
            ?? throw new NotFoundException(UserMessages.UserNotFound);
        return UserDto.From(user);
    }
}
