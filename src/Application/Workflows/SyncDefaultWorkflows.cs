using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.Workflows;

/// <summary>
/// Brings the database's default workflows in line with the ones this server ships: inserts new
/// ones, updates changed ones, removes ones no longer shipped. Run at start as the local operator.
/// </summary>
[RequireAdmin]
public sealed record SyncDefaultWorkflowsCommand : ICommand<DefaultWorkflowSyncResult>;

public sealed record DefaultWorkflowSyncResult(int Added, int Updated, int Removed);

internal sealed class SyncDefaultWorkflowsHandler(IAppDbContext db, IDefaultWorkflowCatalog catalog, TimeProvider time)
    : ICommandHandler<SyncDefaultWorkflowsCommand, DefaultWorkflowSyncResult>
{
    public async ValueTask<DefaultWorkflowSyncResult> Handle(SyncDefaultWorkflowsCommand command, CancellationToken cancellationToken) =>
        await db.RetryOnConflictAsync(() => SyncAsync(cancellationToken), cancellationToken);

    /// <summary>One attempt; an administrator opening a default meanwhile fails its save, and the sync starts again.</summary>
    private async Task<DefaultWorkflowSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stored = await db.Workflows
            .Where(w => w.Category == WorkflowCategory.Default)
            .ToDictionaryAsync(w => w.Id, StringComparer.Ordinal, cancellationToken);
        var shipped = catalog.Workflows.ToDictionary(w => w.Id, StringComparer.Ordinal);

        int added = 0, updated = 0, removed = 0;
        foreach (var (id, workflow) in shipped)
        {
            if (!stored.TryGetValue(id, out var existing))
            {
                db.Workflows.Add(Workflow.CreateDefault(id, workflow.Document, workflow.HasThumbnail, now));
                added++;
            }
            else if (existing.RefreshDefault(workflow.Document, workflow.HasThumbnail, now))
            {
                updated++;
            }
        }

        foreach (var dropped in stored.Values.Where(w => !shipped.ContainsKey(w.Id)))
        {
            db.Workflows.Remove(dropped);
            removed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DefaultWorkflowSyncResult(added, updated, removed);
    }
}
