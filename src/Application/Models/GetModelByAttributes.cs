using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>The model with this name, type and base (the old model manager's identity).</summary>
[RequireUser]
public sealed record GetModelByAttributesQuery(string Name, string Type, string Base) : IQuery<RawJson>;

internal sealed class GetModelByAttributesValidator : AbstractValidator<GetModelByAttributesQuery>
{
    public GetModelByAttributesValidator()
    {
        RuleFor(q => q.Name).WithoutNul().OverridePropertyName("query.name");
        RuleFor(q => q.Type).IsOneOf(ModelTaxonomy.Types).OverridePropertyName("query.type");
        RuleFor(q => q.Base).IsOneOf(ModelTaxonomy.Bases).OverridePropertyName("query.base");
    }
}

internal sealed class GetModelByAttributesHandler(IAppDbContext db) : IQueryHandler<GetModelByAttributesQuery, RawJson>
{
    public const string NotFound = "No model found with these attributes";

    public async ValueTask<RawJson> Handle(GetModelByAttributesQuery query, CancellationToken cancellationToken) =>
        await db.Models.FirstConfigAsync(new ModelFilter(query.Base, query.Type, query.Name), NotFound, cancellationToken);
}
