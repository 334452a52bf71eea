using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Invoke.Domain.Models.Specifications;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Models;

/// <summary>
/// The registered models matching the filters. With several bases, the models of each base come
/// in turn, in the order the bases were asked for (as InvokeAI lists them).
/// </summary>
[RequireUser]
public sealed record ListModelsQuery(
    IReadOnlyList<string>? Bases = null,
    string? Type = null,
    string? Name = null,
    string? Format = null,
    ModelOrderBy OrderBy = ModelOrderBy.Name,
    SortDirection Direction = SortDirection.Ascending) : IQuery<ModelsListDto>;

/// <summary>The filters are InvokeAI's enums: an unknown base, type or format is a 422, not an empty list.</summary>
internal sealed class ListModelsValidator : AbstractValidator<ListModelsQuery>
{
    public ListModelsValidator()
    {
        RuleFor(q => q.Bases).Custom((bases, context) =>
        {
            for (var i = 0; i < (bases?.Count ?? 0); i++)
            {
                if (!ModelTaxonomy.IsBase(bases![i]))
                {
                    context.AddFailure(ModelEnumRules.Failure($"query.base_models.{i}", bases[i], ModelTaxonomy.Bases));
                }
            }
        });
        RuleFor(q => q.Type).IsOneOf(ModelTaxonomy.Types).OverridePropertyName("query.model_type");
        RuleFor(q => q.Name).WithoutNul().OverridePropertyName("query.model_name");
        RuleFor(q => q.Format).IsOneOf(ModelTaxonomy.Formats).OverridePropertyName("query.model_format");
    }
}

internal sealed class ListModelsHandler(IAppDbContext db) : IQueryHandler<ListModelsQuery, ModelsListDto>
{
    public async ValueTask<ModelsListDto> Handle(ListModelsQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<string?> bases = query.Bases is { Count: > 0 } requested ? [.. requested.Distinct(StringComparer.Ordinal)] : [null];
        var configs = new List<RawJson>();
        foreach (var modelBase in bases)
        {
            var spec = new ModelsMatchingSpec(new ModelFilter(modelBase, query.Type, query.Name, query.Format), query.OrderBy, query.Direction);
            configs.AddRange(await db.Models.AsNoTracking().WithSpecification(spec).Select(m => new RawJson(ModelConfigKinds.Complete(m.Config))).ToListAsync(cancellationToken));
        }

        return new ModelsListDto(configs);
    }
}
