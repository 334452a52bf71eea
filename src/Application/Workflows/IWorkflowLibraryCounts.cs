using Invoke.Domain.Users;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.Workflows;

/// <summary>
/// Counts of the library's large views (every shared workflow, an administrator's whole library)
/// kept up to date as workflows change, so that a page's total does not grow with the library.
/// </summary>
public interface IWorkflowLibraryCounts
{
    /// <summary>
    /// How many workflows match <paramref name="filter"/> as <paramref name="actor"/> sees them, or
    /// null when the counts cannot answer it (a scoped view, tags, search or the callable filter):
    /// then count the rows.
    /// </summary>
    Task<int?> TryCountAsync(Actor actor, WorkflowFilter filter, CancellationToken cancellationToken);

    /// <summary>Recomputes every count from the rows (after a bulk load that bypassed the application).</summary>
    Task RecountAsync(CancellationToken cancellationToken);
}
