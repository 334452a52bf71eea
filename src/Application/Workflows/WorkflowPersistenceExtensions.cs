using Invoke.Application.Errors;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

internal static class WorkflowPersistenceExtensions
{
    public const string NotFound = "Workflow not found";

    public const string NotAuthorizedToAccess = "Not authorized to access this workflow";

    /// <summary>Loads a workflow (for change, from the tracked set), or fails with 404 before any ownership check.</summary>
    public static async Task<Workflow> GetAsync(this IQueryable<Workflow> workflows, string workflowId, CancellationToken cancellationToken)
    {
        return await workflows.FirstOrDefaultAsync(w => w.Id == workflowId, cancellationToken)
            ?? throw new NotFoundException(NotFound);
    }
}
