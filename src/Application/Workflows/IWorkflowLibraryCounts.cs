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

    /// <summary>
    /// Compares every maintained count with a count of the rows, while every save that would move a
    /// count waits; with <paramref name="repair"/>, replaces the counts by the rows' counts. Returns
    /// the counts that differed (empty when all agree).
    /// </summary>
    Task<IReadOnlyList<WorkflowCountDifference>> VerifyAsync(bool repair, CancellationToken cancellationToken);
}

/// <summary>A maintained count that does not agree with the rows: the workflows of one category, sharing and opened state.</summary>
public sealed record WorkflowCountDifference(string Category, bool IsPublic, bool IsOpened, long Stored, long Actual);
