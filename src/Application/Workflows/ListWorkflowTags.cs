using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>Every distinct tag used by the workflows the caller sees with this filter, sorted.</summary>
[RequireUser]
public sealed record ListWorkflowTagsQuery(IReadOnlyCollection<WorkflowCategory>? Categories = null, bool? IsPublic = null)
    : IQuery<IReadOnlyList<string>>;

internal sealed class ListWorkflowTagsHandler(IAppDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListWorkflowTagsQuery, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(ListWorkflowTagsQuery query, CancellationToken cancellationToken)
    {
        var filter = new WorkflowFilter(Categories: query.Categories, IsPublic: query.IsPublic);
        var tagStrings = await db.Workflows
            .WhereSatisfies(new WorkflowsInLibrarySpec(currentUser.RequireActor(), filter))
            .Where(w => w.Tags != string.Empty)
            .Select(w => w.Tags)
            .Distinct()
            .ToListAsync(cancellationToken);

        return tagStrings
            .SelectMany(WorkflowTags.Split)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
