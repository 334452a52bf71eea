using System.Linq.Expressions;
using Ardalis.Specification;
using Invoke.Domain.Rules;
using Invoke.Domain.Users;

namespace Invoke.Domain.Workflows.Specifications;

/// <summary>
/// Who may open a single workflow: its owner, anyone when it is shared or a default, and
/// administrators.
/// </summary>
public sealed class WorkflowsReadableBySpec : Specification<Workflow>
{
    /// <summary>
    /// The rule for a reader who is not an administrator, over the reader's user id: the form a
    /// query compiled once takes it in, with the id as one of its parameters.
    /// </summary>
    public static Expression<Func<Workflow, string, bool>> ReadableByUser { get; } =
        (w, userId) => w.OwnerId == userId || w.IsPublic || w.Category == WorkflowCategory.Default;

    public WorkflowsReadableBySpec(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            Query.Where(ReadableByUser.Bind(actor.UserId));
        }
    }
}
