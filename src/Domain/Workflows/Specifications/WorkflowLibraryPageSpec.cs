using Ardalis.Specification;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Specifications;

/// <summary>One page of a library screen, as the given user sees the library.</summary>
public sealed class WorkflowLibraryPageSpec : Specification<Workflow>
{
    public WorkflowLibraryPageSpec(
        Actor actor, WorkflowFilter filter, WorkflowOrderBy orderBy, SortDirection direction, int page, int? perPage)
    {
        Query.ViewedBy(actor, filter).OrderedBy(orderBy, direction);
        if (perPage is > 0)
        {
            // A page far past the end skips everything rather than overflowing.
            Query.Skip((int)Math.Min((long)page * perPage.Value, int.MaxValue)).Take(perPage.Value);
        }
    }
}
