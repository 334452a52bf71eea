using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>For each requested tag, how many of the workflows the caller sees carry it (substring match).</summary>
[RequireUser]
public sealed record CountWorkflowsByTagQuery(
    IReadOnlyList<string> Tags,
    IReadOnlyCollection<WorkflowCategory>? Categories = null,
    bool? HasBeenOpened = null,
    bool? IsPublic = null) : IQuery<IReadOnlyDictionary<string, int>>;

internal sealed class CountWorkflowsByTagValidator : AbstractValidator<CountWorkflowsByTagQuery>
{
    public CountWorkflowsByTagValidator()
    {
        RuleFor(q => q.Tags).NotNull().WithErrorCode("missing").WithMessage("Field required").OverridePropertyName("query.tags");
    }
}

internal sealed class CountWorkflowsByTagHandler(IAppDbContext db, ICurrentUser currentUser)
    : IQueryHandler<CountWorkflowsByTagQuery, IReadOnlyDictionary<string, int>>
{
    /// <summary>
    /// One pass: the rows the caller sees, grouped by their tags string, then each requested tag
    /// summed over the groups whose tags contain it — the same count as one query per tag.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, int>> Handle(CountWorkflowsByTagQuery query, CancellationToken cancellationToken)
    {
        var filter = new WorkflowFilter(query.Categories, HasBeenOpened: query.HasBeenOpened, IsPublic: query.IsPublic);
        var groups = await db.Workflows
            .WhereSatisfies(new WorkflowsInLibrarySpec(currentUser.RequireActor(), filter))
            .GroupBy(w => w.TagSearchText)
            .Select(g => new { Tags = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tag in query.Tags)
        {
            var folded = WorkflowSearch.Fold(tag.Trim());
            counts[tag] = WorkflowSearch.CanMatch(folded)
                ? groups.Where(g => g.Tags.Contains(folded, StringComparison.Ordinal)).Sum(g => g.Count)
                : 0;
        }

        return counts;
    }
}
