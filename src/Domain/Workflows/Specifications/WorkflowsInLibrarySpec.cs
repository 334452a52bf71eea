using Ardalis.Specification;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Specifications;

/// <summary>Every workflow a library screen with this filter shows the given user (for tags and counts).</summary>
public sealed class WorkflowsInLibrarySpec : Specification<Workflow>
{
    public WorkflowsInLibrarySpec(Actor actor, WorkflowFilter filter)
    {
        Query.ViewedBy(actor, filter);
    }
}
