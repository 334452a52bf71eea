using Ardalis.Specification;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Specifications;

/// <summary>
/// Who may open a single workflow: its owner, anyone when it is shared or a default, and
/// administrators.
/// </summary>
public sealed class WorkflowsReadableBySpec : Specification<Workflow>
{
    public WorkflowsReadableBySpec(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            var userId = actor.UserId;
            Query.Where(w => w.OwnerId == userId || w.IsPublic || w.Category == WorkflowCategory.Default);
        }
    }
}
