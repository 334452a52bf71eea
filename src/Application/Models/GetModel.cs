using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

/// <summary>One model's config, by key.</summary>
[RequireUser]
public sealed record GetModelQuery(string Key) : IQuery<RawJson>;

internal sealed class GetModelValidator : AbstractValidator<GetModelQuery>
{
    public GetModelValidator()
    {
        RuleFor(r => r.Key).WithoutNul().OverridePropertyName("path.key");
    }
}

internal sealed class GetModelHandler(IAppDbContext db) : IQueryHandler<GetModelQuery, RawJson>
{
    public async ValueTask<RawJson> Handle(GetModelQuery query, CancellationToken cancellationToken) =>
        new(ModelConfigKinds.Complete((await db.Models.AsNoTracking().GetAsync(query.Key, cancellationToken)).Config));
}
