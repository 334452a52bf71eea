using Invoke.Application.Errors;
using Invoke.Application.Persistence;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>
/// Changes that do not come with a whole document (sharing, "opened", the thumbnail flag, a delete)
/// are made to the row as it is now: when another request changed the workflow between the load
/// and the save, the save fails on the version check, and the change is made again to a fresh load.
/// </summary>
internal static class WorkflowConcurrency
{
    /// <summary>Attempts before giving up with 409; two requests racing need two.</summary>
    public const int MaxAttempts = 10;

    public const string TooManyConflicts = "The workflow is being changed by other requests at the same time; try again";

    /// <summary>Loads the workflow, applies <paramref name="change"/> and saves, again from a fresh load after a conflict.</summary>
    public static Task<Workflow> ChangeWorkflowAsync(
        this IAppDbContext db, string workflowId, Action<Workflow> change, CancellationToken cancellationToken) =>
        db.RetryOnConflictAsync(
            async () =>
            {
                var workflow = await db.Workflows.GetAsync(workflowId, cancellationToken);
                change(workflow);
                await db.SaveChangesAsync(cancellationToken);
                return workflow;
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="attempt"/> (load, change, save) until its save meets no concurrent change,
    /// forgetting everything loaded between attempts. A failed save wrote nothing (its transaction,
    /// count deltas included, is rolled back), so an attempt is always made on the current rows.
    /// </summary>
    public static async Task<T> RetryOnConflictAsync<T>(this IAppDbContext db, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (attempts < MaxAttempts)
            {
                db.ChangeTracker.Clear();

                // A short random pause, growing with the attempts, so that many racers spread out.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2 * attempts)), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new ConflictException(TooManyConflicts);
            }
        }
    }
}
