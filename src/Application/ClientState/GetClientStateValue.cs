using FluentValidation;
using Invoke.Application.Security;
using Mediator;

namespace Invoke.Application.ClientState;

/// <summary>The caller's value for <paramref name="Key"/>, or null when none is stored.</summary>
[RequireUser]
public sealed record GetClientStateValueQuery(string Key) : IQuery<string?>;

internal sealed class GetClientStateValueValidator : AbstractValidator<GetClientStateValueQuery>
{
    public GetClientStateValueValidator() => RuleFor(q => q.Key).ValidClientStateKey();
}

internal sealed class GetClientStateValueHandler(IClientStateStore store, ICurrentUser currentUser)
    : IQueryHandler<GetClientStateValueQuery, string?>
{
    public async ValueTask<string?> Handle(GetClientStateValueQuery query, CancellationToken cancellationToken) =>
        await store.GetAsync(currentUser.RequireActor().UserId, query.Key, cancellationToken);
}
