using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Application.Workflows;
using Invoke.Domain.Models.Specifications;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>A model by content hash: stable across reinstalls, unlike the key.</summary>
[RequireUser]
public sealed record GetModelByHashQuery(string Hash) : IQuery<RawJson>;

internal sealed class GetModelByHashValidator : AbstractValidator<GetModelByHashQuery>
{
    public GetModelByHashValidator()
    {
        RuleFor(r => r.Hash).WithoutNul().OverridePropertyName("query.hash");
    }
}

internal sealed class GetModelByHashHandler(IAppDbContext db) : IQueryHandler<GetModelByHashQuery, RawJson>
{
    public const string NotFound = "No model found with this hash";

    public async ValueTask<RawJson> Handle(GetModelByHashQuery query, CancellationToken cancellationToken) =>
        await db.Models.FirstConfigAsync(new ModelFilter(Hash: query.Hash), NotFound, cancellationToken);
}
