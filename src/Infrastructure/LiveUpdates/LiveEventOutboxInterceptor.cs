using Invoke.Application.LiveUpdates;
using Invoke.Application.Security;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invoke.Infrastructure.LiveUpdates;

/// <summary>
/// Turns the workflow changes of a save into <c>live_events</c> rows of the same save, so an event
/// exists exactly when its change committed: a refused or failed command writes neither. Only a
/// user's workflow created, deleted, or changed in its document or sharing raises an event; opening
/// it, its thumbnail and the bundled default workflows do not.
/// </summary>
internal sealed class LiveEventOutboxInterceptor(ServerMode mode) : SaveChangesInterceptor
{
    private static readonly HashSet<string> EventfulProperties =
        [nameof(Workflow.Document), nameof(Workflow.IsPublic), nameof(Workflow.Name), nameof(Workflow.Description), nameof(Workflow.Tags)];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            AddEvents(context);
        }

        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            AddEvents(context);
        }

        return result;
    }

    private void AddEvents(DbContext context)
    {
        var changes = context.ChangeTracker.Entries<Workflow>().Select(Describe).OfType<WorkflowChange>().ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var now = DateTime.UtcNow;
        foreach (var liveEvent in changes.SelectMany(change => WorkflowLiveEvents.For(change, mode)))
        {
            context.Add(new LiveEventRecord
            {
                Name = liveEvent.Name,
                Rooms = string.Join(LiveEventRecord.RoomSeparator, liveEvent.Rooms),
                Payload = liveEvent.PayloadJson,
                CreatedAt = now,
            });
        }
    }

    private static WorkflowChange? Describe(EntityEntry<Workflow> entry)
    {
        var workflow = entry.Entity;
        if (workflow.Category == WorkflowCategory.Default)
        {
            return null;
        }

        var wasPublic = entry.Property(w => w.IsPublic).OriginalValue;
        return entry.State switch
        {
            EntityState.Added => new WorkflowChange(WorkflowChangeKind.Created, workflow.Id, workflow.OwnerId, workflow.IsPublic, workflow.IsPublic),
            EntityState.Deleted => new WorkflowChange(WorkflowChangeKind.Deleted, workflow.Id, workflow.OwnerId, wasPublic, wasPublic),
            EntityState.Modified when entry.Properties.Any(p => p.IsModified && EventfulProperties.Contains(p.Metadata.Name)) =>
                new WorkflowChange(WorkflowChangeKind.Updated, workflow.Id, workflow.OwnerId, wasPublic, workflow.IsPublic),
            _ => null,
        };
    }
}
