using FluentValidation;
using Invoke.Application.Validation;
using Invoke.Domain.Models;

namespace Invoke.Application.Models;

/// <summary>The fields of a <c>ModelRecordChanges</c> body, located under <c>body</c>.</summary>
internal sealed class ModelChangesValidator : AbstractValidator<ModelChanges>
{
    public ModelChangesValidator()
    {
        RuleFor(c => c.Name)
            .Must(name => name is null || name.Trim().Length is > 0 and <= ModelLimits.MaxNameLength)
            .AsValueError(_ => $"A model name must have 1 to {ModelLimits.MaxNameLength} characters")
            .OverridePropertyName("body.name");
        TaxonomyRule(c => c.Base, "body.base");
        TaxonomyRule(c => c.Type, "body.type");
        TaxonomyRule(c => c.Format, "body.format");
    }

    private void TaxonomyRule(System.Linq.Expressions.Expression<Func<ModelChanges, string?>> field, string location) =>
        RuleFor(field)
            .Must(value => value is null || ModelTaxonomy.IsWellFormed(value))
            .AsValueError(value => $"'{value}' is not a model base, type or format identifier")
            .OverridePropertyName(location);
}
