using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>For each requested category, how many workflows the caller sees in it.</summary>
[RequireUser]
public sealed record CountWorkflowsByCategoryQuery(
    IReadOnlyList<WorkflowCategory> Categories,
    bool? HasBeenOpened = null,
    bool? IsPublic = null) : IQuery<IReadOnlyDictionary<string, int>>;

internal sealed class CountWorkflowsByCategoryValidator : AbstractValidator<CountWorkflowsByCategoryQuery>
{
    public CountWorkflowsByCategoryValidator()
    {
        RuleFor(q => q.Categories).NotNull().WithErrorCode("missing").WithMessage("Field required").OverridePropertyName("query.categories");
    }
}

internal sealed class CountWorkflowsByCategoryHandler(IAppDbContext db, ICurrentUser currentUser, IWorkflowLibraryCounts counts)
    : IQueryHandler<CountWorkflowsByCategoryQuery, IReadOnlyDictionary<string, int>>
{
    public async ValueTask<IReadOnlyDictionary<string, int>> Handle(
        CountWorkflowsByCategoryQuery query, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in query.Categories.Distinct())
        {
            var filter = new WorkflowFilter([category], HasBeenOpened: query.HasBeenOpened, IsPublic: query.IsPublic);
            result[category.ToWireName()] = await counts.TryCountAsync(actor, filter, cancellationToken)
                ?? await db.Workflows.WhereSatisfies(new WorkflowsInLibrarySpec(actor, filter)).CountAsync(cancellationToken);
        }

        return result;
    }
}
