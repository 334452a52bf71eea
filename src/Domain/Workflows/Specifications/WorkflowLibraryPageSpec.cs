using Ardalis.Specification;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Specifications;

/// <summary>One page of a library screen, as the given user sees the library.</summary>
public sealed class WorkflowLibraryPageSpec : Specification<Workflow>
{
    /// <param name="skip">Rows before the page: the page number times the page size.</param>
    /// <param name="perPage">Rows on the page; null or 0 for every matching row.</param>
    public WorkflowLibraryPageSpec(
        Actor actor, WorkflowFilter filter, WorkflowOrderBy orderBy, SortDirection direction, int skip, int? perPage)
    {
        Query.Matching(filter).InLibraryOf(actor, filter).OrderedBy(orderBy, direction);
        if (perPage is > 0)
        {
            Query.Skip(skip).Take(perPage.Value);
        }
    }
}
